package com.comptoir.processor.payments;

import java.time.Duration;

/**
 * SEPA Direct Debit test IBANs (fact sheet §6.4) and how long bank debits and Sofort take on the
 * processor clock. Live SEPA takes days; test mode settles on the clock, so a test advances it.
 */
final class TestBanks {
  private TestBanks() {}

  /** How long a debit stays {@code processing} before it settles. */
  static final Duration SEPA_SETTLEMENT = Duration.ofDays(3);
  static final Duration SEPA_DELAYED_SETTLEMENT = Duration.ofDays(5);
  static final Duration SOFORT_SETTLEMENT = Duration.ofDays(2);

  /** What a debit from this IBAN does. */
  record Outcome(boolean succeeds, boolean delayed, boolean disputed, String failureCode) {}

  static Outcome sepa(String iban) {
    // The pattern of Stripe's tables: the same endings across every SEPA country.
    if (iban.endsWith("343434")) {
      return new Outcome(false, false, false, "charge_exceeds_source_limit");
    }
    if (iban.endsWith("121212")) {
      return new Outcome(false, false, false, "charge_exceeds_weekly_limit");
    }
    if (iban.endsWith("2222227")) {
      return new Outcome(false, false, false, "insufficient_funds");
    }
    return switch (iban) {
      case "AT321904300235473204", "BE78510007547064", "DE08370400440532013003", "FR3020041010050500013M02609", "NL55RABO0300065267" ->
          new Outcome(true, true, false, null);
      case "AT861904300235473202", "BE68539007547034", "DE62370400440532013001", "FR8420041010050500013M02607", "NL91ABNA0417164300" ->
          new Outcome(false, false, false, "generic_could_not_process");
      case "AT051904300235473205", "BE51510007547065", "DE78370400440532013004", "FR7920041010050500013M02600", "NL28RABO0300065268" ->
          new Outcome(false, true, false, "generic_could_not_process");
      case "AT591904300235473203", "BE08510007547063", "DE35370400440532013002", "FR5720041010050500013M02608", "NL82RABO0300065266" ->
          new Outcome(true, false, true, null);
      default -> new Outcome(true, false, false, null);
    };
  }
}

package com.comptoir.processor.testmode;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SEPA Direct Debit test IBANs (fact sheet §6.4) and how long bank debits and Sofort take on the
 * processor clock. Live SEPA takes days; test mode settles on the clock, so a test advances it.
 */
public final class TestIbans {
  private TestIbans() {}

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** How long a debit stays {@code processing} before it settles. */
  public static final Duration SEPA_SETTLEMENT = Duration.ofDays(3);
  public static final Duration SEPA_DELAYED_SETTLEMENT = Duration.ofDays(5);
  public static final Duration SOFORT_SETTLEMENT = Duration.ofDays(2);

  /** The kinds of {@code pm_<kind>_<cc>} SEPA test tokens, and their countries. */
  public static final List<String> TOKEN_KINDS = List.of("success", "successDelayed", "failed", "failedDelayed", "disputed");
  public static final List<String> TOKEN_COUNTRIES = List.of("AT", "BE", "DE", "FR", "NL");

  /**
   * IBAN endings that fail in every SEPA country (the pattern of Stripe's tables), checked in this
   * order, with the failure code.
   */
  public static final Map<String, String> FAILING_ENDINGS = orderedMap(
      "343434", "charge_exceeds_source_limit", "121212", "charge_exceeds_weekly_limit", "2222227", "insufficient_funds");

  /** What a debit from this IBAN does. */
  public record Outcome(boolean succeeds, boolean delayed, boolean disputed, String failureCode) {}

  /** The IBAN behind a {@code pm_<kind>_<cc>} SEPA test token, or null when there is no such token. */
  public static String iban(String kind, String country) {
    String iban = switch (kind + "_" + country) {
      case "success_AT" -> "AT611904300234573201";
      case "success_BE" -> "BE62510007547061";
      case "success_DE" -> "DE89370400440532013000";
      case "success_FR" -> "FR1420041010050500013M02606";
      case "success_NL" -> "NL39RABO0300065264";
      case "successDelayed_AT" -> "AT321904300235473204";
      case "successDelayed_BE" -> "BE78510007547064";
      case "successDelayed_DE" -> "DE08370400440532013003";
      case "successDelayed_FR" -> "FR3020041010050500013M02609";
      case "successDelayed_NL" -> "NL55RABO0300065267";
      case "failed_AT" -> "AT861904300235473202";
      case "failed_BE" -> "BE68539007547034";
      case "failed_DE" -> "DE62370400440532013001";
      case "failed_FR" -> "FR8420041010050500013M02607";
      case "failed_NL" -> "NL91ABNA0417164300";
      case "failedDelayed_AT" -> "AT051904300235473205";
      case "failedDelayed_BE" -> "BE51510007547065";
      case "failedDelayed_DE" -> "DE78370400440532013004";
      case "failedDelayed_FR" -> "FR7920041010050500013M02600";
      case "failedDelayed_NL" -> "NL28RABO0300065268";
      case "disputed_AT" -> "AT591904300235473203";
      case "disputed_BE" -> "BE08510007547063";
      case "disputed_DE" -> "DE35370400440532013002";
      case "disputed_FR" -> "FR5720041010050500013M02608";
      case "disputed_NL" -> "NL82RABO0300065266";
      default -> null;
    };
    return iban;
  }

  /** What a debit from {@code iban} does. */
  public static Outcome sepa(String iban) {
    for (var ending : FAILING_ENDINGS.entrySet()) {
      if (iban.endsWith(ending.getKey())) {
        return new Outcome(false, false, false, ending.getValue());
      }
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

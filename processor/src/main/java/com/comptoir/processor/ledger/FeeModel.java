package com.comptoir.processor.ledger;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Stripe-like pricing read from data ({@code ledger_fee_rules}, seeded from the fact sheet §7.6;
 * change the rows to change the prices, on every instance at once). The connected account pays the
 * processing fee on direct charges.
 *
 * <p>Rounding: the percentage part is rounded half up to the minor unit, and so is a fixed fee
 * restated in another currency; the sum is then capped when the rule has a cap.
 */
final class FeeModel {
  private FeeModel() {}

  /** One priced method: what {@code ledger_fee_rules} holds for it. */
  record Rule(String region, String method, String origin, int percentBps, long fixedMinor, String fixedCurrency, Long capMinor,
      long disputeFeeMinor, boolean disputeFeeReturnedOnWin) {}

  /** What a payment costs and what a dispute on it would cost, both in the charge currency. */
  record Price(long processingFee, long disputeFee, boolean disputeFeeReturnedOnWin) {}

  /**
   * The price of a payment of {@code amountMinor} in {@code currency} by {@code method} to an
   * account in {@code accountCountry}, paid with a card from {@code cardCountry} (null for methods
   * other than cards).
   */
  static Price price(Handle h, String accountCountry, String method, String cardCountry, long amountMinor, String currency) {
    if (amountMinor < 0) {
      throw new IllegalArgumentException("negative amount " + amountMinor);
    }
    String region = regionOf(h, accountCountry).orElse("*");
    String origin = "card".equals(method) ? origin(region, cardCountry == null ? null : regionOf(h, cardCountry).orElse(null), accountCountry, cardCountry) : "*";
    Rule rule = rule(h, region, method, origin);
    long percent = roundHalfUp(Math.multiplyExact(amountMinor, (long) rule.percentBps()), 10_000);
    long fee = Math.addExact(percent, restate(h, rule.fixedMinor(), rule.fixedCurrency(), currency));
    if (rule.capMinor() != null) {
      fee = Math.min(fee, restate(h, rule.capMinor(), rule.fixedCurrency(), currency));
    }
    return new Price(fee, restate(h, rule.disputeFeeMinor(), rule.fixedCurrency(), currency), rule.disputeFeeReturnedOnWin());
  }

  /**
   * Where a card comes from, relative to the account's pricing region: {@code domestic} within the
   * region (an EEA card on an EEA account), else the card's region in lower case ({@code eea},
   * {@code gb}, {@code us}), else {@code international}.
   */
  static String origin(String accountRegion, String cardRegion, String accountCountry, String cardCountry) {
    if (cardCountry == null || cardRegion == null) {
      return cardCountry != null && cardCountry.equals(accountCountry) ? "domestic" : "international";
    }
    return cardRegion.equals(accountRegion) ? "domestic" : cardRegion.toLowerCase();
  }

  static Rule rule(Handle h, String region, String method, String origin) {
    return h.createQuery("""
            SELECT region, method, origin, percent_bps, fixed_minor, fixed_currency, cap_minor, dispute_fee_minor,
                   dispute_fee_returned_on_win
            FROM ledger_fee_rules
            WHERE method = :method AND ((region = :region AND origin IN (:origin, '*', 'international')) OR (region = '*' AND origin = '*'))
            ORDER BY region = :region DESC, origin = :origin DESC, origin = '*' DESC
            LIMIT 1""")
        .bind("region", region).bind("method", method).bind("origin", origin)
        .map((rs, ctx) -> new Rule(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getString(6),
            rs.getObject(7) == null ? null : rs.getLong(7), rs.getLong(8), rs.getBoolean(9)))
        .findOne()
        .orElseThrow(() -> new IllegalStateException("no fee rule prices " + method + " for " + region
            + "; add one to ledger_fee_rules (a rule for region '*' and origin '*' covers every account)"));
  }

  private static Optional<String> regionOf(Handle h, String country) {
    if (country == null) {
      return Optional.empty();
    }
    return h.createQuery("SELECT region FROM ledger_fee_regions WHERE country = :c").bind("c", country.toUpperCase())
        .mapTo(String.class).findOne();
  }

  /** {@code amountMinor} of {@code from} as the round amount Stripe quotes in {@code to}; half up. */
  private static long restate(Handle h, long amountMinor, String from, String to) {
    if (amountMinor == 0 || from.equals(to)) {
      return amountMinor;
    }
    long fromUnits = units(h, from);
    long toUnits = units(h, to);
    return roundHalfUp(Math.multiplyExact(amountMinor, toUnits), fromUnits);
  }

  private static long units(Handle h, String currency) {
    return h.createQuery("SELECT units FROM ledger_fee_currency_units WHERE currency = :c").bind("c", currency)
        .mapTo(Long.class).findOne()
        .orElseThrow(() -> new IllegalStateException("no row in ledger_fee_currency_units for " + currency));
  }

  /** {@code numerator / denominator} rounded half up, for a non-negative numerator and positive denominator. */
  static long roundHalfUp(long numerator, long denominator) {
    if (numerator < 0 || denominator <= 0) {
      throw new IllegalArgumentException(numerator + " / " + denominator);
    }
    return Math.floorDiv(Math.addExact(numerator, denominator / 2), denominator);
  }
}

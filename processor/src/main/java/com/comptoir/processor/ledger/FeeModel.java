package com.comptoir.processor.ledger;

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
   * other than cards). One query: the regions, the rule and the currency units together.
   */
  static Price price(Handle h, String accountCountry, String method, String cardCountry, long amountMinor, String currency) {
    if (amountMinor < 0) {
      throw new IllegalArgumentException("negative amount " + amountMinor);
    }
    Priced priced = rule(h, accountCountry, method, cardCountry, currency);
    Rule rule = priced.rule();
    long percent = roundHalfUp(Math.multiplyExact(amountMinor, (long) rule.percentBps()), 10_000);
    long fee = Math.addExact(percent, priced.restate(rule.fixedMinor()));
    if (rule.capMinor() != null) {
      fee = Math.min(fee, priced.restate(rule.capMinor()));
    }
    return new Price(fee, priced.restate(rule.disputeFeeMinor()), rule.disputeFeeReturnedOnWin());
  }

  /** A rule with the units that restate its amounts in the charge currency. */
  private record Priced(Rule rule, String currency, long fixedUnits, long chargeUnits) {
    /** {@code amountMinor} of the rule's currency as the round amount Stripe quotes in the charge currency; half up. */
    long restate(long amountMinor) {
      if (amountMinor == 0 || rule.fixedCurrency().equals(currency)) {
        return amountMinor;
      }
      return roundHalfUp(Math.multiplyExact(amountMinor, chargeUnits), fixedUnits);
    }
  }

  /**
   * The rule for the account's pricing region ({@code *} outside every region) and the card's
   * origin: {@code domestic} within the region (an EEA card on an EEA account), else the card's
   * region in lower case ({@code eea}, {@code gb}, {@code us}), else {@code international}; then
   * the region's rule for any origin, its {@code international} rule, or the {@code *} rule.
   */
  private static Priced rule(Handle h, String accountCountry, String method, String cardCountry, String currency) {
    return h.createQuery("""
            WITH account AS (SELECT coalesce(min(region), '*') AS region FROM ledger_fee_regions WHERE country = :account_country),
                 card AS (SELECT min(region) AS region FROM ledger_fee_regions WHERE country = :card_country),
                 priced AS (
                   SELECT account.region,
                          CASE WHEN :method <> 'card' THEN '*'
                               WHEN card.region IS NULL THEN
                                 CASE WHEN :card_country = :account_country THEN 'domestic' ELSE 'international' END
                               WHEN card.region = account.region THEN 'domestic'
                               ELSE lower(card.region) END AS origin
                   FROM account, card)
            SELECT r.region, r.method, r.origin, r.percent_bps, r.fixed_minor, r.fixed_currency, r.cap_minor, r.dispute_fee_minor,
                   r.dispute_fee_returned_on_win, fixed.units, charged.units
            FROM priced
            JOIN ledger_fee_rules r ON r.method = :method
              AND ((r.region = priced.region AND r.origin IN (priced.origin, '*', 'international')) OR (r.region = '*' AND r.origin = '*'))
            JOIN ledger_fee_currency_units fixed ON fixed.currency = r.fixed_currency
            LEFT JOIN ledger_fee_currency_units charged ON charged.currency = :currency
            ORDER BY r.region = priced.region DESC, r.origin = priced.origin DESC, r.origin = '*' DESC
            LIMIT 1""")
        .bind("account_country", accountCountry == null ? null : accountCountry.toUpperCase())
        .bind("card_country", cardCountry == null ? null : cardCountry.toUpperCase())
        .bind("method", method).bind("currency", currency)
        .map((rs, ctx) -> {
          Rule rule = new Rule(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5), rs.getString(6),
              rs.getObject(7) == null ? null : rs.getLong(7), rs.getLong(8), rs.getBoolean(9));
          if (rs.getObject(11) == null && !rule.fixedCurrency().equals(currency)) {
            throw new IllegalStateException("no row in ledger_fee_currency_units for " + currency);
          }
          return new Priced(rule, currency, rs.getLong(10), rs.getLong(11));
        })
        .findOne()
        .orElseThrow(() -> new IllegalStateException("no fee rule prices " + method + " for an account in " + accountCountry
            + "; add one to ledger_fee_rules (a rule for region '*' and origin '*' covers every account)"));
  }

  /** {@code numerator / denominator} rounded half up, for a non-negative numerator and positive denominator. */
  static long roundHalfUp(long numerator, long denominator) {
    if (numerator < 0 || denominator <= 0) {
      throw new IllegalArgumentException(numerator + " / " + denominator);
    }
    return Math.floorDiv(Math.addExact(numerator, denominator / 2), denominator);
  }
}

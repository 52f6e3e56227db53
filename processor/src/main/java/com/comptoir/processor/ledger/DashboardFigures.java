package com.comptoir.processor.ledger;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What the platform's Dashboard Home charts of the ledger (its balances come from
 * {@link Ledger#balance}): sums of balance transactions, so the Dashboard shows the very figures
 * the API does. They are read from {@code ledger_daily_volume} (V27_1), the transactions' sums by
 * platform and UTC day that a trigger keeps in the statement writing each transaction (the ledger
 * audit checks them), so a chart reads a few rows a day however many payments were made.
 */
public final class DashboardFigures {
  private DashboardFigures() {}

  /** One day's (UTC, processor clock) sum of one currency. */
  public record DaySum(long epochDay, String currency, long amountMinor) {}

  /** One currency's sum over a period, with how many transactions made it. */
  public record CurrencySum(String currency, long amountMinor, long count) {}

  /**
   * The platform's application fees collected since UTC day {@code sinceEpochDay} (days since
   * 1970-01-01, that day included), by day and currency: its
   * {@code application_fee} balance transactions (refunds of fees are not netted: Stripe's chart of
   * collected fees shows them as collected).
   */
  public static List<DaySum> applicationFeesByDay(Handle h, String platformId, long sinceEpochDay) {
    return h.createQuery("""
            SELECT day, currency, sum(amount)::bigint FROM ledger_daily_volume
            WHERE platform = :platform AND NOT connected AND type = 'application_fee' AND day >= :since
            GROUP BY 1, 2 HAVING sum(count) > 0 ORDER BY 1, 2""")
        .bind("platform", platformId).bind("since", sinceEpochDay)
        .map((rs, c) -> new DaySum(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
  }

  /**
   * Gross volume on the platform's connected accounts since UTC day {@code sinceEpochDay} (that day
   * included), by currency: the
   * amounts of their charges' balance transactions ({@code charge} for cards, {@code payment} for
   * other methods), before fees and refunds, as Stripe's "Gross volume".
   */
  public static List<CurrencySum> connectedGrossVolume(Handle h, String platformId, long sinceEpochDay) {
    return h.createQuery("""
            SELECT currency, sum(amount)::bigint, sum(count)::bigint FROM ledger_daily_volume
            WHERE platform = :platform AND connected AND type IN ('charge', 'payment') AND day >= :since
            GROUP BY currency HAVING sum(count) > 0 ORDER BY currency""")
        .bind("platform", platformId).bind("since", sinceEpochDay)
        .map((rs, c) -> new CurrencySum(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
  }
}

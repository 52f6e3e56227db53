package com.comptoir.processor.ledger;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What the platform's Dashboard Home charts of the ledger (its balances come from
 * {@link Ledger#balance}): sums of balance transactions, so the Dashboard shows the very figures
 * the API does.
 */
public final class DashboardFigures {
  private DashboardFigures() {}

  /** One day's (UTC, processor clock) sum of one currency. */
  public record DaySum(long epochDay, String currency, long amountMinor) {}

  /** One currency's sum over a period, with how many transactions made it. */
  public record CurrencySum(String currency, long amountMinor, long count) {}

  /**
   * The platform's application fees collected since {@code sinceSeconds}, by day and currency: its
   * {@code application_fee} balance transactions (refunds of fees are not netted: Stripe's chart of
   * collected fees shows them as collected).
   */
  public static List<DaySum> applicationFeesByDay(Handle h, String platformId, long sinceSeconds) {
    return h.createQuery("""
            SELECT floor(created / 86400)::bigint AS day, currency, sum(amount) FROM ledger_balance_transactions
            WHERE account = :platform AND type = 'application_fee' AND created >= :since
            GROUP BY 1, 2 ORDER BY 1, 2""")
        .bind("platform", platformId).bind("since", sinceSeconds)
        .map((rs, c) -> new DaySum(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
  }

  /**
   * Gross volume on the platform's connected accounts since {@code sinceSeconds}, by currency: the
   * amounts of their charges' balance transactions ({@code charge} for cards, {@code payment} for
   * other methods), before fees and refunds, as Stripe's "Gross volume".
   */
  public static List<CurrencySum> connectedGrossVolume(Handle h, String platformId, long sinceSeconds) {
    return h.createQuery("""
            SELECT t.currency, sum(t.amount), count(*) FROM accounts a
            JOIN ledger_balance_transactions t ON t.account = a.id AND t.type IN ('charge', 'payment') AND t.created >= :since
            WHERE a.platform_id = :platform
            GROUP BY t.currency ORDER BY t.currency""")
        .bind("platform", platformId).bind("since", sinceSeconds)
        .map((rs, c) -> new CurrencySum(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
  }
}

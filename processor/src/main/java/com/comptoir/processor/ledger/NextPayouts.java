package com.comptoir.processor.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * What the account's payout schedule will pay out next, per currency: the payout that
 * {@link AccountDays} will make on the next payout day (the unswept balance transactions available
 * by then, as {@link Payouts#payOutAvailable} sweeps them), read from the same schedule and the same
 * rules, so the Dashboard never says something the ledger will not do.
 */
final class NextPayouts {
  private NextPayouts() {}

  static List<Ledger.NextPayout> of(Handle h, String accountId, long nowSeconds) {
    Holder holder = Holder.load(h, accountId);
    if (!holder.payoutsEnabled() || !holder.schedule().automatic()) {
      return List.of();
    }
    Map<String, Long> available = new TreeMap<>();
    // Two queries, each on its own partial index (ledger_bt_unswept, ledger_bt_pending).
    h.createQuery("""
            SELECT currency, sum(net) FROM ledger_balance_transactions
            WHERE account = :a AND status = 'available' AND payout IS NULL GROUP BY currency""")
        .bind("a", accountId).map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> available.put(e.getKey(), e.getValue()));
    // currency -> (available_on -> net becoming available then)
    Map<String, TreeMap<Long, Long>> pending = new TreeMap<>();
    h.createQuery("""
            SELECT currency, available_on, sum(net) FROM ledger_balance_transactions
            WHERE account = :a AND status = 'pending' GROUP BY currency, available_on""")
        .bind("a", accountId)
        .map((rs, c) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)})
        .forEach(row -> pending.computeIfAbsent((String) row[0], k -> new TreeMap<>()).put((Long) row[1], (Long) row[2]));
    java.util.Set<String> currencies = new java.util.TreeSet<>(available.keySet());
    currencies.addAll(pending.keySet());
    List<Ledger.NextPayout> out = new ArrayList<>();
    for (String currency : currencies) {
      if (holder.bankFor(currency).isEmpty()) {
        continue; // as payOutAvailable: only to a bank of that currency
      }
      TreeMap<Long, Long> becoming = pending.getOrDefault(currency, new TreeMap<>());
      long lastDay = becoming.isEmpty() ? 0 : PayoutSchedule.epochDay(becoming.lastKey());
      // Today's payout day ran at 00:00 UTC; the next one is from tomorrow on, and the first that
      // pays something is the one shown. Bounded: past the last pending funds, nothing changes.
      long from = PayoutSchedule.epochDay(nowSeconds) + 1;
      while (true) {
        OptionalLong day = holder.schedule().nextPayoutDay(from);
        if (day.isEmpty()) {
          break;
        }
        long payoutAt = PayoutSchedule.startOfDay(day.getAsLong());
        long amount = available.getOrDefault(currency, 0L)
            + becoming.headMap(payoutAt, true).values().stream().mapToLong(Long::longValue).sum();
        if (amount > 0 || (amount < 0 && holder.debitNegativeBalances())) {
          out.add(new Ledger.NextPayout(currency, amount, payoutAt, PayoutSchedule.arrivalDate(payoutAt)));
          break;
        }
        if (day.getAsLong() >= lastDay) {
          break;
        }
        from = day.getAsLong() + 1;
      }
    }
    return out;
  }
}

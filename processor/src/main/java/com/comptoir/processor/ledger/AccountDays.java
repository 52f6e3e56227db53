package com.comptoir.processor.ledger;

import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.time.Jobs;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * An account's day on the processor clock, at 00:00 UTC: funds due that day become available
 * ({@code balance.available}), and on a payout day the available balance is paid out. One job per
 * account and day, scheduled by whatever makes that day matter (a payment whose funds become
 * available then, available funds waiting for the next payout day); a clock moved a month ahead
 * replays the month day by day.
 */
final class AccountDays {
  static final String JOB = "ledger.account_day";

  private AccountDays() {}

  static void register(Jobs jobs) {
    jobs.register(JOB, AccountDays::run);
  }

  /** Takes the account's ledger lock for this transaction: one balance check-and-debit at a time per account. */
  static void lock(Handle h, String accountId) {
    h.execute("SELECT pg_advisory_xact_lock(hashtext('comptoir.ledger'), hashtext(?))", accountId);
  }

  /** After a credit: the day its funds become available, or the next payout day if they already are. */
  static void afterCredit(Handle h, Holder holder, BalanceTransactions.Spec spec) {
    if (spec.available()) {
      planPayout(h, holder, PayoutSchedule.epochDay(spec.created()) + 1);
    } else {
      schedule(h, holder, PayoutSchedule.epochDay(spec.availableOn()));
    }
  }

  /** Makes sure the account's next payout day on or after {@code fromEpochDay} will run. */
  static void planPayout(Handle h, Holder holder, long fromEpochDay) {
    OptionalLong day = holder.schedule().nextPayoutDay(fromEpochDay);
    if (day.isPresent()) {
      schedule(h, holder, day.getAsLong());
    }
  }

  /**
   * Account days this process has seen committed. Every payment asks for its account's day and its
   * platform's; once a day is in the jobs table, asking again is a wasted round trip. Safe to skip:
   * a day is only asked for before it comes (availability and payout days are in the future), so
   * the job is still there, and a day asked for in a transaction that rolled back is not recorded.
   * Bounded: cleared when full, which only costs the round trips again.
   */
  private static final Set<String> SCHEDULED = ConcurrentHashMap.newKeySet();
  private static final int MAX_REMEMBERED = 100_000;

  private static void schedule(Handle h, Holder holder, long epochDay) {
    String ref = holder.id() + "@" + epochDay;
    if (SCHEDULED.contains(ref)) {
      return;
    }
    Jobs.scheduleIfAbsent(h, holder.platformId(), JOB, ref, PayoutSchedule.startOfDay(epochDay) * 1000);
    h.afterCommit(() -> {
      if (SCHEDULED.size() >= MAX_REMEMBERED) {
        SCHEDULED.clear();
      }
      SCHEDULED.add(ref);
    });
  }

  private static void run(Handle h, String ref, long dueMillis) {
    int at = ref.lastIndexOf('@');
    String accountId = ref.substring(0, at);
    long day = Long.parseLong(ref.substring(at + 1));
    Optional<Holder> found = Holder.find(h, accountId);
    if (found.isEmpty()) {
      return; // the account is gone; so is its day
    }
    Holder holder = found.get();
    lock(h, accountId);
    long dueSeconds = Math.floorDiv(dueMillis, 1000);
    EventContext ctx = EventContext.automatic(holder.platformId(), dueMillis);
    Set<String> released = BalanceTransactions.release(h, accountId, dueSeconds, dueMillis);
    if (!released.isEmpty()) {
      Events.publish(h, ctx, accountId, "balance.available", Balances.render(h, holder), null);
    }
    if (holder.schedule().isPayoutDay(day)) {
      Payouts.payOutAvailable(h, ctx, holder, dueSeconds);
    }
    h.createQuery("""
            SELECT available_on FROM ledger_balance_transactions
            WHERE account = :a AND status = 'pending' ORDER BY available_on LIMIT 1""")
        .bind("a", accountId).mapTo(Long.class).findOne()
        .ifPresent(next -> schedule(h, holder, PayoutSchedule.epochDay(next)));
    if (Payouts.wouldPayOut(h, holder)) {
      planPayout(h, holder, day + 1);
    }
  }
}

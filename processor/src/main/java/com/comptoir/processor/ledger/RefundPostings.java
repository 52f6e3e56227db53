package com.comptoir.processor.ledger;

import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A refund's money (fact sheet §7.4), as named postings: made, succeeded (it reached the card
 * network or bank), failed (it came back). The refund leaves the account's available balance at
 * once (it may go negative; later funds cover it, or the bank is debited) into a clearing account,
 * and from there to the card network or bank when it succeeds. The processing fee is not returned.
 * With {@code refund_application_fee=true} the platform gives back a share of its fee in proportion
 * to the refund (all that is left on a full refund), shown on the refund's balance transaction as a
 * negative application fee.
 */
final class RefundPostings {
  private RefundPostings() {}

  static String made(Handle h, EventContext ctx, String accountId, ObjectNode charge, String refundId, long amount,
      boolean refundApplicationFee, boolean pending) {
    String chargeId = charge.get("id").asText();
    String currency = charge.get("currency").asText();
    AccountDays.lock(h, accountId);
    if (Balances.of(h, accountId).total(currency) < 0) {
      throw new NegativeBalanceException(accountId, currency);
    }
    String method = ChargeBooking.method(charge);
    long now = Math.floorDiv(ctx.nowMillis(), 1000);
    boolean full = charge.path("amount_refunded").asLong() + amount == charge.get("amount").asLong();
    List<Posting> postings = new ArrayList<>();
    List<BalanceTransactions.Fee> fees = new ArrayList<>();
    String txn = BalanceTransactions.newId();
    if (refundApplicationFee && charge.hasNonNull("application_fee")) {
      ObjectNode fee = ResourceStore.findForUpdate(h, ctx.platformId(), charge.get("application_fee").asText()).orElseThrow();
      long share = ApplicationFees.proportionalShare(fee, charge.get("amount").asLong(), amount, full);
      if (share > 0) {
        postings.addAll(ApplicationFees.refund(h, ctx, fee, share, Json.object(), txn).postings());
        fees.add(new BalanceTransactions.Fee("application_fee", -share, fee.get("application").asText(), "Application fee refund"));
      }
    }
    var spec = new BalanceTransactions.Spec(accountId, "card".equals(method) ? "refund" : "payment_refund", "refund", currency, -amount,
        fees, ChargeBooking.sourceType(method), refundId, "REFUND FOR CHARGE (" + chargeId + ")", true, now, now);
    BalanceTransactions.create(h, txn, spec);
    postings.add(BalanceTransactions.posting(txn, spec));
    postings.add(Posting.clearing(Posting.REFUNDS_IN_FLIGHT, currency, amount, refundId));
    if (!pending) {
      postings.add(Posting.clearing(Posting.REFUNDS_IN_FLIGHT, currency, -amount, refundId));
      postings.add(Posting.outside(Posting.outsideBucketFor(method), currency, amount));
    }
    Journal.post(h, "refund", refundId, ctx.nowMillis(), postings);
    AccountDays.planPayout(h, Holder.load(h, accountId), PayoutSchedule.epochDay(now) + 1);
    return txn;
  }

  static void succeeded(Handle h, ObjectNode charge, String refundId, String currency, long amount, long atMillis) {
    Journal.post(h, "refund_succeeded", refundId, atMillis, List.of(
        Posting.clearing(Posting.REFUNDS_IN_FLIGHT, currency, -amount, refundId),
        Posting.outside(Posting.outsideBucketFor(ChargeBooking.method(charge)), currency, amount)));
  }

  static String failed(Handle h, String accountId, ObjectNode charge, String refundId, String currency, long amount, long atMillis) {
    String method = ChargeBooking.method(charge);
    long now = Math.floorDiv(atMillis, 1000);
    // The money comes back from the card network to the account's available balance.
    String txn = BalanceTransactions.newId();
    var spec = BalanceTransactions.spec(accountId, "card".equals(method) ? "refund_failure" : "payment_failure_refund", currency,
        amount, List.of(), ChargeBooking.sourceType(method), refundId, true, now, now);
    BalanceTransactions.create(h, txn, spec);
    Journal.post(h, "refund_failed", refundId, atMillis, List.of(
        Posting.outside(Posting.outsideBucketFor(method), currency, -amount),
        BalanceTransactions.posting(txn, spec)));
    AccountDays.planPayout(h, Holder.load(h, accountId), PayoutSchedule.epochDay(now) + 1);
    return txn;
  }
}

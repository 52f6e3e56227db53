package com.comptoir.processor.ledger;

import com.comptoir.processor.events.EventContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A chargeback's money (fact sheet §7.5), as named postings: the disputed amount and the dispute
 * fee withdrawn from the account's available balance at once, and given back (the fee too where
 * the fee model says so) when the dispute is won. An inquiry moves no money until it escalates.
 */
final class DisputePostings {
  private DisputePostings() {}

  /** An {@code adjustment} with category {@code dispute}: the amount and the dispute fee leave the account. */
  static ObjectNode fundsWithdrawn(Handle h, EventContext ctx, String accountId, ObjectNode dispute, ObjectNode charge) {
    Holder holder = Holder.load(h, accountId);
    AccountDays.lock(h, accountId);
    String method = ChargeBooking.method(charge);
    String currency = dispute.get("currency").asText();
    long amount = dispute.get("amount").asLong();
    long fee = price(h, holder, charge).disputeFee();
    long now = Math.floorDiv(ctx.nowMillis(), 1000);
    String txn = BalanceTransactions.newId();
    var spec = new BalanceTransactions.Spec(accountId, "adjustment", "dispute", currency, -amount,
        List.of(new BalanceTransactions.Fee("stripe_fee", fee, null, "Dispute fee")), ChargeBooking.sourceType(method),
        dispute.get("id").asText(), "Chargeback withdrawal for " + charge.get("id").asText(), true, now, now);
    ObjectNode bt = BalanceTransactions.create(h, txn, spec);
    Journal.post(h, "dispute_withdrawal", dispute.get("id").asText(), ctx.nowMillis(), List.of(
        BalanceTransactions.posting(txn, spec),
        Posting.outside(Posting.outsideBucketFor(method), currency, amount),
        Posting.fees(currency, fee)));
    AccountDays.planPayout(h, holder, PayoutSchedule.epochDay(now) + 1);
    return bt;
  }

  /** Gives back what {@link #fundsWithdrawn} took (the fee too where the fee model says so): category {@code dispute_reversal}. */
  static ObjectNode fundsReinstated(Handle h, EventContext ctx, String accountId, ObjectNode dispute, ObjectNode charge) {
    Holder holder = Holder.load(h, accountId);
    String method = ChargeBooking.method(charge);
    String currency = dispute.get("currency").asText();
    long amount = dispute.get("amount").asLong();
    FeeModel.Price price = price(h, holder, charge);
    long fee = price.disputeFeeReturnedOnWin() ? price.disputeFee() : 0;
    long now = Math.floorDiv(ctx.nowMillis(), 1000);
    String txn = BalanceTransactions.newId();
    List<BalanceTransactions.Fee> fees = fee == 0 ? List.of()
        : List.of(new BalanceTransactions.Fee("stripe_fee", -fee, null, "Dispute fee refund"));
    var spec = new BalanceTransactions.Spec(accountId, "adjustment", "dispute_reversal", currency, amount, fees,
        ChargeBooking.sourceType(method), dispute.get("id").asText(), "Chargeback reversal for " + charge.get("id").asText(), true,
        now, now);
    ObjectNode bt = BalanceTransactions.create(h, txn, spec);
    Journal.post(h, "dispute_reinstatement", dispute.get("id").asText(), ctx.nowMillis(), List.of(
        BalanceTransactions.posting(txn, spec),
        Posting.outside(Posting.outsideBucketFor(method), currency, -amount),
        Posting.fees(currency, -fee)));
    AccountDays.planPayout(h, holder, PayoutSchedule.epochDay(now) + 1);
    return bt;
  }

  private static FeeModel.Price price(Handle h, Holder holder, ObjectNode charge) {
    return FeeModel.price(h, holder.country(), ChargeBooking.method(charge),
        charge.path("payment_method_details").path("card").path("country").asText(null), charge.get("amount").asLong(),
        charge.get("currency").asText());
  }
}

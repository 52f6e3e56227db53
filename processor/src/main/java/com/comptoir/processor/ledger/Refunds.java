package com.comptoir.processor.ledger;

import com.comptoir.processor.api.Metadata;

import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Currencies;
import com.comptoir.processor.api.Ids;
import com.comptoir.processor.api.Json;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.ResourceStore;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.time.Jobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Refunds ({@code re_}, {@code pyr_}; fact sheet §7.4), made on the account the charge is on.
 *
 * <p>Money: the refund leaves the account's available balance at once (it may go negative; later
 * funds cover it, or the bank is debited) into a clearing account, and from there to the card
 * network or bank when it succeeds. The processing fee is not returned. With
 * {@code refund_application_fee=true} the platform gives back a share of its fee in proportion
 * to the refund (all that is left on a full refund), shown on the refund's balance transaction as
 * a negative application fee.
 *
 * <p>Test cards (by the charge's {@code card.last4}): {@code 7726} refunds start
 * {@code pending} and succeed a little later; {@code 5126} refunds succeed, then fail a little
 * later and the money comes back.
 */
final class Refunds {
  static final String JOB = "ledger.refund";
  /** How long the test cards' refunds take to change status. */
  static final long TEST_CARD_DELAY_MILLIS = 60_000;

  private Refunds() {}

  static void register(StripeApi api, Jobs jobs) {
    api.post("/v1/refunds", object()
            .field("amount", integer().min(1).max(Currencies.MAX_AMOUNT))
            .field("charge", string())
            .field("payment_intent", string())
            .field("reason", oneOf("duplicate", "fraudulent", "requested_by_customer"))
            .field("refund_application_fee", bool())
            .field("reverse_transfer", bool())
            .field("instructions_email", string())
            .field("metadata", metadata()),
        Refunds::create);
    api.get("/v1/refunds", Lists.params().field("charge", string()).field("payment_intent", string()), Refunds::list);
    api.get("/v1/refunds/{refund}", object(), (r, h) -> find(h, r.caller().accountId(), r.pathParam("refund")));
    api.post("/v1/refunds/{refund}", object().field("metadata", metadata()), Refunds::update);
    api.post("/v1/refunds/{refund}/cancel", object(), Refunds::cancel);
    api.expander().register("refund", "balance_transaction", "charge", "payment_intent", "failure_balance_transaction");
    // Charge.refunds is includable (2022-11-15): the charge keeps its list, and expand[]=refunds is accepted for it.
    api.expander().register("charge", "refunds", (h, caller, charge, field) -> refundsList(charge));
    jobs.register(JOB, Refunds::step);
  }

  private static ObjectNode find(Handle h, String account, String id) {
    return ResourceStore.find(h, account, id).filter(r -> "refund".equals(r.path("object").asText()))
        .orElseThrow(() -> StripeError.noSuch("refund", id, "id"));
  }

  private static ObjectNode create(ApiRequest r, Handle h) {
    Params p = r.params();
    String accountId = r.caller().accountId();
    if (Boolean.TRUE.equals(p.bool("reverse_transfer"))) {
      throw StripeError.invalid("reverse_transfer", "reverse_transfer can only be used on destination charges; this is a direct charge.");
    }
    ObjectNode charge = chargeToRefund(h, accountId, p.string("charge"), p.string("payment_intent"));
    String chargeId = charge.get("id").asText();
    long refundable = charge.get("amount").asLong() - charge.path("amount_refunded").asLong();
    if (refundable == 0) {
      throw StripeError.invalidRequest("charge_already_refunded", "charge", "Charge " + chargeId + " has already been refunded.");
    }
    long amount = p.integer("amount") == null ? refundable : p.integer("amount");
    String currency = charge.get("currency").asText();
    if (amount > refundable) {
      throw StripeError.invalid("amount", "Refund amount (" + Currencies.format(amount, currency)
          + ") is greater than unrefunded amount on charge (" + Currencies.format(refundable, currency) + ")");
    }
    if (Disputes.blocksRefund(h, accountId, chargeId)) {
      throw StripeError.invalidRequest("charge_disputed", "charge", "Charge " + chargeId + " has been charged back; cannot issue a refund.");
    }
    AccountDays.lock(h, accountId);
    if (Balances.of(h, accountId).total(currency) < 0) {
      throw StripeError.invalidRequest("balance_insufficient", null, "This account's " + currency + " balance is negative, so it"
          + " cannot issue refunds until later payments or a bank debit bring it back to zero.");
    }
    return refund(h, EventContext.of(r), accountId, charge, amount, p);
  }

  private static ObjectNode chargeToRefund(Handle h, String accountId, String chargeId, String paymentIntentId) {
    if (chargeId == null && paymentIntentId == null) {
      throw StripeError.invalidRequest("parameter_missing", "charge",
          "One of the following params should be provided for this request: payment_intent or charge.");
    }
    String id = chargeId;
    if (paymentIntentId != null) {
      ObjectNode pi = ResourceStore.find(h, accountId, paymentIntentId).filter(o -> "payment_intent".equals(o.path("object").asText()))
          .orElseThrow(() -> StripeError.noSuch("payment_intent", paymentIntentId, "payment_intent"));
      String latest = pi.path("latest_charge").asText(null);
      if (latest == null || !"succeeded".equals(pi.path("status").asText())) {
        throw StripeError.invalid("payment_intent", "This PaymentIntent (" + paymentIntentId + ") does not have a successful charge to refund.");
      }
      if (chargeId != null && !chargeId.equals(latest)) {
        throw StripeError.invalid("charge", "Charge " + chargeId + " does not belong to PaymentIntent " + paymentIntentId + ".");
      }
      id = latest;
    }
    String found = id;
    ObjectNode charge = ResourceStore.findForUpdate(h, accountId, id).filter(o -> "charge".equals(o.path("object").asText()))
        .orElseThrow(() -> StripeError.noSuch("charge", found, "charge"));
    if (!"succeeded".equals(charge.path("status").asText()) || charge.path("balance_transaction").isNull()) {
      throw StripeError.invalid("charge", "Charge " + id + " has not succeeded (it is " + charge.path("status").asText()
          + "), so there is nothing to refund.");
    }
    return charge;
  }

  /** Makes the refund: its entry, documents, the charge's new totals and the events. */
  private static ObjectNode refund(Handle h, EventContext ctx, String accountId, ObjectNode charge, long amount, Params p) {
    String chargeId = charge.get("id").asText();
    String currency = charge.get("currency").asText();
    String method = ChargeBooking.method(charge);
    String sourceType = ChargeBooking.sourceType(method);
    long now = Math.floorDiv(ctx.nowMillis(), 1000);
    String last4 = charge.path("payment_method_details").path("card").path("last4").asText("");
    boolean startsPending = "card".equals(method) && "7726".equals(last4);
    String id = Ids.next(chargeId.startsWith("py_") ? "pyr_" : "re_");
    ObjectNode before = charge.deepCopy();
    long refundedAfter = charge.path("amount_refunded").asLong() + amount;
    boolean full = refundedAfter == charge.get("amount").asLong();

    List<Posting> postings = new ArrayList<>();
    List<BalanceTransactions.Fee> fees = new ArrayList<>();
    String txn = BalanceTransactions.newId();
    if (Boolean.TRUE.equals(p.bool("refund_application_fee")) && charge.hasNonNull("application_fee")) {
      ObjectNode fee = ResourceStore.findForUpdate(h, ctx.platformId(), charge.get("application_fee").asText()).orElseThrow();
      long share = ApplicationFees.proportionalShare(fee, charge.get("amount").asLong(), amount, full);
      if (share > 0) {
        postings.addAll(ApplicationFees.refund(h, ctx, fee, share, Params.empty(), txn).postings());
        fees.add(new BalanceTransactions.Fee("application_fee", -share, fee.get("application").asText(), "Application fee refund"));
      }
    }
    var spec = new BalanceTransactions.Spec(accountId, "card".equals(method) ? "refund" : "payment_refund", "refund", currency, -amount,
        fees, sourceType, id, "REFUND FOR CHARGE (" + chargeId + ")", true, now, now);
    BalanceTransactions.create(h, txn, spec);
    postings.add(BalanceTransactions.posting(txn, spec));
    postings.add(Posting.clearing(Posting.REFUNDS_IN_FLIGHT, currency, amount, id));
    if (!startsPending) {
      postings.add(Posting.clearing(Posting.REFUNDS_IN_FLIGHT, currency, -amount, id));
      postings.add(Posting.outside(Posting.outsideBucketFor(method), currency, amount));
    }
    Journal.post(h, "refund", id, ctx.nowMillis(), postings);

    ObjectNode refund = Json.object();
    refund.put("id", id);
    refund.put("object", "refund");
    refund.put("amount", amount);
    refund.put("balance_transaction", txn);
    refund.put("charge", chargeId);
    refund.put("created", now);
    refund.put("currency", currency);
    if (p.string("instructions_email") != null) {
      refund.put("instructions_email", p.string("instructions_email"));
    }
    refund.putObject("metadata");
    Metadata.apply(refund, p);
    refund.put("payment_intent", charge.path("payment_intent").asText(null));
    refund.put("reason", p.string("reason"));
    refund.putNull("receipt_number");
    refund.putNull("source_transfer_reversal");
    refund.put("status", startsPending ? "pending" : "succeeded");
    refund.putNull("transfer_reversal");
    ResourceStore.insert(h, accountId, refund);

    charge.put("amount_refunded", refundedAfter);
    charge.put("refunded", full);
    ApplicationFees.embed(refundsList(charge), refund);
    ResourceStore.update(h, charge);
    Events.publish(h, ctx, accountId, "charge.refunded", charge, PreviousAttributes.of(before, charge));
    Events.publish(h, ctx, accountId, "refund.created", refund, null);
    if (startsPending) {
      Jobs.schedule(h, JOB, id + "@succeed", ctx.nowMillis() + TEST_CARD_DELAY_MILLIS);
    } else if ("card".equals(method) && "5126".equals(last4)) {
      Jobs.schedule(h, JOB, id + "@fail", ctx.nowMillis() + TEST_CARD_DELAY_MILLIS);
    }
    AccountDays.planPayout(h, Holder.load(h, accountId), PayoutSchedule.epochDay(now) + 1);
    return refund;
  }

  private static ObjectNode refundsList(ObjectNode charge) {
    if (!(charge.get("refunds") instanceof ObjectNode list) || !(list.get("data") instanceof ArrayNode)) {
      ObjectNode list = charge.putObject("refunds");
      list.put("object", "list");
      list.putArray("data");
      list.put("has_more", false);
      list.put("url", "/v1/charges/" + charge.get("id").asText() + "/refunds");
      return list;
    }
    return list;
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Lists.Filter filter = Lists.Filter.NONE.andEqual(r.params(), "charge", "payment_intent");
    return Lists.page(h, r.params(), r.caller().accountId(), "refund", "/v1/refunds", filter);
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    String accountId = r.caller().accountId();
    ObjectNode refund = ResourceStore.findForUpdate(h, accountId, r.pathParam("refund"))
        .filter(o -> "refund".equals(o.path("object").asText()))
        .orElseThrow(() -> StripeError.noSuch("refund", r.pathParam("refund"), "id"));
    ObjectNode before = refund.deepCopy();
    Metadata.apply(refund, r.params());
    ObjectNode previous = PreviousAttributes.of(before, refund);
    if (!previous.isEmpty()) {
      ResourceStore.update(h, refund);
      Events.publish(h, EventContext.of(r), accountId, "refund.updated", refund, previous);
    }
    return refund;
  }

  private static ObjectNode cancel(ApiRequest r, Handle h) {
    ObjectNode refund = find(h, r.caller().accountId(), r.pathParam("refund"));
    // Only refunds waiting for the customer's action can be canceled; card refunds never wait.
    throw StripeError.invalid(null, "Refund " + refund.get("id").asText() + " cannot be canceled: only refunds with status"
        + " requires_action can be, and this one is " + refund.get("status").asText() + ".");
  }

  // ----- the test cards' later status changes -----

  private static void step(Handle h, String ref, long dueMillis) {
    int at = ref.lastIndexOf('@');
    String id = ref.substring(0, at);
    var row = h.createQuery("SELECT owner, body::text FROM resources WHERE id = :id AND object = 'refund' FOR UPDATE")
        .bind("id", id).map((rs, c) -> Map.entry(rs.getString(1), Json.parseObject(rs.getString(2)))).findOne();
    if (row.isEmpty()) {
      return;
    }
    String accountId = row.get().getKey();
    ObjectNode refund = row.get().getValue();
    ObjectNode charge = ResourceStore.findForUpdate(h, accountId, refund.get("charge").asText()).orElseThrow();
    Holder holder = Holder.load(h, accountId);
    EventContext ctx = EventContext.automatic(holder.platformId(), dueMillis);
    String method = ChargeBooking.method(charge);
    String currency = refund.get("currency").asText();
    long amount = refund.get("amount").asLong();
    ObjectNode before = refund.deepCopy();
    ObjectNode chargeBefore = charge.deepCopy();
    long now = Math.floorDiv(dueMillis, 1000);
    switch (ref.substring(at + 1)) {
      case "succeed" -> {
        if (!"pending".equals(refund.get("status").asText())) {
          return;
        }
        Journal.post(h, "refund_succeeded", id, dueMillis, List.of(
            Posting.clearing(Posting.REFUNDS_IN_FLIGHT, currency, -amount, id),
            Posting.outside(Posting.outsideBucketFor(method), currency, amount)));
        refund.put("status", "succeeded");
      }
      case "fail" -> {
        if (!"succeeded".equals(refund.get("status").asText())) {
          return;
        }
        // The money comes back from the card network to the account's available balance.
        String txn = BalanceTransactions.newId();
        var spec = BalanceTransactions.spec(accountId, "card".equals(method) ? "refund_failure" : "payment_failure_refund", currency,
            amount, List.of(), ChargeBooking.sourceType(method), id, true, now, now);
        BalanceTransactions.create(h, txn, spec);
        Journal.post(h, "refund_failed", id, dueMillis, List.of(
            Posting.outside(Posting.outsideBucketFor(method), currency, -amount),
            BalanceTransactions.posting(txn, spec)));
        refund.put("status", "failed");
        refund.put("failure_balance_transaction", txn);
        refund.put("failure_reason", "expired_or_canceled_card");
        charge.put("amount_refunded", charge.get("amount_refunded").asLong() - amount);
        charge.put("refunded", false);
      }
      default -> throw new IllegalStateException("unknown refund step " + ref);
    }
    ResourceStore.update(h, refund);
    replaceEmbedded(charge, refund);
    ResourceStore.update(h, charge);
    ObjectNode previous = PreviousAttributes.of(before, refund);
    Events.publish(h, ctx, accountId, "charge.refund.updated", refund, previous);
    Events.publish(h, ctx, accountId, "refund.updated", refund, previous);
    if ("failed".equals(refund.get("status").asText())) {
      Events.publish(h, ctx, accountId, "charge.updated", charge, PreviousAttributes.of(chargeBefore, charge));
      AccountDays.planPayout(h, holder, PayoutSchedule.epochDay(now) + 1);
    }
  }

  private static void replaceEmbedded(ObjectNode charge, ObjectNode refund) {
    JsonNode data = charge.path("refunds").path("data");
    for (int i = 0; i < data.size(); i++) {
      if (refund.get("id").asText().equals(data.get(i).path("id").asText())) {
        ((ArrayNode) data).set(i, refund);
      }
    }
  }
}

package com.comptoir.processor.ledger;

import com.comptoir.processor.api.Metadata;

import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Ids;
import com.comptoir.processor.api.Json;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.ResourceStore;
import com.comptoir.processor.api.Shape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.time.Jobs;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Disputes ({@code dp_}; fact sheet §7.5) on the account the charge is on, which is liable for
 * them. A chargeback withdraws the disputed amount and the dispute fee from the account's
 * available balance at once; an inquiry moves no money until it is escalated.
 *
 * <p>Test evidence (fact sheet §6.3), read from {@code evidence[uncategorized_text]} when the
 * evidence is submitted, decides the dispute a minute later on the processor clock:
 * {@code winning_evidence} wins it (the amount and, as in Stripe's test mode, the fee come back),
 * {@code losing_evidence} loses it, {@code escalate_inquiry_evidence} turns an inquiry into a
 * chargeback. Unanswered, a dispute is lost (an inquiry closed) when its evidence is due.
 */
public final class Disputes {
  static final String JOB = "ledger.dispute";
  static final long DECISION_DELAY_MILLIS = 60_000;
  /** Days the account has to answer, as {@code evidence_details.due_by}. */
  static final int RESPONSE_DAYS = 7;

  static final List<String> EVIDENCE_FIELDS = List.of(
      "access_activity_log", "billing_address", "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal",
      "customer_communication", "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
      "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "receipt",
      "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "service_documentation",
      "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
      "uncategorized_file", "uncategorized_text");
  private static final Set<String> OPEN = Set.of("needs_response", "under_review", "warning_needs_response", "warning_under_review");
  private static final Map<String, String> NETWORK_REASON_CODES = Map.of(
      "fraudulent", "10.4", "product_not_received", "13.1", "product_unacceptable", "13.3", "duplicate", "12.6.1",
      "credit_not_processed", "13.6", "subscription_canceled", "13.2");

  private Disputes() {}

  /**
   * Opens a chargeback on a charge that has just been booked by {@link Ledger#chargeSucceeded}, in
   * the same transaction (the dispute test cards: 4000000000000259 {@code fraudulent},
   * 4000000000002685 {@code product_not_received}). Withdraws the amount and the dispute fee from
   * the account, sets {@code disputed=true} on {@code charge} (the caller stores it), and sends
   * {@code charge.dispute.created} and {@code charge.dispute.funds_withdrawn}.
   *
   * @param reason one of Stripe's dispute reasons ({@code fraudulent}, {@code product_not_received}, ...)
   * @return the dispute
   */
  public static ObjectNode open(Handle h, EventContext ctx, String accountId, String platformId, ObjectNode charge, String reason) {
    ObjectNode dispute = create(h, ctx, accountId, charge, reason, false);
    charge.put("disputed", true);
    return dispute;
  }

  /**
   * Opens an inquiry (the test card 4000000000001976): status {@code warning_needs_response}, no
   * money moved; otherwise as {@link #open}.
   */
  public static ObjectNode openInquiry(Handle h, EventContext ctx, String accountId, String platformId, ObjectNode charge,
      String reason) {
    ObjectNode dispute = create(h, ctx, accountId, charge, reason, true);
    charge.put("disputed", true);
    return dispute;
  }

  private static ObjectNode create(Handle h, EventContext ctx, String accountId, ObjectNode charge, String reason, boolean inquiry) {
    if (!"succeeded".equals(charge.path("status").asText()) || charge.path("balance_transaction").isNull()) {
      throw new IllegalArgumentException("only a booked, succeeded charge can be disputed: " + charge.path("id").asText());
    }
    long now = Math.floorDiv(ctx.nowMillis(), 1000);
    String id = Ids.next("dp_");
    ObjectNode dispute = Json.object();
    dispute.put("id", id);
    dispute.put("object", "dispute");
    dispute.put("amount", charge.get("amount").asLong() - charge.path("amount_refunded").asLong());
    dispute.putArray("balance_transactions");
    dispute.put("charge", charge.get("id").asText());
    dispute.put("created", now);
    dispute.put("currency", charge.get("currency").asText());
    ObjectNode evidence = dispute.putObject("evidence");
    EVIDENCE_FIELDS.forEach(evidence::putNull);
    ObjectNode details = dispute.putObject("evidence_details");
    long dueBy = PayoutSchedule.startOfDay(PayoutSchedule.epochDay(now) + RESPONSE_DAYS + 1) - 1;
    details.put("due_by", dueBy);
    details.put("has_evidence", false);
    details.put("past_due", false);
    details.put("submission_count", 0);
    dispute.put("is_charge_refundable", inquiry);
    dispute.put("livemode", false);
    dispute.putObject("metadata");
    dispute.put("payment_intent", charge.path("payment_intent").asText(null));
    if ("card".equals(ChargeBooking.method(charge))) {
      ObjectNode pmd = dispute.putObject("payment_method_details");
      ObjectNode card = pmd.putObject("card");
      card.put("brand", charge.path("payment_method_details").path("card").path("brand").asText("visa"));
      card.put("network_reason_code", NETWORK_REASON_CODES.get(reason));
      pmd.put("type", "card");
    }
    dispute.put("reason", reason);
    dispute.put("status", inquiry ? "warning_needs_response" : "needs_response");
    if (!inquiry) {
      withdraw(h, ctx, accountId, dispute, charge);
    }
    ResourceStore.insert(h, accountId, dispute);
    Events.publish(h, ctx, accountId, "charge.dispute.created", dispute, null);
    if (!inquiry) {
      Events.publish(h, ctx, accountId, "charge.dispute.funds_withdrawn", dispute, null);
    }
    Jobs.schedule(h, JOB, id + "@due", (dueBy + 1) * 1000);
    return dispute;
  }

  /**
   * Takes the disputed amount and the dispute fee from the account: an {@code adjustment} with
   * category {@code dispute}, added to the dispute's {@code balance_transactions} (the caller stores it).
   */
  private static void withdraw(Handle h, EventContext ctx, String accountId, ObjectNode dispute, ObjectNode charge) {
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
    ((ArrayNode) dispute.get("balance_transactions")).add(bt);
    dispute.put("is_charge_refundable", false);
    AccountDays.planPayout(h, holder, PayoutSchedule.epochDay(now) + 1);
  }

  /** Gives back what {@link #withdraw} took (the fee too where the fee model says so): category {@code dispute_reversal}. */
  private static void reinstate(Handle h, EventContext ctx, String accountId, ObjectNode dispute, ObjectNode charge) {
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
    ((ArrayNode) dispute.get("balance_transactions")).add(bt);
    dispute.put("is_charge_refundable", true);
    AccountDays.planPayout(h, holder, PayoutSchedule.epochDay(now) + 1);
  }

  private static FeeModel.Price price(Handle h, Holder holder, ObjectNode charge) {
    return FeeModel.price(h, holder.country(), ChargeBooking.method(charge),
        charge.path("payment_method_details").path("card").path("country").asText(null), charge.get("amount").asLong(),
        charge.get("currency").asText());
  }

  /** True while a chargeback on the charge keeps it from being refunded (open, or lost). */
  static boolean blocksRefund(Handle h, String accountId, String chargeId) {
    return h.createQuery("""
            SELECT count(*) FROM resources WHERE owner = :a AND object = 'dispute' AND body ->> 'charge' = :charge
              AND body ->> 'status' IN ('needs_response', 'under_review', 'lost')""")
        .bind("a", accountId).bind("charge", chargeId).mapTo(Integer.class).one() > 0;
  }

  // ----- API -----

  static void register(StripeApi api, Jobs jobs) {
    Shape.ObjectShape evidence = object();
    EVIDENCE_FIELDS.forEach(f -> evidence.field(f, string(f.equals("uncategorized_text") ? 20_000 : 150_000).emptyable()));
    api.get("/v1/disputes", Lists.params().field("charge", string()).field("payment_intent", string()), Disputes::list);
    api.get("/v1/disputes/{dispute}", object(), (r, h) -> find(h, r.caller().accountId(), r.pathParam("dispute")));
    api.post("/v1/disputes/{dispute}", object().field("evidence", evidence).field("metadata", metadata()).field("submit", bool()),
        Disputes::update);
    api.post("/v1/disputes/{dispute}/close", object(), Disputes::close);
    api.expander().register("dispute", "charge", "payment_intent");
    jobs.register(JOB, Disputes::step);
  }

  private static ObjectNode find(Handle h, String account, String id) {
    return ResourceStore.find(h, account, id).filter(d -> "dispute".equals(d.path("object").asText()))
        .orElseThrow(() -> StripeError.noSuch("dispute", id, "dispute"));
  }

  private static ObjectNode findForUpdate(Handle h, String account, String id) {
    return ResourceStore.findForUpdate(h, account, id).filter(d -> "dispute".equals(d.path("object").asText()))
        .orElseThrow(() -> StripeError.noSuch("dispute", id, "dispute"));
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Lists.Filter filter = Lists.Filter.NONE.andEqual(r.params(), "charge", "payment_intent");
    return Lists.page(h, r.params(), r.caller().accountId(), "dispute", "/v1/disputes", filter);
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    String accountId = r.caller().accountId();
    ObjectNode dispute = findForUpdate(h, accountId, r.pathParam("dispute"));
    ObjectNode before = dispute.deepCopy();
    Params p = r.params();
    String status = dispute.get("status").asText();
    boolean changesEvidence = p.has("evidence") || Boolean.TRUE.equals(p.bool("submit"));
    if (changesEvidence && !OPEN.contains(status)) {
      throw StripeError.invalid(null, "This dispute is already closed (" + status + "); its evidence can no longer change.");
    }
    if (changesEvidence && status.endsWith("under_review")) {
      throw StripeError.invalid("evidence", "The evidence for this dispute has been submitted already and is under review.");
    }
    Params evidence = p.object("evidence");
    if (evidence != null) {
      ObjectNode stored = (ObjectNode) dispute.get("evidence");
      for (String field : evidence.names()) {
        if (evidence.isUnset(field)) {
          stored.putNull(field);
        } else {
          stored.put(field, evidence.string(field));
        }
      }
      boolean any = EVIDENCE_FIELDS.stream().anyMatch(f -> !stored.path(f).isNull());
      ((ObjectNode) dispute.get("evidence_details")).put("has_evidence", any);
    }
    Metadata.apply(dispute, p);
    boolean submit = p.has("evidence") && !Boolean.FALSE.equals(p.bool("submit")) || Boolean.TRUE.equals(p.bool("submit"));
    EventContext ctx = EventContext.of(r);
    if (submit) {
      ObjectNode details = (ObjectNode) dispute.get("evidence_details");
      details.put("submission_count", details.get("submission_count").asInt() + 1);
      dispute.put("status", status.startsWith("warning_") ? "warning_under_review" : "under_review");
      Jobs.schedule(h, JOB, dispute.get("id").asText() + "@decide", ctx.nowMillis() + DECISION_DELAY_MILLIS);
    }
    ObjectNode previous = PreviousAttributes.of(before, dispute);
    if (!previous.isEmpty()) {
      ResourceStore.update(h, dispute);
      Events.publish(h, ctx, accountId, "charge.dispute.updated", dispute, previous);
    }
    return dispute;
  }

  private static ObjectNode close(ApiRequest r, Handle h) {
    String accountId = r.caller().accountId();
    ObjectNode dispute = findForUpdate(h, accountId, r.pathParam("dispute"));
    String status = dispute.get("status").asText();
    if (!OPEN.contains(status)) {
      throw StripeError.invalid(null, "This dispute is already closed (" + status + ").");
    }
    closeAs(h, EventContext.of(r), accountId, dispute, status.startsWith("warning_") ? "warning_closed" : "lost");
    return dispute;
  }

  private static void closeAs(Handle h, EventContext ctx, String accountId, ObjectNode dispute, String status) {
    ObjectNode before = dispute.deepCopy();
    dispute.put("status", status);
    ResourceStore.update(h, dispute);
    Events.publish(h, ctx, accountId, "charge.dispute.closed", dispute, PreviousAttributes.of(before, dispute));
  }

  // ----- due work: the bank's decision, and the response deadline -----

  private static void step(Handle h, String ref, long dueMillis) {
    int at = ref.lastIndexOf('@');
    String id = ref.substring(0, at);
    var row = h.createQuery("SELECT owner, body::text FROM resources WHERE id = :id AND object = 'dispute' FOR UPDATE")
        .bind("id", id).map((rs, c) -> Map.entry(rs.getString(1), Json.parseObject(rs.getString(2)))).findOne();
    if (row.isEmpty()) {
      return;
    }
    String accountId = row.get().getKey();
    ObjectNode dispute = row.get().getValue();
    String status = dispute.get("status").asText();
    EventContext ctx = EventContext.automatic(Holder.load(h, accountId).platformId(), dueMillis);
    if (ref.endsWith("@due")) {
      if (status.endsWith("needs_response")) {
        ((ObjectNode) dispute.get("evidence_details")).put("past_due", true);
        closeAs(h, ctx, accountId, dispute, status.startsWith("warning_") ? "warning_closed" : "lost");
      }
      return;
    }
    if (!status.endsWith("under_review")) {
      return;
    }
    boolean inquiry = status.startsWith("warning_");
    ObjectNode charge = ResourceStore.findForUpdate(h, accountId, dispute.get("charge").asText()).orElseThrow();
    switch (dispute.path("evidence").path("uncategorized_text").asText("")) {
      case "winning_evidence" -> {
        if (!inquiry) {
          reinstate(h, ctx, accountId, dispute, charge);
          Events.publish(h, ctx, accountId, "charge.dispute.funds_reinstated", dispute, null);
        }
        closeAs(h, ctx, accountId, dispute, inquiry ? "warning_closed" : "won");
      }
      case "losing_evidence" -> closeAs(h, ctx, accountId, dispute, inquiry ? "warning_closed" : "lost");
      case "escalate_inquiry_evidence" -> {
        if (inquiry) {
          ObjectNode before = dispute.deepCopy();
          dispute.put("status", "needs_response");
          ObjectNode details = (ObjectNode) dispute.get("evidence_details");
          long now = Math.floorDiv(dueMillis, 1000);
          long dueBy = PayoutSchedule.startOfDay(PayoutSchedule.epochDay(now) + RESPONSE_DAYS + 1) - 1;
          details.put("due_by", dueBy);
          withdraw(h, ctx, accountId, dispute, charge);
          ResourceStore.update(h, dispute);
          Events.publish(h, ctx, accountId, "charge.dispute.updated", dispute, PreviousAttributes.of(before, dispute));
          Events.publish(h, ctx, accountId, "charge.dispute.funds_withdrawn", dispute, null);
          Jobs.schedule(h, JOB, id + "@due", (dueBy + 1) * 1000);
        }
      }
      default -> { } // no test value: the dispute stays under review, as a bank would take its time
    }
  }
}

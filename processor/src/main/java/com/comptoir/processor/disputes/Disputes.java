package com.comptoir.processor.disputes;

import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Metadata;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.payments.ChargeHooks;
import com.comptoir.processor.payments.ChargeStatus;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.testmode.TestDisputes;
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
  private static final long SECONDS_PER_DAY = 86_400;
  /** Days the account has to answer, as {@code evidence_details.due_by}. */
  static final int RESPONSE_DAYS = 7;

  public static final List<String> EVIDENCE_FIELDS = List.of(
      "access_activity_log", "billing_address", "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal",
      "customer_communication", "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
      "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "receipt",
      "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "service_documentation",
      "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
      "uncategorized_file", "uncategorized_text");
  private static final Map<String, String> NETWORK_REASON_CODES = Map.of(
      "fraudulent", "10.4", "product_not_received", "13.1", "product_unacceptable", "13.3", "duplicate", "12.6.1",
      "credit_not_processed", "13.6", "subscription_canceled", "13.2");

  /** What {@code POST /v1/disputes/{id}} takes. */
  private static final Shape.ObjectShape UPDATE = updateShape();

  private Disputes() {}

  private static Shape.ObjectShape updateShape() {
    Shape.ObjectShape evidence = object();
    EVIDENCE_FIELDS.forEach(f -> evidence.field(f, string(f.equals("uncategorized_text") ? 20_000 : 150_000).emptyable()));
    return object().field("evidence", evidence).field("metadata", metadata()).field("submit", bool());
  }

  /**
   * Changes a dispute's evidence as {@code POST /v1/disputes/{id}} does, for the account holder's
   * Dashboard: {@code form} ({@code evidence} as a map of Stripe's evidence fields, {@code submit}
   * "true" or "false") is checked against the API's own shape, then the same checks, the same
   * {@code charge.dispute.updated} and, when submitted, the same decision on the processor clock
   * follow, in the caller's transaction.
   *
   * @throws StripeError as the API answers it (a closed dispute, evidence already under review)
   */
  public static ObjectNode update(Handle h, EventContext ctx, String accountId, String disputeId, Map<String, Object> form) {
    return update(h, ctx, accountId, disputeId, UPDATE.checkRequest(form));
  }

  /**
   * Accepts (closes) a dispute as {@code POST /v1/disputes/{id}/close} does, for the account
   * holder's Dashboard: the dispute is lost (an inquiry closed) with {@code charge.dispute.closed}.
   *
   * @throws StripeError as the API answers it (a dispute already closed)
   */
  public static ObjectNode close(Handle h, EventContext ctx, String accountId, String disputeId) {
    ObjectNode dispute = findForUpdate(h, accountId, disputeId);
    DisputeStatus status = DisputeStatus.of(dispute);
    if (!status.isOpen()) {
      throw StripeError.invalid(null, "This dispute is already closed (" + status.wire() + ").");
    }
    closeAs(h, ctx, accountId, dispute, status.closed());
    return dispute;
  }

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

  /**
   * Disputes as the payments code's {@link ChargeHooks}: a disputed charge (the dispute test cards,
   * the disputed SEPA IBANs) opens a chargeback, or an inquiry when the reason is {@code inquiry}
   * (4000000000001976).
   */
  public static ChargeHooks chargeHooks() {
    return new ChargeHooks() {
      @Override
      public void chargeDisputed(Handle h, EventContext ctx, String accountId, String platformId, ObjectNode charge, String reason) {
        if ("inquiry".equals(reason)) {
          openInquiry(h, ctx, accountId, platformId, charge, "general");
        } else {
          open(h, ctx, accountId, platformId, charge, reason == null ? "general" : reason);
        }
      }
    };
  }

  private static ObjectNode create(Handle h, EventContext ctx, String accountId, ObjectNode charge, String reason, boolean inquiry) {
    if (ChargeStatus.of(charge) != ChargeStatus.SUCCEEDED || charge.path("balance_transaction").isNull()) {
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
    long dueBy = dueBy(now);
    details.put("due_by", dueBy);
    details.put("has_evidence", false);
    details.put("past_due", false);
    details.put("submission_count", 0);
    dispute.put("is_charge_refundable", inquiry);
    dispute.put("livemode", false);
    dispute.putObject("metadata");
    dispute.put("payment_intent", charge.path("payment_intent").asText(null));
    if ("card".equals(charge.path("payment_method_details").path("type").asText("card"))) {
      ObjectNode pmd = dispute.putObject("payment_method_details");
      ObjectNode card = pmd.putObject("card");
      card.put("brand", charge.path("payment_method_details").path("card").path("brand").asText("visa"));
      card.put("network_reason_code", NETWORK_REASON_CODES.get(reason));
      pmd.put("type", "card");
    }
    dispute.put("reason", reason);
    dispute.put("status", (inquiry ? DisputeStatus.WARNING_NEEDS_RESPONSE : DisputeStatus.NEEDS_RESPONSE).wire());
    if (!inquiry) {
      withdraw(h, ctx, accountId, dispute, charge);
    }
    ResourceStore.insert(h, accountId, dispute);
    Events.publish(h, ctx, accountId, "charge.dispute.created", dispute, null);
    if (!inquiry) {
      Events.publish(h, ctx, accountId, "charge.dispute.funds_withdrawn", dispute, null);
    }
    Jobs.schedule(h, ctx.platformId(), JOB, id + "@due", (dueBy + 1) * 1000, ctx.nowMillis());
    return dispute;
  }

  /** The ledger's withdrawal posting, recorded on the dispute (the caller stores it). */
  private static void withdraw(Handle h, EventContext ctx, String accountId, ObjectNode dispute, ObjectNode charge) {
    ((ArrayNode) dispute.get("balance_transactions")).add(Ledger.disputeFundsWithdrawn(h, ctx, accountId, dispute, charge));
    dispute.put("is_charge_refundable", false);
  }

  /** The ledger's reinstatement posting, recorded on the dispute (the caller stores it). */
  private static void reinstate(Handle h, EventContext ctx, String accountId, ObjectNode dispute, ObjectNode charge) {
    ((ArrayNode) dispute.get("balance_transactions")).add(Ledger.disputeFundsReinstated(h, ctx, accountId, dispute, charge));
    dispute.put("is_charge_refundable", true);
  }

  /** The last second of the day {@link #RESPONSE_DAYS} days after {@code nowSeconds} (UTC): evidence is due by then. */
  private static long dueBy(long nowSeconds) {
    return (Math.floorDiv(nowSeconds, SECONDS_PER_DAY) + RESPONSE_DAYS + 1) * SECONDS_PER_DAY - 1;
  }

  /** True while a chargeback on the charge keeps it from being refunded (open, or lost). */
  public static boolean blocksRefund(Handle h, String accountId, String chargeId) {
    return h.createQuery("""
            SELECT count(*) FROM resources WHERE owner = :a AND object = 'dispute' AND body ->> 'charge' = :charge
              AND body ->> 'status' IN (<blocking>)""")
        .bind("a", accountId).bind("charge", chargeId).bindList("blocking", DisputeStatus.wireNames(DisputeStatus.BLOCKS_REFUND))
        .mapTo(Integer.class).one() > 0;
  }

  // ----- API -----

  /** Registers {@code /v1/disputes} and the disputes' due work; call once where the processor is assembled. */
  public static void register(StripeApi api, Jobs jobs) {
    api.get("/v1/disputes", Lists.params().field("charge", string()).field("payment_intent", string()), Disputes::list);
    api.get("/v1/disputes/{dispute}", object(), (r, h) -> find(h, r.caller().accountId(), r.pathParam("dispute")));
    api.post("/v1/disputes/{dispute}", UPDATE,
        (r, h) -> update(h, EventContext.of(r), r.caller().accountId(), r.pathParam("dispute"), r.params()));
    api.post("/v1/disputes/{dispute}/close", object(),
        (r, h) -> close(h, EventContext.of(r), r.caller().accountId(), r.pathParam("dispute")));
    api.expander().register("dispute", "charge", "payment_intent");
    jobs.register(JOB, Disputes::step);
  }

  private static ObjectNode find(Handle h, String account, String id) {
    return ResourceStore.find(h, account, id).filter(d -> "dispute".equals(d.path("object").asText()))
        .orElseThrow(() -> StripeError.noSuch("dispute", id, "dispute"));
  }

  private static ObjectNode findForUpdate(Handle h, String account, String id) {
    return ResourceStore.findForUpdate(h, account, id, "dispute")
        .orElseThrow(() -> StripeError.noSuch("dispute", id, "dispute"));
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Lists.Filter filter = Lists.Filter.NONE.andEqual(r.params(), "charge", "payment_intent");
    return Lists.page(h, r.params(), r.caller().accountId(), "dispute", "/v1/disputes", filter);
  }

  private static ObjectNode update(Handle h, EventContext ctx, String accountId, String disputeId, Params p) {
    ObjectNode dispute = findForUpdate(h, accountId, disputeId);
    ObjectNode before = dispute.deepCopy();
    DisputeStatus status = DisputeStatus.of(dispute);
    boolean changesEvidence = p.has("evidence") || Boolean.TRUE.equals(p.bool("submit"));
    if (changesEvidence && !status.isOpen()) {
      throw StripeError.invalid(null, "This dispute is already closed (" + status.wire() + "); its evidence can no longer change.");
    }
    if (changesEvidence && status.isUnderReview()) {
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
    if (submit) {
      ObjectNode details = (ObjectNode) dispute.get("evidence_details");
      details.put("submission_count", details.get("submission_count").asInt() + 1);
      DisputeStatus.move(dispute, status.underReview());
      Jobs.schedule(h, ctx.platformId(), JOB, dispute.get("id").asText() + "@decide", ctx.nowMillis() + TestDisputes.DECISION_DELAY.toMillis(), ctx.nowMillis());
    }
    ObjectNode previous = PreviousAttributes.of(before, dispute);
    if (!previous.isEmpty()) {
      ResourceStore.update(h, dispute);
      Events.publish(h, ctx, accountId, "charge.dispute.updated", dispute, previous);
    }
    return dispute;
  }

  private static void closeAs(Handle h, EventContext ctx, String accountId, ObjectNode dispute, DisputeStatus status) {
    ObjectNode before = dispute.deepCopy();
    String event = DisputeStatus.move(dispute, status);
    ResourceStore.update(h, dispute);
    Events.publish(h, ctx, accountId, event, dispute, PreviousAttributes.of(before, dispute));
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
    DisputeStatus status = DisputeStatus.of(dispute);
    EventContext ctx = EventContext.automatic(Ledger.platformOf(h, accountId), dueMillis);
    if (ref.endsWith("@due")) {
      if (status.awaitsEvidence()) {
        ((ObjectNode) dispute.get("evidence_details")).put("past_due", true);
        closeAs(h, ctx, accountId, dispute, status.closed());
      }
      return;
    }
    if (!status.isUnderReview()) {
      return;
    }
    boolean inquiry = status.isInquiry();
    ObjectNode charge = ResourceStore.findForUpdate(h, accountId, dispute.get("charge").asText()).orElseThrow();
    switch (TestDisputes.decision(dispute.path("evidence").path("uncategorized_text").asText(""))) {
      case WIN -> {
        if (!inquiry) {
          reinstate(h, ctx, accountId, dispute, charge);
          Events.publish(h, ctx, accountId, "charge.dispute.funds_reinstated", dispute, null);
        }
        closeAs(h, ctx, accountId, dispute, status.won());
      }
      case LOSE -> closeAs(h, ctx, accountId, dispute, status.closed());
      case ESCALATE -> {
        if (inquiry) {
          ObjectNode before = dispute.deepCopy();
          String escalated = DisputeStatus.move(dispute, DisputeStatus.NEEDS_RESPONSE);
          ObjectNode details = (ObjectNode) dispute.get("evidence_details");
          long now = Math.floorDiv(dueMillis, 1000);
          long dueBy = dueBy(now);
          details.put("due_by", dueBy);
          withdraw(h, ctx, accountId, dispute, charge);
          ResourceStore.update(h, dispute);
          Events.publish(h, ctx, accountId, escalated, dispute, PreviousAttributes.of(before, dispute));
          Events.publish(h, ctx, accountId, "charge.dispute.funds_withdrawn", dispute, null);
          Jobs.schedule(h, ctx.platformId(), JOB, id + "@due", (dueBy + 1) * 1000, ctx.nowMillis());
        }
      }
      case NONE -> { } // the dispute stays under review, as a bank would take its time
    }
  }
}

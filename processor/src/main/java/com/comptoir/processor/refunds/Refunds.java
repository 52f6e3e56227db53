package com.comptoir.processor.refunds;

import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Metadata;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.disputes.Disputes;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.ledger.NegativeBalanceException;
import com.comptoir.processor.payments.ChargeStatus;
import com.comptoir.processor.payments.PaymentIntentStatus;
import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.testmode.TestRefunds;
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
 * <p>Money: the ledger's refund postings ({@link Ledger#refundMade}, {@link Ledger#refundSucceeded},
 * {@link Ledger#refundFailed}); a refund is refused, in Stripe's words, when the ledger answers that
 * the account's balance is negative.
 *
 * <p>Test cards decide a refund's course ({@link TestRefunds}): pending then succeeded, or
 * succeeded then failed with the money back.
 */
public final class Refunds {
  static final String JOB = "ledger.refund";

  /** How many refunds a charge embeds in its {@code refunds} list, newest first. */
  private static final int EMBEDDED_REFUNDS = 10;

  /** What {@code POST /v1/refunds} takes. */
  private static final Shape.ObjectShape CREATE = object()
      .field("amount", integer().min(1).max(Currencies.MAX_AMOUNT))
      .field("charge", string())
      .field("payment_intent", string())
      .field("reason", oneOf("duplicate", "fraudulent", "requested_by_customer"))
      .field("refund_application_fee", bool())
      .field("reverse_transfer", bool())
      .field("instructions_email", string())
      .field("metadata", metadata());

  private Refunds() {}

  /**
   * Refunds a charge as {@code POST /v1/refunds} does, for the account holder's Dashboard: the
   * parameters ({@code charge}, {@code amount}, {@code reason}, as a form sends them) are checked
   * against the API's own shape, then the same checks, ledger posting and events follow, in the
   * caller's transaction.
   *
   * @return the refund
   * @throws StripeError as the API answers it (amount above what is refundable, a disputed charge,
   *     a negative balance, ...); nothing is written
   */
  public static ObjectNode create(Handle h, EventContext ctx, String accountId, Map<String, Object> form) {
    return create(h, ctx, accountId, CREATE.checkRequest(form));
  }

  /** Registers {@code /v1/refunds} and the test cards' later status changes; call once where the processor is assembled. */
  public static void register(StripeApi api, Jobs jobs) {
    api.post("/v1/refunds", CREATE, (r, h) -> create(h, EventContext.of(r), r.caller().accountId(), r.params()));
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

  private static ObjectNode create(Handle h, EventContext ctx, String accountId, Params p) {
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
    try {
      return refund(h, ctx, accountId, charge, amount, p);
    } catch (NegativeBalanceException e) {
      throw StripeError.invalidRequest("balance_insufficient", null, "This account's " + currency + " balance is negative, so it"
          + " cannot issue refunds until later payments or a bank debit bring it back to zero.");
    }
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
      if (latest == null || PaymentIntentStatus.of(pi) != PaymentIntentStatus.SUCCEEDED) {
        throw StripeError.invalid("payment_intent", "This PaymentIntent (" + paymentIntentId + ") does not have a successful charge to refund.");
      }
      if (chargeId != null && !chargeId.equals(latest)) {
        throw StripeError.invalid("charge", "Charge " + chargeId + " does not belong to PaymentIntent " + paymentIntentId + ".");
      }
      id = latest;
    }
    String found = id;
    ObjectNode charge = ResourceStore.findForUpdate(h, accountId, id, "charge")
        .orElseThrow(() -> StripeError.noSuch("charge", found, "charge"));
    if (ChargeStatus.of(charge) != ChargeStatus.SUCCEEDED || charge.path("balance_transaction").isNull()) {
      throw StripeError.invalid("charge", "Charge " + id + " has not succeeded (it is " + ChargeStatus.of(charge).wire()
          + "), so there is nothing to refund.");
    }
    return charge;
  }

  /** Makes the refund: its money (the ledger's refund posting), its document, the charge's new totals and the events. */
  private static ObjectNode refund(Handle h, EventContext ctx, String accountId, ObjectNode charge, long amount, Params p) {
    String chargeId = charge.get("id").asText();
    String currency = charge.get("currency").asText();
    long now = Math.floorDiv(ctx.nowMillis(), 1000);
    TestRefunds.Course course = TestRefunds.course(charge.path("payment_method_details").path("type").asText("card"),
        charge.path("payment_method_details").path("card").path("last4").asText(""));
    boolean startsPending = course == TestRefunds.Course.PENDING_THEN_SUCCEEDS;
    String id = Ids.next(chargeId.startsWith("py_") ? "pyr_" : "re_");
    ObjectNode before = charge.deepCopy();
    long refundedAfter = charge.path("amount_refunded").asLong() + amount;
    boolean full = refundedAfter == charge.get("amount").asLong();
    String txn = Ledger.refundMade(h, ctx, accountId, charge, id, amount, Boolean.TRUE.equals(p.bool("refund_application_fee")),
        startsPending);

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
    refund.put("status", (startsPending ? RefundStatus.PENDING : RefundStatus.SUCCEEDED).wire());
    refund.putNull("transfer_reversal");
    ResourceStore.insert(h, accountId, refund);

    charge.put("amount_refunded", refundedAfter);
    charge.put("refunded", full);
    Json.prependNewest(refundsList(charge), refund, EMBEDDED_REFUNDS);
    ResourceStore.update(h, charge);
    Events.publish(h, ctx, accountId, "charge.refunded", charge, PreviousAttributes.of(before, charge));
    Events.publish(h, ctx, accountId, "refund.created", refund, null);
    if (course == TestRefunds.Course.PENDING_THEN_SUCCEEDS) {
      Jobs.schedule(h, ctx.platformId(), JOB, id + "@succeed", ctx.nowMillis() + TestRefunds.DELAY.toMillis(), ctx.nowMillis());
    } else if (course == TestRefunds.Course.SUCCEEDS_THEN_FAILS) {
      Jobs.schedule(h, ctx.platformId(), JOB, id + "@fail", ctx.nowMillis() + TestRefunds.DELAY.toMillis(), ctx.nowMillis());
    }
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
    ObjectNode refund = ResourceStore.findForUpdate(h, accountId, r.pathParam("refund"), "refund")
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
    RefundStatus status = RefundStatus.of(refund); // none waits here, so none can move to canceled
    throw StripeError.invalid(null, "Refund " + refund.get("id").asText() + " cannot be canceled: only refunds with status"
        + " requires_action can be, and this one is " + status.wire() + ".");
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
    EventContext ctx = EventContext.automatic(Ledger.platformOf(h, accountId), dueMillis);
    String currency = refund.get("currency").asText();
    long amount = refund.get("amount").asLong();
    ObjectNode before = refund.deepCopy();
    ObjectNode chargeBefore = charge.deepCopy();
    String event;
    switch (ref.substring(at + 1)) {
      case "succeed" -> {
        if (!RefundStatus.of(refund).canMoveTo(RefundStatus.SUCCEEDED)) {
          return;
        }
        Ledger.refundSucceeded(h, charge, id, currency, amount, dueMillis);
        event = RefundStatus.move(refund, RefundStatus.SUCCEEDED);
      }
      case "fail" -> {
        if (RefundStatus.of(refund) != RefundStatus.SUCCEEDED) {
          return;
        }
        String txn = Ledger.refundFailed(h, accountId, charge, id, currency, amount, dueMillis);
        event = RefundStatus.move(refund, RefundStatus.FAILED);
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
    Events.publish(h, ctx, accountId, event, refund, previous);
    if (RefundStatus.of(refund) == RefundStatus.FAILED) {
      Events.publish(h, ctx, accountId, "charge.updated", charge, PreviousAttributes.of(chargeBefore, charge));
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

package com.comptoir.processor.checkout;

import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.payments.PaymentIntents;
import com.comptoir.processor.payments.PaymentMethodChoice;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Paying a session: the customer's attempt makes (or reuses) the session's PaymentIntent on the
 * connected account, with the session's amount and {@code payment_intent_data}, and confirms it.
 * Used by the hosted page and by the test helper alike.
 */
final class CheckoutPayments {
  private CheckoutPayments() {}

  /** Refuses a session that can no longer be paid: one page, one payment. */
  static void requireOpen(ObjectNode s) {
    switch (CheckoutSessionStatus.of(s)) {
      case EXPIRED -> throw StripeError.invalidRequest("checkout_session_expired", null, "This Checkout Session has expired and can no longer be paid.");
      case COMPLETE_PAID, COMPLETE_UNPAID -> throw StripeError.invalidRequest("checkout_session_complete", null, "This Checkout Session is already complete: it cannot be paid twice.");
      default -> { }
    }
  }

  /** A session read and row-locked to be paid, with the private columns paying needs. */
  record Payable(ObjectNode session, String paymentIntent, String paymentIntentData) {}

  /**
   * Reads and row-locks the Checkout Session {@code id} of {@code account} with its private
   * columns, in one round trip (empty: no such session). The session's row lock is the one that
   * serialises its payments: paying is the only writer of its private row's {@code payment_intent},
   * and always locks the session first, so the private row needs no lock of its own. The kind is
   * checked on the document, not in the WHERE: with {@code object} there, a pay on an account with
   * thousands of sessions cost PostgreSQL 2 ms more CPU (most likely a generic plan that reads the
   * account's sessions through the (owner, object) index instead of taking the id; not EXPLAINed).
   */
  static Optional<Payable> lockForPay(Handle h, String account, String id) {
    return h.createQuery("""
            SELECT r.body::text, p.payment_intent, p.payment_intent_data::text
            FROM resources r JOIN checkout_session_private p ON p.id = r.id
            WHERE r.id = :id AND r.owner = :owner
            FOR UPDATE OF r""")
        .bind("id", id).bind("owner", account)
        .map((rs, c) -> new Payable(Json.parseObject(rs.getString(1)), rs.getString(2), rs.getString(3)))
        .findOne()
        .filter(p -> "checkout.session".equals(p.session().path("object").asText()));
  }

  /** Pays {@code payable}'s session (read by {@link #lockForPay} in {@code h}'s transaction, kept current by the payment). */
  static PaymentIntents.Attempt pay(Handle h, PaymentIntents intents, EventContext ctx, String account, Payable payable,
      java.util.function.Function<Long, PaymentMethodChoice> paymentMethod, String email, String returnUrl, long now) {
    ObjectNode s = payable.session();
    requireOpen(s);
    ObjectNode pi = payable.paymentIntent() == null ? null : ResourceStore.findForUpdate(h, account, payable.paymentIntent()).orElse(null);
    if (pi != null) {
      SessionsInHand.intentOf(h, pi.get("id").asText(), s);
    }
    if (pi != null && PaymentIntents.awaitingAction(pi)) {
      intents.abandonAction(h, pi, now);
    }
    if (pi == null || !PaymentIntents.confirmable(pi)) {
      pi = newIntent(account, s, Json.parse(payable.paymentIntentData()), email, now);
      String piId = pi.get("id").asText();
      // Not stored yet: every outcome of the confirmation below moves the intent, and its first
      // move stores it (ResourceStore.save); an error rolls the whole attempt back. Stored now, it
      // was written twice by every pay. The session's link to it is written with the session.
      SessionsInHand.intentOf(h, piId, s);
      Events.publish(h, ctx, account, "payment_intent.created", pi, null);
      s.put("payment_intent", piId);
      SessionsInHand.linkUnsaved(h, piId); // written with the session after the attempt
    }
    PaymentMethodChoice choice = paymentMethod.apply(now);
    ObjectNode pm = choice.paymentMethod();
    if (email != null && pm.path("billing_details").path("email").isNull()) {
      ((ObjectNode) pm.get("billing_details")).put("email", email);
      if (!choice.unstored()) {
        ResourceStore.update(h, pm); // a new one is stored with the change
      }
    }
    String piId = pi.get("id").asText();
    SessionsInHand.paidWith(h, piId, choice); // a new PaymentMethod is stored with the session, after the attempt
    PaymentIntents.Attempt attempt = intents.confirm(h, ctx, account, pi, choice, returnUrl, now);
    SessionsInHand.writeIfUnsaved(h, piId);
    return attempt;
  }

  private static ObjectNode newIntent(String account, ObjectNode s, JsonNode data, String email, long now) {
    List<String> types = new ArrayList<>();
    ((ArrayNode) s.get("payment_method_types")).forEach(t -> types.add(t.asText()));
    Long fee = data.hasNonNull("application_fee_amount") ? data.get("application_fee_amount").asLong() : null;
    ObjectNode pi = PaymentIntents.newForCheckout(account, s.get("amount_total").asLong(), s.get("currency").asText(), fee, types, now);
    for (String f : List.of("description", "statement_descriptor", "statement_descriptor_suffix")) {
      if (data.hasNonNull(f)) {
        pi.put(f, data.get(f).asText());
      }
    }
    pi.put("receipt_email", data.hasNonNull("receipt_email") ? data.get("receipt_email").asText() : email);
    if (data.has("metadata") && data.get("metadata").isObject()) {
      ((ObjectNode) pi.get("metadata")).setAll((ObjectNode) data.get("metadata"));
    }
    return pi;
  }
}

package com.comptoir.processor.payments;

import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.testmode.TestCards;
import com.comptoir.processor.testmode.TestIbans;
import com.comptoir.processor.time.Jobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The PaymentIntent state machine (fact sheet §6.1) and the attempts behind it. The states and
 * the moves between them are data ({@link PaymentIntentStatus}); every move stores the intent, its
 * charge and their events in the caller's transaction, and tells the listeners (Checkout) about it.
 */
public final class PaymentIntents {
  static final String SETTLE_JOB = "payments.settle";

  /** Told after every change of a PaymentIntent, in its transaction. */
  @FunctionalInterface
  public interface Listener {
    void changed(Handle h, EventContext context, String accountId, ObjectNode intent);
  }

  private final Supplier<String> baseUrl;
  private final List<Listener> listeners = new ArrayList<>();
  private final List<ChargeHooks> hooks = new ArrayList<>();

  public PaymentIntents(Supplier<String> baseUrl, Jobs jobs) {
    this.baseUrl = baseUrl;
    jobs.register(SETTLE_JOB, this::settle);
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void addChargeHooks(ChargeHooks hook) {
    hooks.add(hook);
  }

  /** A new PaymentIntent in Stripe's shape; amounts checked as Stripe checks them. */
  static ObjectNode create(String accountId, boolean connected, long amount, String currency, Long applicationFee,
      List<String> methodTypes, long now, String paramPrefix) {
    if (amount < Currencies.minimumCharge(currency)) {
      throw StripeError.invalidRequest("amount_too_small", paramPrefix + "amount",
          "Amount must be at least " + Currencies.format(Currencies.minimumCharge(currency), currency) + " " + currency);
    }
    if (amount > Currencies.MAX_AMOUNT) {
      throw StripeError.invalidRequest("amount_too_large", paramPrefix + "amount", "Amount must be no more than "
          + Currencies.format(Currencies.MAX_AMOUNT, currency));
    }
    if (applicationFee != null) {
      if (!connected) {
        throw StripeError.invalidRequest("application_fees_not_allowed", "application_fee_amount",
            "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or"
                + " Stripe-Account header) or destination payment (using `transfer_data[destination]`).");
      }
      if (applicationFee > amount) {
        throw StripeError.invalid("application_fee_amount", "The application fee must not exceed the amount of the charge.");
      }
    }
    String id = Ids.next("pi_");
    ObjectNode pi = Json.object();
    pi.put("id", id);
    pi.put("object", "payment_intent");
    pi.put("amount", amount);
    pi.put("amount_capturable", 0);
    pi.putObject("amount_details").putObject("tip");
    pi.put("amount_received", 0);
    pi.putNull("application");
    if (applicationFee == null) {
      pi.putNull("application_fee_amount");
    } else {
      pi.put("application_fee_amount", applicationFee);
    }
    pi.putNull("automatic_payment_methods");
    pi.putNull("canceled_at");
    pi.putNull("cancellation_reason");
    pi.put("capture_method", "automatic");
    pi.put("client_secret", id + "_secret_" + Ids.random(24));
    pi.put("confirmation_method", "automatic");
    pi.put("created", now);
    pi.put("currency", currency);
    pi.putNull("customer");
    pi.putNull("description");
    pi.putNull("invoice");
    pi.putNull("last_payment_error");
    pi.putNull("latest_charge");
    pi.put("livemode", false);
    pi.putObject("metadata");
    pi.putNull("next_action");
    pi.putNull("on_behalf_of");
    pi.putNull("payment_method");
    pi.putNull("payment_method_configuration_details");
    pi.putObject("payment_method_options");
    ArrayNode types = pi.putArray("payment_method_types");
    methodTypes.forEach(types::add);
    pi.putNull("processing");
    pi.putNull("receipt_email");
    pi.putNull("review");
    pi.putNull("setup_future_usage");
    pi.putNull("shipping");
    pi.putNull("source");
    pi.putNull("statement_descriptor");
    pi.putNull("statement_descriptor_suffix");
    pi.put("status", PaymentIntentStatus.REQUIRES_PAYMENT_METHOD.wire());
    pi.putNull("transfer_data");
    pi.putNull("transfer_group");
    return pi;
  }

  /** A Checkout Session's PaymentIntent: created on the connected account, checked like any other. */
  public static ObjectNode newForCheckout(String accountId, long amount, String currency, Long applicationFee, List<String> types, long now) {
    return create(accountId, true, amount, currency, applicationFee, types, now, "");
  }

  /**
   * A customer who left a 3-D Secure or bank page and tries again: the waiting authorization is
   * dropped, and the intent (still {@code requires_action}) is confirmed anew by the next attempt.
   */
  public void abandonAction(Handle h, ObjectNode pi, long now) {
    h.createUpdate("UPDATE payment_actions SET used_at = :now WHERE payment_intent = :pi AND used_at IS NULL")
        .bind("now", now).bind("pi", pi.get("id").asText()).execute();
  }

  /** True while a new attempt may confirm the intent. */
  public static boolean confirmable(ObjectNode pi) {
    return PaymentIntentStatus.AWAITING_CUSTOMER.contains(PaymentIntentStatus.of(pi));
  }

  /** True while the customer is on a 3-D Secure or bank page for the intent. */
  public static boolean awaitingAction(ObjectNode pi) {
    return PaymentIntentStatus.of(pi) == PaymentIntentStatus.REQUIRES_ACTION;
  }

  /** The result of a confirmation: the intent, and the error a customer sees when it was declined. */
  public record Attempt(ObjectNode intent, StripeError decline) {}

  /**
   * Attempts to pay {@code pi} with {@code pm}. Cards succeed, decline, or ask for 3-D Secure;
   * SEPA debits go to {@code processing} and settle on the clock; bank redirects ask the customer
   * to authorize on the bank's (test) page.
   */
  public Attempt confirm(Handle h, EventContext ctx, String accountId, ObjectNode pi, ObjectNode pm, String returnUrl, long now) {
    return confirm(h, ctx, accountId, pi, PaymentMethodChoice.stored(accountId, pm), returnUrl, now);
  }

  /** {@link #confirm(Handle, EventContext, String, ObjectNode, ObjectNode, String, long)} with a PaymentMethod that may not be stored yet. */
  public Attempt confirm(Handle h, EventContext ctx, String accountId, ObjectNode pi, PaymentMethodChoice choice, String returnUrl,
      long now) {
    ObjectNode pm = choice.paymentMethod();
    if (!confirmable(pi)) {
      throw unexpectedState(pi, "confirm");
    }
    String type = pm.get("type").asText();
    boolean allowed = false;
    for (JsonNode t : pi.get("payment_method_types")) {
      allowed |= t.asText().equals(type);
    }
    if (!allowed) {
      throw StripeError.invalid("payment_method", "The PaymentMethod provided (" + type + ") is not allowed for this PaymentIntent."
          + " Allowed: " + pi.get("payment_method_types"));
    }
    if (!"card".equals(type) && !"eur".equals(pi.get("currency").asText()) && !("p24".equals(type) && "pln".equals(pi.get("currency").asText()))) {
      throw StripeError.invalidRequest("payment_method_not_available", "payment_method",
          type + " payments must be in eur" + ("p24".equals(type) ? " or pln" : "") + ".");
    }
    pi.put("payment_method", pm.get("id").asText());
    pi.putNull("last_payment_error");
    pi.putNull("next_action");
    String instrument = choice.instrument(h);
    switch (type) {
      case "card" -> {
        TestCards.Behavior b = TestCards.behavior(instrument);
        switch (b.kind()) {
          case DECLINE, BLOCK -> {
            return new Attempt(pi, decline(h, ctx, accountId, pi, pm, b, now));
          }
          case THREE_DS, THREE_DS_THEN_DECLINE -> requireAction(h, ctx, accountId, pi, "three_d_secure", returnUrl, now);
          default -> succeed(h, ctx, accountId, pi, pm, ChargeDocument.create(pi, pm, ChargeStatus.SUCCEEDED, now), b, now);
        }
      }
      case "sepa_debit" -> process(h, ctx, accountId, pi, pm, TestIbans.sepa(instrument).delayed()
          ? TestIbans.SEPA_DELAYED_SETTLEMENT.toMillis() : TestIbans.SEPA_SETTLEMENT.toMillis(), now);
      default -> requireAction(h, ctx, accountId, pi, "redirect", returnUrl, now);
    }
    return new Attempt(pi, null);
  }

  private StripeError decline(Handle h, EventContext ctx, String accountId, ObjectNode pi, ObjectNode pm, TestCards.Behavior b, long now) {
    ObjectNode charge = ChargeDocument.create(pi, pm, ChargeStatus.FAILED, now);
    boolean blocked = b.kind() == TestCards.Kind.BLOCK;
    charge.put("failure_code", b.code());
    charge.put("failure_message", b.message());
    charge.set("outcome", blocked
        ? ChargeDocument.outcome("blocked", "not_sent_to_network", "highest_risk_level", "Stripe blocked this payment as too risky.")
        : ChargeDocument.outcome("issuer_declined", "declined_by_network", b.detail(), "The bank did not return any further details with this decline."));
    StripeError error = new StripeError(402, "card_error", b.code(), b.param(), b.message())
        .with("charge", charge.get("id").asText()).with("decline_code", b.detail());
    pi.set("last_payment_error", lastPaymentError(error, pm));
    pi.put("latest_charge", charge.get("id").asText());
    move(h, ctx, accountId, pi, PaymentIntentStatus.REQUIRES_PAYMENT_METHOD, charge, true);
    error.with("payment_intent", pi.deepCopy()).with("payment_method", pm);
    return error;
  }

  private static ObjectNode lastPaymentError(StripeError error, ObjectNode pm) {
    ObjectNode e = (ObjectNode) error.toJson(null).get("error").deepCopy();
    e.remove("payment_intent");
    e.set("payment_method", pm);
    return e;
  }

  private void requireAction(Handle h, EventContext ctx, String accountId, ObjectNode pi, String kind, String returnUrl, long now) {
    String token = Ids.random(32);
    h.createUpdate("""
            INSERT INTO payment_actions (token, account_id, platform_id, payment_intent, kind, return_url, created)
            VALUES (:t, :a, :p, :pi, :k, :r, :now)""")
        .bind("t", token).bind("a", accountId).bind("p", ctx.platformId()).bind("pi", pi.get("id").asText())
        .bind("k", kind).bind("r", returnUrl).bind("now", now).execute();
    ObjectNode next = Json.object();
    next.put("type", "redirect_to_url");
    ObjectNode redirect = next.putObject("redirect_to_url");
    redirect.put("return_url", returnUrl);
    redirect.put("url", baseUrl.get() + "/payments/authorize/" + token);
    pi.set("next_action", next);
    move(h, ctx, accountId, pi, PaymentIntentStatus.REQUIRES_ACTION, null);
  }

  private void process(Handle h, EventContext ctx, String accountId, ObjectNode pi, ObjectNode pm, long settleAfterMillis, long now) {
    ObjectNode charge = ChargeDocument.create(pi, pm, ChargeStatus.PENDING, now);
    charge.set("outcome", ChargeDocument.outcome("authorized", "approved_by_network", null, "Payment pending."));
    pi.put("latest_charge", charge.get("id").asText());
    // `processing` details exist for cards only; bank debits leave it null
    move(h, ctx, accountId, pi, PaymentIntentStatus.PROCESSING, charge, true);
    Jobs.schedule(h, ctx.platformId(), SETTLE_JOB, accountId + "/" + charge.get("id").asText(), ctx.nowMillis() + settleAfterMillis, ctx.nowMillis());
  }

  private void succeed(Handle h, EventContext ctx, String accountId, ObjectNode pi, ObjectNode pm, ObjectNode charge,
      TestCards.Behavior behavior, long now) {
    for (ChargeHooks hook : hooks) {
      hook.chargeSucceeded(h, ctx, accountId, ctx.platformId(), charge, behavior != null && behavior.kind() == TestCards.Kind.BYPASS_PENDING);
    }
    pi.put("latest_charge", charge.get("id").asText());
    pi.put("amount_received", pi.get("amount").asLong());
    pi.putNull("processing");
    move(h, ctx, accountId, pi, PaymentIntentStatus.SUCCEEDED, charge, true); // the hooks have set what they set on the charge
    if (behavior != null && behavior.kind() == TestCards.Kind.DISPUTE) {
      for (ChargeHooks hook : hooks) {
        hook.chargeDisputed(h, ctx, accountId, ctx.platformId(), charge, behavior.detail());
      }
      ResourceStore.update(h, charge);
    }
  }

  /** The customer finished (or failed) 3-D Secure or a bank's authorization page. */
  ObjectNode completeAction(Handle h, EventContext ctx, String accountId, ObjectNode pi, String kind, boolean authorized, long now) {
    if (!awaitingAction(pi)) {
      return pi; // already settled, e.g. a second click
    }
    ObjectNode pm = ResourceStore.findJson(h, accountId, pi.get("payment_method").asText(), "payment_method").map(Json::parseObject).orElseThrow();
    pi.putNull("next_action");
    if (!authorized) {
      StripeError error = "three_d_secure".equals(kind)
          ? StripeError.invalidRequest("payment_intent_authentication_failure", null,
              "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.")
          : StripeError.invalidRequest("payment_intent_payment_attempt_failed", null,
              "The payment failed: the customer did not authorize it at their bank.");
      pi.set("last_payment_error", lastPaymentError(error, pm));
      move(h, ctx, accountId, pi, PaymentIntentStatus.REQUIRES_PAYMENT_METHOD, null);
      return pi;
    }
    String type = pm.get("type").asText();
    if ("card".equals(type)) {
      TestCards.Behavior b = TestCards.behavior(PaymentMethods.instrument(h, pm.get("id").asText()));
      if (b.kind() == TestCards.Kind.THREE_DS_THEN_DECLINE) {
        decline(h, ctx, accountId, pi, pm, b, now);
      } else {
        ObjectNode charge = ChargeDocument.create(pi, pm, ChargeStatus.SUCCEEDED, now);
        ObjectNode secure = ((ObjectNode) charge.at("/payment_method_details/card")).putObject("three_d_secure");
        secure.put("authentication_flow", "challenge");
        secure.put("result", "authenticated");
        secure.put("version", "2.2.0");
        succeed(h, ctx, accountId, pi, pm, charge, b, now);
      }
    } else if ("sofort".equals(type)) {
      process(h, ctx, accountId, pi, pm, TestIbans.SOFORT_SETTLEMENT.toMillis(), now);
    } else {
      succeed(h, ctx, accountId, pi, pm, ChargeDocument.create(pi, pm, ChargeStatus.SUCCEEDED, now), null, now);
    }
    return pi;
  }

  /** A bank debit or Sofort payment settles: the job the clock runs days after confirmation. */
  private void settle(Handle h, String ref, long dueMillis) {
    String accountId = ref.substring(0, ref.indexOf('/'));
    String chargeId = ref.substring(ref.indexOf('/') + 1);
    String platformId = h.createQuery("SELECT platform_id FROM accounts WHERE id = :id").bind("id", accountId).mapTo(String.class).one();
    EventContext ctx = EventContext.automatic(platformId == null ? accountId : platformId, dueMillis);
    long now = Math.floorDiv(dueMillis, 1000);
    ObjectNode charge = ResourceStore.findForUpdate(h, accountId, chargeId).orElseThrow();
    if (ChargeStatus.of(charge) != ChargeStatus.PENDING) {
      return;
    }
    ObjectNode pi = ResourceStore.findForUpdate(h, accountId, charge.get("payment_intent").asText()).orElseThrow();
    String type = charge.at("/payment_method_details/type").asText();
    TestIbans.Outcome outcome = "sepa_debit".equals(type)
        ? TestIbans.sepa(PaymentMethods.instrument(h, charge.get("payment_method").asText()))
        : new TestIbans.Outcome(true, false, false, null);
    ResourceStore.delete(h, accountId, chargeId); // re-inserted below with its final status
    if (outcome.succeeds()) {
      ChargeStatus.move(charge, ChargeStatus.SUCCEEDED);
      charge.put("paid", true);
      charge.put("captured", true);
      charge.put("amount_captured", charge.get("amount").asLong());
      charge.set("outcome", ChargeDocument.outcome("authorized", "approved_by_network", null, "Payment complete."));
      ObjectNode pm = ResourceStore.findJson(h, accountId, charge.get("payment_method").asText(), "payment_method").map(Json::parseObject).orElseThrow();
      TestCards.Behavior dispute = outcome.disputed() ? new TestCards.Behavior(TestCards.Kind.DISPUTE, null, "fraudulent", null, null, null) : null;
      succeed(h, ctx, accountId, pi, pm, charge, dispute, now);
    } else {
      ChargeStatus.move(charge, ChargeStatus.FAILED);
      charge.put("failure_code", outcome.failureCode());
      charge.put("failure_message", "The bank refused the debit (" + outcome.failureCode() + ").");
      charge.set("outcome", ChargeDocument.outcome("issuer_declined", "declined_by_network", outcome.failureCode(), "The bank refused the debit."));
      ResourceStore.insert(h, accountId, charge);
      StripeError error = StripeError.invalidRequest(outcome.failureCode(), null, charge.get("failure_message").asText());
      ObjectNode pm = ResourceStore.findJson(h, accountId, charge.get("payment_method").asText(), "payment_method").map(Json::parseObject).orElseThrow();
      pi.set("last_payment_error", lastPaymentError(error, pm));
      pi.putNull("processing");
      move(h, ctx, accountId, pi, PaymentIntentStatus.REQUIRES_PAYMENT_METHOD, charge);
    }
  }

  ObjectNode cancel(Handle h, EventContext ctx, String accountId, ObjectNode pi, String reason, long now) {
    if (!PaymentIntentStatus.of(pi).canMoveTo(PaymentIntentStatus.CANCELED)) {
      throw unexpectedState(pi, "cancel");
    }
    pi.put("canceled_at", now);
    pi.put("cancellation_reason", reason);
    pi.putNull("next_action");
    move(h, ctx, accountId, pi, PaymentIntentStatus.CANCELED, null);
    return pi;
  }

  /**
   * Moves the intent through its table ({@link PaymentIntentStatus}), stores it and tells the
   * listeners; then publishes {@code charge}'s event if the move made or settled one, and the
   * move's own event.
   */
  private void move(Handle h, EventContext ctx, String accountId, ObjectNode pi, PaymentIntentStatus to, ObjectNode charge) {
    move(h, ctx, accountId, pi, to, charge, false);
  }

  /** {@link #move}, storing {@code charge} too when {@code chargeIsNew}: the intent and its new charge in one round trip. */
  private void move(Handle h, EventContext ctx, String accountId, ObjectNode pi, PaymentIntentStatus to, ObjectNode charge,
      boolean chargeIsNew) {
    Optional<String> event = PaymentIntentStatus.move(pi, to);
    if (chargeIsNew) {
      ResourceStore.insertThenSave(h, accountId, charge, pi);
    } else {
      ResourceStore.save(h, accountId, pi);
    }
    for (Listener listener : listeners) {
      listener.changed(h, ctx, accountId, pi);
    }
    if (charge != null) {
      Events.publish(h, ctx, accountId, ChargeStatus.of(charge).created(), charge, null);
    }
    if (event.isPresent()) {
      Events.publish(h, ctx, accountId, event.get(), pi, null);
    }
  }

  /** Attaches a payment method through the API: the intent then waits for its confirmation, quietly. */
  static void awaitConfirmation(ObjectNode pi) {
    PaymentIntentStatus.move(pi, PaymentIntentStatus.REQUIRES_CONFIRMATION);
  }

  static StripeError unexpectedState(ObjectNode pi, String action) {
    return StripeError.invalidRequest("payment_intent_unexpected_state", null,
        "You cannot " + action + " this PaymentIntent because it has a status of " + PaymentIntentStatus.of(pi).wire() + ".")
        .with("payment_intent", pi.deepCopy());
  }
}

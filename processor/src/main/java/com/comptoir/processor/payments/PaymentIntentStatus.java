package com.comptoir.processor.payments;

import com.comptoir.processor.store.Lifecycle;
import com.comptoir.processor.store.Transitions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A PaymentIntent's statuses (fact sheet §6.1) and the only moves between them. An attempt may
 * start from any status that awaits the customer (a new payment method, a confirmation, or a
 * second try while 3-D Secure or a bank page waits); a decline goes back to
 * {@code requires_payment_method}; {@code succeeded} and {@code canceled} are final. Each arrival
 * publishes the event named after it, except {@code requires_confirmation}, which Stripe sends
 * nothing for.
 */
public enum PaymentIntentStatus implements Lifecycle<PaymentIntentStatus> {
  REQUIRES_PAYMENT_METHOD,
  REQUIRES_CONFIRMATION,
  REQUIRES_ACTION,
  PROCESSING,
  SUCCEEDED,
  CANCELED;

  /** The statuses in which the customer may still act: confirm, update, or cancel. */
  static final Set<PaymentIntentStatus> AWAITING_CUSTOMER = EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, REQUIRES_ACTION);

  private static final Transitions<PaymentIntentStatus> TABLE = Transitions.of(PaymentIntentStatus.class)
      .quiet(AWAITING_CUSTOMER, REQUIRES_CONFIRMATION)
      .move(AWAITING_CUSTOMER, REQUIRES_ACTION, "payment_intent.requires_action")
      .move(AWAITING_CUSTOMER, PROCESSING, "payment_intent.processing")
      .move(EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, REQUIRES_ACTION, PROCESSING), SUCCEEDED, "payment_intent.succeeded")
      .move(EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, REQUIRES_ACTION, PROCESSING), REQUIRES_PAYMENT_METHOD,
          "payment_intent.payment_failed")
      .move(AWAITING_CUSTOMER, CANCELED, "payment_intent.canceled");

  @Override
  public boolean canMoveTo(PaymentIntentStatus next) {
    return TABLE.allows(this, next);
  }

  /** The event the move to {@code next} publishes, empty when quiet; an unlisted move throws. */
  @Override
  public Optional<String> eventTo(PaymentIntentStatus next) {
    return TABLE.event(this, next);
  }

  @Override
  public String wire() {
    return Transitions.wire(this);
  }

  public static PaymentIntentStatus of(JsonNode intent) {
    return Transitions.fromWire(PaymentIntentStatus.class, intent.get("status").asText());
  }

  /** Sets the intent's status to {@code next} if the table lists the move; returns its event. */
  static Optional<String> move(ObjectNode intent, PaymentIntentStatus next) {
    Optional<String> event = of(intent).eventTo(next);
    intent.put("status", next.wire());
    return event;
  }
}

package com.comptoir.processor.checkout;

import com.comptoir.processor.store.Lifecycle;
import com.comptoir.processor.store.Transitions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Optional;

/**
 * A Checkout Session's lifecycle (fact sheet §5.4): Stripe's {@code status} with, once complete,
 * its {@code payment_status}, since a delayed method (SEPA Debit, Sofort) completes the session
 * unpaid and settles days later. {@code open} completes or expires, once; a complete session that
 * waits on its bank is paid ({@code async_payment_succeeded}) or stays unpaid when the bank
 * refuses ({@code async_payment_failed}). Paid and expired sessions are final.
 */
enum CheckoutSessionStatus implements Lifecycle<CheckoutSessionStatus> {
  OPEN("open", null),
  COMPLETE_UNPAID("complete", "unpaid"),
  COMPLETE_PAID("complete", "paid"),
  EXPIRED("expired", null);

  private static final Transitions<CheckoutSessionStatus> TABLE = Transitions.of(CheckoutSessionStatus.class)
      .move(EnumSet.of(OPEN), COMPLETE_PAID, "checkout.session.completed")
      .move(EnumSet.of(OPEN), COMPLETE_UNPAID, "checkout.session.completed")
      .move(EnumSet.of(OPEN), EXPIRED, "checkout.session.expired")
      .move(EnumSet.of(COMPLETE_UNPAID), COMPLETE_PAID, "checkout.session.async_payment_succeeded")
      .move(EnumSet.of(COMPLETE_UNPAID), COMPLETE_UNPAID, "checkout.session.async_payment_failed");

  private final String status;
  /** The {@code payment_status} this state sets, or null where the session keeps its own. */
  private final String paymentStatus;

  CheckoutSessionStatus(String status, String paymentStatus) {
    this.status = status;
    this.paymentStatus = paymentStatus;
  }

  @Override
  public boolean canMoveTo(CheckoutSessionStatus next) {
    return TABLE.allows(this, next);
  }

  @Override
  public Optional<String> eventTo(CheckoutSessionStatus next) {
    return TABLE.event(this, next);
  }

  /** Stripe's {@code status} for this state. */
  @Override
  public String wire() {
    return status;
  }

  public boolean isOpen() {
    return this == OPEN;
  }

  public boolean isComplete() {
    return this == COMPLETE_PAID || this == COMPLETE_UNPAID;
  }

  public static CheckoutSessionStatus of(JsonNode session) {
    return switch (session.get("status").asText()) {
      case "open" -> OPEN;
      case "expired" -> EXPIRED;
      case "complete" -> "paid".equals(session.path("payment_status").asText()) ? COMPLETE_PAID : COMPLETE_UNPAID;
      default -> throw new IllegalStateException("unknown Checkout Session status in " + session.path("id").asText());
    };
  }

  /** Sets the session's {@code status} (and {@code payment_status}) if the table lists the move; returns its event. */
  static String move(ObjectNode session, CheckoutSessionStatus next) {
    String event = of(session).eventTo(next).orElseThrow();
    session.put("status", next.status);
    if (next.paymentStatus != null) {
      session.put("payment_status", next.paymentStatus);
    }
    return event;
  }
}

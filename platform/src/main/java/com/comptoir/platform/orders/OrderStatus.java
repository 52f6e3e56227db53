package com.comptoir.platform.orders;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An order's states and the only moves between them, in one table. Moves go forward only: a
 * replayed or late event (Stripe promises no order, fact sheet §8.2) can never take a paid order
 * back to waiting, nor revive an expired one. {@code paid}, {@code payment_failed} and
 * {@code expired} are final, as a Checkout Session is once complete or expired (§5.4).
 */
public enum OrderStatus {
  /** Created, the customer sent to Checkout; nothing heard from Stripe yet. */
  PENDING,
  /** Checkout completed with a delayed method (SEPA Debit, Sofort): the bank has days to confirm. */
  AWAITING_PAYMENT,
  /** Stripe says the money is there: fulfil. */
  PAID,
  /** The delayed payment failed: the customer is asked to order again. */
  PAYMENT_FAILED,
  /** The session expired unpaid (timeout, or the customer never paid). */
  EXPIRED;

  private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
      PENDING, EnumSet.of(AWAITING_PAYMENT, PAID, PAYMENT_FAILED, EXPIRED),
      AWAITING_PAYMENT, EnumSet.of(PAID, PAYMENT_FAILED),
      PAID, EnumSet.noneOf(OrderStatus.class),
      PAYMENT_FAILED, EnumSet.noneOf(OrderStatus.class),
      EXPIRED, EnumSet.noneOf(OrderStatus.class));

  public boolean canMoveTo(OrderStatus next) {
    return NEXT.get(this).contains(next);
  }

  /** The states from which {@code target} can be reached: what a transition's UPDATE may find. */
  public static Set<OrderStatus> before(OrderStatus target) {
    EnumSet<OrderStatus> from = EnumSet.noneOf(OrderStatus.class);
    Arrays.stream(values()).filter(s -> s.canMoveTo(target)).forEach(from::add);
    return from;
  }

  public boolean isFinal() {
    return NEXT.get(this).isEmpty();
  }

  /** The value in the database and in Stripe-style prose: {@code awaiting_payment}. */
  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OrderStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** How the merchant's order list says it. */
  public String label() {
    return switch (this) {
      case PENDING -> "At checkout";
      case AWAITING_PAYMENT -> "Awaiting payment";
      case PAID -> "Paid";
      case PAYMENT_FAILED -> "Payment failed";
      case EXPIRED -> "Expired";
    };
  }
}

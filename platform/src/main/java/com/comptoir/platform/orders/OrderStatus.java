package com.comptoir.platform.orders;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An order's states and the only moves between them, in one table. Moves go forward only: a
 * replayed or late event (Stripe promises no order, fact sheet §8.2) can never take a paid order
 * back to waiting, nor revive an expired one. {@code payment_failed} and {@code expired} are
 * final, as a Checkout Session is once complete or expired (§5.4). A paid order moves on only by
 * refunds, forward as they add up ({@code paid → partially_refunded → refunded}); the one way back
 * is {@link #FALLS_BACK}: a refund that fails later (test card 4000000000005126, fact sheet §7.4)
 * gives its money back to the charge, and the order follows the charge's {@code amount_refunded}.
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
  EXPIRED,
  /** Part of the charge is refunded ({@code 0 < amount_refunded < amount}). */
  PARTIALLY_REFUNDED,
  /** The whole charge is refunded (Stripe's {@code refunded: true}). */
  REFUNDED;

  private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
      PENDING, EnumSet.of(AWAITING_PAYMENT, PAID, PAYMENT_FAILED, EXPIRED),
      AWAITING_PAYMENT, EnumSet.of(PAID, PAYMENT_FAILED),
      PAID, EnumSet.of(PARTIALLY_REFUNDED, REFUNDED),
      PAYMENT_FAILED, EnumSet.noneOf(OrderStatus.class),
      EXPIRED, EnumSet.noneOf(OrderStatus.class),
      PARTIALLY_REFUNDED, EnumSet.of(REFUNDED),
      REFUNDED, EnumSet.noneOf(OrderStatus.class));

  /** The moves back that only a failed refund makes, when Stripe's charge says less is refunded than before. */
  private static final Map<OrderStatus, Set<OrderStatus>> FALLS_BACK = Map.of(
      PARTIALLY_REFUNDED, EnumSet.of(PAID),
      REFUNDED, EnumSet.of(PAID, PARTIALLY_REFUNDED));

  public boolean canMoveTo(OrderStatus next) {
    return NEXT.get(this).contains(next);
  }

  /** The states from which {@code target} can be reached: what a transition's UPDATE may find. */
  public static Set<OrderStatus> before(OrderStatus target) {
    EnumSet<OrderStatus> from = EnumSet.noneOf(OrderStatus.class);
    Arrays.stream(values()).filter(s -> s.canMoveTo(target)).forEach(from::add);
    return from;
  }

  /** True when a refund that failed (its money back on the charge) takes the order from this state to {@code next}. */
  public boolean canFallBackTo(OrderStatus next) {
    return FALLS_BACK.getOrDefault(this, Set.of()).contains(next);
  }

  /** True for a paid order, refunded or not: what a refund, a dispute and the refund form apply to. */
  public boolean isPaid() {
    return this == PAID || this == PARTIALLY_REFUNDED || this == REFUNDED;
  }

  /** Where a paid order stands when Stripe's charge of {@code amount} has {@code amountRefunded} refunded. */
  public static OrderStatus afterRefunds(long amountRefunded, long amount) {
    if (amountRefunded < 0 || amountRefunded > amount) {
      throw new IllegalArgumentException("amount_refunded " + amountRefunded + " of a charge of " + amount);
    }
    return amountRefunded == 0 ? PAID : amountRefunded == amount ? REFUNDED : PARTIALLY_REFUNDED;
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
      case PARTIALLY_REFUNDED -> "Partially refunded";
      case REFUNDED -> "Refunded";
    };
  }
}

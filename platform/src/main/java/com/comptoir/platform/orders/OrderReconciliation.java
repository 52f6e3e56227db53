package com.comptoir.platform.orders;

import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches Checkout events that never arrived (an endpoint down past Stripe's retries): each order
 * still waiting after {@code age}, pending or awaiting its bank, has its session read back from
 * Stripe and goes through {@link Fulfilment} exactly as a webhook would take it.
 */
public final class OrderReconciliation {
  private static final Logger LOG = LoggerFactory.getLogger(OrderReconciliation.class);
  /** A bound on one run; the oldest first, so a backlog drains over runs. */
  static final int MAX_ORDERS = 500;

  private final Jdbi jdbi;
  private final StripeApi stripe;
  private final Fulfilment fulfilment;
  private final Duration age;

  /** @param age how long an order waits for its webhook before it is read back */
  public OrderReconciliation(Jdbi jdbi, StripeApi stripe, Fulfilment fulfilment, Duration age) {
    this.jdbi = jdbi;
    this.stripe = stripe;
    this.fulfilment = fulfilment;
    this.age = age;
  }

  /** One pass; returns how many orders moved. */
  public int run() {
    List<Orders.Unsettled> waiting = jdbi.withHandle(h -> Orders.unsettled(h, age, MAX_ORDERS));
    int moved = 0;
    for (Orders.Unsettled order : waiting) {
      try {
        // Read before locking: no row stays locked while Stripe answers.
        StripeReport report = CheckoutEvents.read(stripe, order.accountId(), order.checkoutSessionId());
        moved += jdbi.inTransaction(h -> {
          Optional<Order> locked = Orders.forSessionForUpdate(h, order.checkoutSessionId(), null);
          return locked.isPresent() && fulfilment.apply(h, locked.get(), report, "reconciliation") == Fulfilment.Outcome.MOVED ? 1 : 0;
        });
      } catch (StripeException e) {
        LOG.warn("order {}: session {} could not be read, will try again: {}", order.id(), order.checkoutSessionId(), StripeApi.describe(e));
      }
    }
    return moved;
  }
}

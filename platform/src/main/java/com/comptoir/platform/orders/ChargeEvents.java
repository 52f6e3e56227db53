package com.comptoir.platform.orders;

import com.comptoir.platform.stripe.StripeApi;
import com.comptoir.platform.webhooks.EventHandler;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.model.StripeCollection;
import com.stripe.param.RefundListParams;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Connect endpoint does with events about a paid order's charge: refunds
 * ({@code charge.refunded}, and {@code charge.refund.updated} when a refund later succeeds or
 * fails) and disputes ({@code charge.dispute.*}). As {@link CheckoutEvents} does, it finds the
 * order by the charge's PaymentIntent on the event's own account only (another store's event moves
 * nothing), locks it, and reads the charge or dispute back from Stripe rather than trusting the
 * snapshot, so replays and late events leave the newest state (fact sheet §8.2).
 */
public final class ChargeEvents {
  private static final Logger LOG = LoggerFactory.getLogger(ChargeEvents.class);

  public static final List<String> REFUND_TYPES = List.of("charge.refunded", "charge.refund.updated");
  public static final List<String> DISPUTE_TYPES = List.of("charge.dispute.created", "charge.dispute.updated", "charge.dispute.closed");

  /** Refunds read per charge: Stripe's page limit, far above what one order sees. */
  private static final long MAX_REFUNDS_READ = 100;

  private ChargeEvents() {}

  public static Map<String, EventHandler> handlers(StripeApi stripe, Fulfilment fulfilment) {
    Map<String, EventHandler> handlers = new HashMap<>();
    REFUND_TYPES.forEach(t -> handlers.put(t, (h, event) -> refunds(h, event, stripe, fulfilment)));
    DISPUTE_TYPES.forEach(t -> handlers.put(t, (h, event) -> dispute(h, event, stripe)));
    return Map.copyOf(handlers);
  }

  private static void refunds(Handle h, Event event, StripeApi stripe, Fulfilment fulfilment) throws StripeException {
    record Ids(String paymentIntent, String charge) {}
    Ids ids = switch (snapshot(event)) {
      case Charge c -> new Ids(c.getPaymentIntent(), c.getId());
      case Refund r -> new Ids(r.getPaymentIntent(), r.getCharge());
      default -> throw new IllegalArgumentException("event " + event.getId() + " (" + event.getType() + ") carries no charge or refund");
    };
    Optional<Order> order = orderOf(h, event, stripe, ids.paymentIntent());
    if (order.isEmpty()) {
      return;
    }
    // The charge for amount_refunded, and its refunds listed beside it: Stripe's includable expand[]=refunds
    // (fact sheet §3) is not served by the embedded processor, and the list pages up to 100 either way.
    Charge charge = stripe.client().v1().charges().retrieve(ids.charge(), stripe.onAccount(order.get().accountId()));
    StripeCollection<Refund> refunds = stripe.client().v1().refunds().list(
        RefundListParams.builder().setCharge(ids.charge()).setLimit(MAX_REFUNDS_READ).build(), stripe.onAccount(order.get().accountId()));
    if (Boolean.TRUE.equals(refunds.getHasMore())) {
      LOG.warn("charge {} has more than {} refunds; order {} records the newest {}", charge.getId(), MAX_REFUNDS_READ, order.get().id(),
          MAX_REFUNDS_READ);
    }
    fulfilment.applyRefunds(h, order.get(), charge, refunds.getData(), event.getId());
  }

  private static void dispute(Handle h, Event event, StripeApi stripe) throws StripeException {
    if (!(snapshot(event) instanceof Dispute snapshot)) {
      throw new IllegalArgumentException("event " + event.getId() + " (" + event.getType() + ") carries no dispute");
    }
    Optional<Order> order = orderOf(h, event, stripe, snapshot.getPaymentIntent());
    if (order.isEmpty()) {
      return;
    }
    Dispute current = stripe.client().v1().disputes().retrieve(snapshot.getId(), stripe.onAccount(order.get().accountId()));
    h.createUpdate("""
            UPDATE orders SET dispute_id = :id, dispute_status = :status, dispute_amount = :amount, dispute_reason = :reason, updated_at = now()
            WHERE id = :order""")
        .bind("id", current.getId()).bind("status", current.getStatus()).bind("amount", current.getAmount())
        .bind("reason", current.getReason()).bind("order", order.get().id()).execute();
    LOG.info("order {}: dispute {} is {} ({})", order.get().id(), current.getId(), current.getStatus(), event.getId());
  }

  /**
   * The storefront order of {@code paymentIntentId} on the event's account, locked; empty for a
   * charge that is no order's, and for an event whose account is not the order's store's.
   */
  private static Optional<Order> orderOf(Handle h, Event event, StripeApi stripe, String paymentIntentId) throws StripeException {
    if (paymentIntentId == null) {
      return Optional.empty();
    }
    Optional<Order> found = Orders.forPaymentIntentForUpdate(h, event.getAccount(), paymentIntentId, null);
    if (found.isPresent()) {
      return found;
    }
    Optional<Order> elsewhere = Orders.byPaymentIntent(h, paymentIntentId);
    if (elsewhere.isPresent() && elsewhere.get().accountId().equals(event.getAccount())) {
      // The store's own order: its checkout event, handled at the same moment, recorded the PaymentIntent
      // after the locked read above began (a dispute card's charge.dispute.created comes with
      // checkout.session.completed, and deliveries run side by side). Read it again, locked.
      return Orders.forPaymentIntentForUpdate(h, event.getAccount(), paymentIntentId, null);
    }
    if (elsewhere.isPresent()) {
      LOG.warn("event {} ({}) names order {}'s PaymentIntent but comes from account {}, not the store's {}: ignored", event.getId(),
          event.getType(), elsewhere.get().id(), event.getAccount(), elsewhere.get().accountId());
      return Optional.empty();
    }
    // The checkout event may not have recorded the PaymentIntent yet: the PaymentIntent names its order.
    PaymentIntent intent;
    try {
      intent = stripe.client().v1().paymentIntents().retrieve(paymentIntentId, stripe.onAccount(event.getAccount()));
    } catch (StripeException e) {
      if (StripeApi.isMissing(e)) {
        return Optional.empty();
      }
      throw e;
    }
    String orderId = intent.getMetadata() == null ? null : intent.getMetadata().get("order");
    Optional<Order> named = Orders.forPaymentIntentForUpdate(h, event.getAccount(), paymentIntentId, orderId);
    if (named.isEmpty()) {
      LOG.debug("event {}: PaymentIntent {} is not a storefront order's", event.getId(), paymentIntentId);
    }
    return named;
  }

  private static StripeObject snapshot(Event event) {
    Optional<StripeObject> typed = event.getDataObjectDeserializer().getObject();
    try {
      // An endpoint at another API version still names the object; only its ids are read.
      return typed.isPresent() ? typed.get() : event.getDataObjectDeserializer().deserializeUnsafe();
    } catch (EventDataObjectDeserializationException e) {
      throw new IllegalArgumentException("event " + event.getId() + " could not be read: " + e.getMessage(), e);
    }
  }
}

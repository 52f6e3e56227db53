package com.comptoir.platform.orders;

import com.comptoir.platform.stripe.StripeApi;
import com.comptoir.platform.webhooks.EventHandler;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionRetrieveParams;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Connect endpoint does with the guide's Checkout events: finds the storefront order the
 * session belongs to, makes sure the event comes from that store's own connected account (a
 * tenant's event never moves another store's order), reads the session back from Stripe with its
 * PaymentIntent, and hands that to {@link Fulfilment}. Reading the session rather than trusting
 * the event's snapshot is what makes late and repeated events harmless: Stripe promises neither
 * order nor single delivery (fact sheet §8.2), but the session read now is the newest state. The
 * event types differ only in what they say to expect; the session says what happened.
 */
public final class CheckoutEvents {
  private static final Logger LOG = LoggerFactory.getLogger(CheckoutEvents.class);

  /** The guide's events (plus expiry), which the Connect endpoint must be subscribed to. */
  public static final List<String> TYPES = List.of("checkout.session.completed", "checkout.session.async_payment_succeeded",
      "checkout.session.async_payment_failed", "checkout.session.expired");

  private CheckoutEvents() {}

  public static Map<String, EventHandler> handlers(StripeApi stripe, Fulfilment fulfilment) {
    EventHandler handler = (h, event) -> handle(h, event, stripe, fulfilment);
    return TYPES.stream().collect(Collectors.toUnmodifiableMap(t -> t, t -> handler));
  }

  private static void handle(Handle h, Event event, StripeApi stripe, Fulfilment fulfilment) throws StripeException {
    Session snapshot = snapshot(event);
    Optional<Order> found = Orders.forSessionForUpdate(h, snapshot.getId(), snapshot.getClientReferenceId());
    if (found.isEmpty()) {
      LOG.debug("event {}: session {} is not a storefront order's", event.getId(), snapshot.getId());
      return;
    }
    Order order = found.get();
    if (!order.accountId().equals(event.getAccount())) {
      LOG.warn("event {} ({}) names order {}'s session but comes from account {}, not the store's {}: ignored", event.getId(),
          event.getType(), order.id(), event.getAccount(), order.accountId());
      return;
    }
    fulfilment.apply(h, order, read(stripe, order.accountId(), snapshot.getId()), event.getId());
  }

  /** The session as Stripe has it now, on the store's account, with its PaymentIntent. */
  static StripeReport read(StripeApi stripe, String accountId, String sessionId) throws StripeException {
    Session current = stripe.client().v1().checkout().sessions().retrieve(sessionId,
        SessionRetrieveParams.builder().addExpand("payment_intent").build(), stripe.onAccount(accountId));
    return StripeReport.of(current, accountId);
  }

  private static Session snapshot(Event event) {
    Optional<StripeObject> typed = event.getDataObjectDeserializer().getObject();
    try {
      // An endpoint at another API version still names the session; only its id and reference are read.
      StripeObject object = typed.isPresent() ? typed.get() : event.getDataObjectDeserializer().deserializeUnsafe();
      if (object instanceof Session session) {
        return session;
      }
      throw new IllegalArgumentException("event " + event.getId() + " of type " + event.getType() + " does not carry a checkout session");
    } catch (EventDataObjectDeserializationException e) {
      throw new IllegalArgumentException("event " + event.getId() + " could not be read: " + e.getMessage(), e);
    }
  }
}

package com.comptoir.platform.storefront;

import com.comptoir.platform.fees.Fees;
import com.comptoir.platform.orders.Order;
import com.comptoir.platform.orders.OrderStatus;
import com.comptoir.platform.orders.Orders;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Step 3 of the guide for a storefront order: the order is written first ({@code pending}), then a
 * Checkout Session is created on the store's connected account ({@code Stripe-Account}) for the
 * Stripe Prices and quantities, with the platform's {@code application_fee_amount} on the total.
 * The session names the order ({@code client_reference_id}, {@code metadata[order]}) and is
 * created with an Idempotency-Key made from the order id; the storefront form carries a one-time
 * token that finds the same order again. So a double click, a retried post or a retry after a
 * timeout all end at one order and one session.
 */
final class CheckoutStart {
  /** Where to send the customer: to Stripe's hosted page, or, for an order already settled, its own page. */
  record Destination(String url, boolean external) {}

  private final Jdbi jdbi;
  private final StripeApi stripe;
  private final Fees fees;
  private final Supplier<String> publicUrl;

  CheckoutStart(Jdbi jdbi, StripeApi stripe, Fees fees, Supplier<String> publicUrl) {
    this.jdbi = jdbi;
    this.stripe = stripe;
    this.fees = fees;
    this.publicUrl = publicUrl;
  }

  /**
   * The order for these lines (the one this form token already made, if its lines are the same)
   * and where the customer goes next.
   *
   * @throws StripeException when Stripe refuses or cannot be reached; the order stays pending
   *     without a session, and posting the same form again retries with the same key
   */
  Destination start(Store store, String formToken, List<Order.Line> lines) throws StripeException {
    String token = formToken != null && formToken.matches("[A-Za-z0-9_-]{20,100}") ? formToken : null;
    Order order = jdbi.inTransaction(h -> {
      Optional<Order> used = Optional.empty();
      if (token != null) {
        // Two posts of one form at once: the second waits here and then finds the first's order.
        h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))")
            .bind("key", "order-form:" + store.id() + ":" + token).mapTo(Integer.class).one();
        used = Orders.byFormToken(h, store.id(), token);
      }
      if (used.isPresent() && sameLines(used.get().lines(), lines)) {
        return used.get();
      }
      // A token already used for other lines (a page kept open and changed) makes a new order, without it.
      return Orders.insert(h, new Orders.NewOrder(store.id(), store.merchantId(), store.accountId(), used.isPresent() ? null : token,
          store.currency(), lines, fees.ruleFor(h, store.id(), store.currency())));
    });
    if (order.status() != OrderStatus.PENDING) {
      return new Destination(orderPage(store, order), false);
    }
    if (order.checkoutSessionId() != null && order.checkoutUrl() != null) {
      return new Destination(order.checkoutUrl(), true);
    }
    Session session;
    try {
      session = stripe.client().v1().checkout().sessions().create(params(store, order),
          stripe.onAccount(order.accountId(), "order-" + order.id() + "-checkout-session"));
    } catch (StripeException e) {
      jdbi.useHandle(h -> Orders.recordCheckoutError(h, order.id(), StripeApi.describe(e)));
      throw e;
    }
    jdbi.useHandle(h -> Orders.recordSession(h, order.id(), session.getId(), session.getUrl()));
    return new Destination(session.getUrl(), true);
  }

  private SessionCreateParams params(Store store, Order order) {
    String storefront = publicUrl.get() + "/s/" + store.slug();
    SessionCreateParams.Builder params = SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.PAYMENT)
        .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
            .setApplicationFeeAmount(order.applicationFeeAmount())
            // Refund and dispute events name the PaymentIntent: this finds the order before the checkout event recorded it.
            .putMetadata("order", Long.toString(order.id())).build())
        // Stripe puts the session id in place of {CHECKOUT_SESSION_ID} (fact sheet §5.3); the page reads the order, not it.
        .setSuccessUrl(orderPage(store, order) + "?session_id={CHECKOUT_SESSION_ID}")
        .setCancelUrl(storefront + "?order=" + order.publicId())
        .setClientReferenceId(Long.toString(order.id()))
        .putMetadata("order", Long.toString(order.id()));
    for (Order.Line line : order.lines()) {
      params.addLineItem(SessionCreateParams.LineItem.builder().setPrice(line.stripePriceId()).setQuantity((long) line.quantity()).build());
    }
    return params.build();
  }

  String orderPage(Store store, Order order) {
    return publicUrl.get() + "/s/" + store.slug() + "/orders/" + order.publicId();
  }

  private static boolean sameLines(List<Order.Line> kept, List<Order.Line> asked) {
    if (kept.size() != asked.size()) {
      return false;
    }
    for (int i = 0; i < kept.size(); i++) {
      Order.Line a = kept.get(i);
      Order.Line b = asked.get(i);
      if (a.productId() != b.productId() || a.quantity() != b.quantity() || !a.stripePriceId().equals(b.stripePriceId())) {
        return false;
      }
    }
    return true;
  }
}

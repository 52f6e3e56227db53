package com.comptoir.platform.orders;

import com.comptoir.platform.money.Money;
import com.comptoir.platform.stores.Branding;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.stripe.model.Charge;
import com.stripe.model.Refund;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place an order moves: on what Stripe reported about its Checkout Session, whether a
 * webhook brought it or reconciliation read it, and, once paid, on what its charge says is refunded
 * ({@link #applyRefunds}). Moves follow {@link OrderStatus}'s table, so a
 * repeated or late report changes nothing and sends nothing; each real move is recorded with its
 * source and, on {@code paid} or {@code payment_failed}, queues the customer's e-mail in the same
 * transaction. Stripe's amounts are kept beside the order's own, and a disagreement is flagged for
 * people to look at, never resolved by trusting one side.
 */
public final class Fulfilment {
  private static final Logger LOG = LoggerFactory.getLogger(Fulfilment.class);

  /** What applying a report did. */
  public enum Outcome {
    MOVED,
    UNCHANGED
  }

  private final Supplier<String> publicUrl;

  public Fulfilment(Supplier<String> publicUrl) {
    this.publicUrl = publicUrl;
  }

  /**
   * Applies {@code report} to {@code order}, which the caller has locked and has checked belongs
   * to the report's account.
   *
   * @param source what brought the report: an event id, or {@code reconciliation}
   */
  public Outcome apply(Handle h, Order order, StripeReport report, String source) {
    if (!order.accountId().equals(report.accountId())) {
      throw new IllegalArgumentException("order " + order.id() + " is on " + order.accountId() + ", not " + report.accountId());
    }
    if (order.checkoutSessionId() == null) {
      Orders.recordSession(h, order.id(), report.sessionId(), null);
    } else if (!order.checkoutSessionId().equals(report.sessionId())) {
      throw new IllegalArgumentException("order " + order.id() + " has session " + order.checkoutSessionId() + ", not " + report.sessionId());
    }
    recordWhatStripeSays(h, order, report);
    OrderStatus target = report.target();
    if (target == null || target == order.status()) {
      return Outcome.UNCHANGED;
    }
    if (!order.status().canMoveTo(target)) {
      LOG.info("order {} stays {}: Stripe's {} report ({}) comes too late", order.id(), order.status().dbName(), target.dbName(), source);
      return Outcome.UNCHANGED;
    }
    h.createUpdate("""
            UPDATE orders SET status = :to, updated_at = now(), paid_at = CASE WHEN :to = 'paid' THEN now() ELSE paid_at END
            WHERE id = :id AND status = :from""")
        .bind("to", target.dbName()).bind("from", order.status().dbName()).bind("id", order.id()).execute();
    h.createUpdate("INSERT INTO order_transitions (order_id, from_status, to_status, source) VALUES (:o, :from, :to, :source)")
        .bind("o", order.id()).bind("from", order.status().dbName()).bind("to", target.dbName()).bind("source", source).execute();
    Order moved = Orders.byId(h, order.id()).orElseThrow();
    tellTheCustomer(h, moved, target);
    if (target == OrderStatus.PAID) {
      // once: an order reaches paid by one transition only
      OrderMail.newOrderToMerchant(h, moved, Stores.byId(h, order.storeId()).orElseThrow(), publicUrl.get() + "/orders/" + order.id());
    }
    return Outcome.MOVED;
  }

  /**
   * Applies what Stripe's charge and its {@code refunds}, read back, say about an order the caller has
   * locked and checked is the charge's account's: the charge's cumulative {@code amount_refunded}
   * (lower again when a refund failed), each refund's status, the status that follows
   * ({@link OrderStatus#afterRefunds}), and one e-mail to the customer per refund that succeeded.
   *
   * @throws IllegalStateException for an order not yet paid: the webhook is answered 500 and Stripe
   *     retries it once the checkout event has been handled
   */
  public Outcome applyRefunds(Handle h, Order order, Charge charge, List<Refund> refunds, String source) {
    if (!order.status().isPaid()) {
      throw new IllegalStateException("order " + order.id() + " is " + order.status().dbName() + ", not paid yet; charge " + charge.getId()
          + " reports refunds");
    }
    long refunded = charge.getAmountRefunded();
    if (charge.getAmount() != order.amountTotal() || refunded > order.amountTotal()) {
      throw new IllegalStateException("charge " + charge.getId() + " of " + charge.getAmount() + " does not fit order " + order.id()
          + " of " + order.amountTotal());
    }
    h.createUpdate("UPDATE orders SET amount_refunded = :r, updated_at = now() WHERE id = :id").bind("r", refunded).bind("id", order.id()).execute();
    for (Refund refund : refunds) {
      recordRefund(h, order, refund);
    }
    OrderStatus target = OrderStatus.afterRefunds(refunded, charge.getAmount());
    if (target == order.status()) {
      return Outcome.UNCHANGED;
    }
    if (!order.status().canMoveTo(target) && !order.status().canFallBackTo(target)) {
      throw new IllegalStateException("order " + order.id() + " cannot go from " + order.status().dbName() + " to " + target.dbName());
    }
    h.createUpdate("UPDATE orders SET status = :to, updated_at = now() WHERE id = :id AND status = :from")
        .bind("to", target.dbName()).bind("from", order.status().dbName()).bind("id", order.id()).execute();
    h.createUpdate("INSERT INTO order_transitions (order_id, from_status, to_status, source) VALUES (:o, :from, :to, :source)")
        .bind("o", order.id()).bind("from", order.status().dbName()).bind("to", target.dbName()).bind("source", source).execute();
    return Outcome.MOVED;
  }

  /** Keeps the refund's newest status; the customer hears of it once, the first time it is seen succeeded. */
  private void recordRefund(Handle h, Order order, Refund refund) {
    h.createUpdate("""
            INSERT INTO order_refunds (refund_id, order_id, amount, currency, status, reason) VALUES (:id, :order, :amount, :currency, :status, :reason)
            ON CONFLICT (refund_id) DO UPDATE SET status = excluded.status, updated_at = now() WHERE order_refunds.status <> excluded.status""")
        .bind("id", refund.getId()).bind("order", order.id()).bind("amount", refund.getAmount()).bind("currency", refund.getCurrency())
        .bind("status", refund.getStatus()).bind("reason", refund.getReason()).execute();
    if (!"succeeded".equals(refund.getStatus()) || order.customerEmail() == null) {
      return;
    }
    int first = h.createUpdate("UPDATE order_refunds SET mailed_at = now() WHERE refund_id = :id AND order_id = :order AND mailed_at IS NULL")
        .bind("id", refund.getId()).bind("order", order.id()).execute();
    if (first == 1) {
      Store store = Stores.byId(h, order.storeId()).orElseThrow();
      OrderMail.refunded(h, order, store, refund.getAmount(), Branding.storeUrl(publicUrl.get(), store.slug()) + "/orders/" + order.publicId());
    }
  }

  private void recordWhatStripeSays(Handle h, Order order, StripeReport report) {
    h.createUpdate("""
            UPDATE orders SET customer_email = coalesce(:email, customer_email),
                   payment_intent_id = coalesce(:pi, payment_intent_id),
                   stripe_amount_total = coalesce(:total, stripe_amount_total),
                   stripe_currency = coalesce(:currency, stripe_currency),
                   stripe_application_fee_amount = coalesce(:fee, stripe_application_fee_amount),
                   discrepancy = coalesce(:discrepancy, discrepancy), updated_at = now()
            WHERE id = :id""")
        .bind("email", report.customerEmail()).bind("pi", report.paymentIntentId()).bind("total", report.amountTotal())
        .bind("currency", report.currency()).bind("fee", report.applicationFeeAmount())
        .bind("discrepancy", discrepancy(order, report)).bind("id", order.id())
        .execute();
  }

  /** What Stripe reports that the order does not say, in words for the merchant and operator; null when they agree. */
  static String discrepancy(Order order, StripeReport report) {
    List<String> problems = new ArrayList<>();
    if (report.currency() != null && !report.currency().equals(order.currency())) {
      problems.add("Stripe charged in " + report.currency().toUpperCase(java.util.Locale.ROOT) + ", the order is in "
          + order.currency().toUpperCase(java.util.Locale.ROOT) + ".");
    }
    if (report.amountTotal() != null && report.amountTotal() != order.amountTotal()) {
      problems.add("Stripe's total is " + Money.format(report.amountTotal(), Objects.requireNonNullElse(report.currency(), order.currency()))
          + ", the order's is " + order.totalText() + ".");
    }
    if (report.applicationFeeAmount() != null && report.applicationFeeAmount() != order.applicationFeeAmount()) {
      problems.add("Stripe's application fee is " + Money.format(report.applicationFeeAmount(), order.currency())
          + ", the order's is " + order.feeText() + ".");
    }
    if (report.target() == OrderStatus.PAID && report.paymentIntentId() != null && report.applicationFeeAmount() == null) {
      problems.add("Stripe reports no application fee; the order's is " + order.feeText() + ".");
    }
    return problems.isEmpty() ? null : String.join(" ", problems);
  }

  private void tellTheCustomer(Handle h, Order order, OrderStatus reached) {
    if (order.customerEmail() == null || !(reached == OrderStatus.PAID || reached == OrderStatus.PAYMENT_FAILED)) {
      return;
    }
    Store store = Stores.byId(h, order.storeId()).orElseThrow();
    String storeUrl = Branding.storeUrl(publicUrl.get(), store.slug());
    if (reached == OrderStatus.PAID) {
      OrderMail.paid(h, order, store, storeUrl + "/orders/" + order.publicId());
    } else {
      OrderMail.paymentFailed(h, order, store, storeUrl);
    }
  }
}

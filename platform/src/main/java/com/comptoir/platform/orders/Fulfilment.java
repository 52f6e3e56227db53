package com.comptoir.platform.orders;

import com.comptoir.platform.money.Money;
import com.comptoir.platform.stores.Branding;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place an order moves: on what Stripe reported about its Checkout Session, whether a
 * webhook brought it or reconciliation read it. Moves follow {@link OrderStatus}'s table, so a
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
    tellTheCustomer(h, Orders.byId(h, order.id()).orElseThrow(), target);
    return Outcome.MOVED;
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

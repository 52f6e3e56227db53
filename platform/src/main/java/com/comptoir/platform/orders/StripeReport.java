package com.comptoir.platform.orders;

import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;

/**
 * What a Checkout Session says about an order, read with its PaymentIntent expanded: the status
 * the order should reach, and the amounts Stripe charged. One reading for webhooks and
 * reconciliation alike, so both move orders the same way.
 *
 * <p>The reading follows fact sheet §5.4: {@code complete} with {@code payment_status=paid} is
 * paid (cards, and delayed methods once confirmed); {@code complete} and {@code unpaid} is a
 * delayed method still with the bank, unless its PaymentIntent went back to
 * {@code requires_payment_method} (or was canceled), which is how a failed SEPA debit or Sofort
 * ends (§6.1); {@code expired} is expired; {@code open} says nothing yet.
 *
 * @param target where the order should go, or null when the session is still open
 * @param applicationFeeAmount the PaymentIntent's {@code application_fee_amount}, or null without one
 */
public record StripeReport(String sessionId, String accountId, OrderStatus target, Long amountTotal, String currency,
    Long applicationFeeAmount, String paymentIntentId, String customerEmail) {

  public static StripeReport of(Session session, String accountId) {
    PaymentIntent intent = session.getPaymentIntentObject();
    String intentId = intent != null ? intent.getId() : session.getPaymentIntent();
    String email = session.getCustomerDetails() != null && session.getCustomerDetails().getEmail() != null
        ? session.getCustomerDetails().getEmail() : session.getCustomerEmail();
    return new StripeReport(session.getId(), accountId, target(session, intent), session.getAmountTotal(), session.getCurrency(),
        intent == null ? null : intent.getApplicationFeeAmount(), intentId, email);
  }

  static OrderStatus target(Session session, PaymentIntent intent) {
    String status = session.getStatus();
    if ("expired".equals(status)) {
      return OrderStatus.EXPIRED;
    }
    if (!"complete".equals(status)) {
      return null;
    }
    if ("paid".equals(session.getPaymentStatus()) || "no_payment_required".equals(session.getPaymentStatus())) {
      return OrderStatus.PAID;
    }
    String intentStatus = intent == null ? null : intent.getStatus();
    if ("requires_payment_method".equals(intentStatus) || "canceled".equals(intentStatus)) {
      return OrderStatus.PAYMENT_FAILED;
    }
    return OrderStatus.AWAITING_PAYMENT;
  }
}

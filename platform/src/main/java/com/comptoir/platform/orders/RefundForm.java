package com.comptoir.platform.orders;

import com.comptoir.platform.money.Currencies;
import com.comptoir.platform.money.Money;
import com.comptoir.platform.web.Form;
import com.comptoir.platform.web.Tokens;
import com.stripe.param.RefundCreateParams;
import java.util.List;
import java.util.Map;

/**
 * The refund form on the merchant's order page. The amount is read exactly in the order's currency
 * and must be more than zero and at most what is left to refund as the platform last heard it;
 * Stripe, which knows refunds made elsewhere (the Dashboard), has the last word, and its refusal
 * comes back next to the amount.
 *
 * <p>Policy: Comptoir refunds its application fee in proportion to every refund
 * ({@code refund_application_fee=true}, fact sheet §7.4), so a fully refunded order leaves the
 * platform nothing. Stripe's default (false) would have the merchant pay Comptoir's fee on a sale
 * they gave back; Stripe's own processing fee is not returned either way.
 *
 * <p>Each rendering carries a fresh {@code refund_token}; the Idempotency-Key is the order and that
 * token, so the same form sent twice makes one refund, and a corrected form after a refusal is a new request.
 */
final class RefundForm {
  static final String AMOUNT = "amount";
  static final String REASON = "reason";
  static final String TOKEN = "refund_token";
  static final List<String> FIELDS = List.of(AMOUNT, REASON, TOKEN);
  /** Stripe's refund reasons a merchant can give, with how the form says them. */
  static final Map<String, String> REASONS = Map.of(
      "requested_by_customer", "Requested by the customer",
      "duplicate", "Duplicate payment",
      "fraudulent", "Fraudulent payment");
  static final List<String> REASON_ORDER = List.of("requested_by_customer", "duplicate", "fraudulent");
  private static final String TOKEN_SHAPE = "[A-Za-z0-9_-]{20,64}";

  private RefundForm() {}

  /** The form as first shown: the whole remaining amount, the customer's request, a new token. */
  static Form of(Order order) {
    return Form.empty().with(AMOUNT, Money.plain(order.refundableAmount(), currency(order)))
        .with(REASON, "requested_by_customer").with(TOKEN, Tokens.random());
  }

  /** The typed form shown again, with a new token: what Stripe answered for the old one is kept under it. */
  static Form again(Form typed) {
    return typed.with(TOKEN, Tokens.random());
  }

  /** The amount to refund in minor units, or -1 with the form's errors marked. */
  static long check(Form form, Order order) {
    long amount = -1;
    try {
      amount = Money.parseAmount(form.value(AMOUNT), currency(order));
      if (amount <= 0) {
        form.error(AMOUNT, "Enter an amount more than zero.");
      } else if (amount > order.refundableAmount()) {
        form.error(AMOUNT, "At most " + order.refundableText() + " is left to refund on this order.");
      }
    } catch (Money.InvalidAmount e) {
      form.error(AMOUNT, e.getMessage());
    }
    if (!REASONS.containsKey(form.value(REASON))) {
      form.error(REASON, "Choose why you are refunding.");
    }
    if (!form.value(TOKEN).matches(TOKEN_SHAPE)) {
      form.error(AMOUNT, "This form is incomplete. Reload the page and try again.");
    }
    return form.hasErrors() ? -1 : amount;
  }

  /** {@code POST /v1/refunds} on the store's account for a checked form. */
  static RefundCreateParams params(Order order, long amount, Form form) {
    return RefundCreateParams.builder()
        .setPaymentIntent(order.paymentIntentId())
        .setAmount(amount)
        .setReason(RefundCreateParams.Reason.valueOf(form.value(REASON).toUpperCase(java.util.Locale.ROOT)))
        .setRefundApplicationFee(true)
        .putMetadata("order", Long.toString(order.id()))
        .build();
  }

  static String idempotencyKey(Order order, Form form) {
    return "refund-" + order.id() + "-" + form.value(TOKEN);
  }

  private static Currencies.Currency currency(Order order) {
    return Currencies.find(order.currency()).orElseThrow(() -> new IllegalStateException("order " + order.id() + " in unknown " + order.currency()));
  }
}

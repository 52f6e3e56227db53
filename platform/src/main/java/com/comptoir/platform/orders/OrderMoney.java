package com.comptoir.platform.orders;

import com.comptoir.platform.money.Breakdown;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundListParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One order's money as Stripe booked it, read at each visit on the store's account: the payment's
 * balance transaction ({@code GET /v1/payment_intents/{id}?expand[]=latest_charge.balance_transaction})
 * and each refund's ({@code GET /v1/refunds?charge=&expand[]=data.balance_transaction}).
 *
 * @param payment estimated from the order until Stripe has booked the charge
 * @param refunds by refund id: what each took back out of the balance (negative amounts)
 * @param problem why Stripe could not be read, or null; the figures are then the estimate
 */
record OrderMoney(Breakdown payment, Map<String, Breakdown> refunds, String problem) {
  /** Refunds one order page reads: more than an order can have in practice (each is a merchant's action). */
  private static final long REFUNDS_READ = 100;

  static OrderMoney read(StripeApi stripe, Order order) {
    Breakdown estimate = Breakdown.estimated(order.currency(), order.amountTotal(), order.applicationFeeAmount());
    if (order.paymentIntentId() == null) {
      return new OrderMoney(estimate, Map.of(), null);
    }
    try {
      PaymentIntent intent = stripe.client().v1().paymentIntents().retrieve(order.paymentIntentId(),
          PaymentIntentRetrieveParams.builder().addExpand("latest_charge.balance_transaction").build(),
          stripe.onAccount(order.accountId()));
      Charge charge = intent.getLatestChargeObject();
      if (charge == null || charge.getBalanceTransactionObject() == null) {
        return new OrderMoney(estimate, Map.of(), null); // a delayed method not settled yet: no booking, no fee
      }
      Map<String, Breakdown> refunds = new LinkedHashMap<>();
      if (charge.getAmountRefunded() != null && charge.getAmountRefunded() > 0 || order.amountRefunded() > 0) {
        StripeCollection<Refund> list = stripe.client().v1().refunds().list(RefundListParams.builder().setCharge(charge.getId())
            .setLimit(REFUNDS_READ).addExpand("data.balance_transaction").build(), stripe.onAccount(order.accountId()));
        for (Refund refund : list.getData()) {
          if (refund.getBalanceTransactionObject() != null) {
            refunds.put(refund.getId(), Breakdown.of(refund.getBalanceTransactionObject()));
          }
        }
      }
      return new OrderMoney(Breakdown.of(charge.getBalanceTransactionObject()), refunds, null);
    } catch (StripeException e) {
      return new OrderMoney(estimate, Map.of(), "Stripe's figures could not be read just now (" + StripeApi.describe(e)
          + "); these are estimates from the order.");
    }
  }

  /** What the refunds took out of the balance together, a positive amount. */
  long refundedFromBalance() {
    return refunds.values().stream().mapToLong(r -> -r.net()).sum();
  }
}

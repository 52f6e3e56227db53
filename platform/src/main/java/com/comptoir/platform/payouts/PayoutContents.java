package com.comptoir.platform.payouts;

import com.comptoir.platform.money.BalanceHistory;
import com.comptoir.platform.money.Breakdown;
import com.comptoir.platform.money.Money;
import com.comptoir.platform.orders.Order;
import com.comptoir.platform.orders.Orders;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Payout;
import com.stripe.model.Refund;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * What one payout paid out, read from Stripe: the payout ({@code GET /v1/payouts/{id}}) and its
 * balance transactions ({@code GET /v1/balance_transactions?payout=}), each payment tied back to
 * its charge's PaymentIntent and so to the store's order. Stripe answers the list only for
 * automatic payouts; a manual payout says so instead.
 *
 * @param lines every transaction of the payout but the payout's own, newest first
 * @param truncated true when the payout held more transactions than one page reads
 */
public record PayoutContents(PayoutsOverview.PayoutRow payout, List<Line> lines, boolean truncated) {

  /**
   * One balance transaction the payout carried.
   *
   * @param order the store's order it belongs to, or null (a payment not made through the storefront, a fee, …)
   * @param type Stripe's balance transaction type: {@code charge}, {@code payment}, {@code refund}, …
   */
  public record Line(String type, Order order, Breakdown money) {
    public boolean isPayment() {
      return "charge".equals(type) || "payment".equals(type);
    }

    public String typeText() {
      return switch (type) {
        case "charge", "payment" -> "Payment";
        case "refund", "payment_refund" -> "Refund";
        case "refund_failure", "payment_failure_refund" -> "Failed refund returned";
        case "adjustment" -> "Dispute or adjustment";
        default -> type.replace('_', ' ');
      };
    }
  }

  /** The payout, or empty when Stripe has none by that id on this account (another merchant's is missing too). */
  static java.util.Optional<PayoutContents> read(StripeApi stripe, Jdbi jdbi, long storeId, String accountId, String payoutId)
      throws StripeException {
    Payout payout;
    try {
      payout = stripe.client().v1().payouts().retrieve(payoutId, stripe.onAccount(accountId));
    } catch (StripeException e) {
      if (StripeApi.isMissing(e)) {
        return java.util.Optional.empty();
      }
      throw e;
    }
    PayoutsOverview.PayoutRow row = PayoutsOverview.row(payout);
    if (!row.automatic()) {
      return java.util.Optional.of(new PayoutContents(row, List.of(), false));
    }
    BalanceHistory.Page page = new BalanceHistory(stripe).ofPayout(accountId, payoutId);
    List<String> paymentIntents = new ArrayList<>();
    for (BalanceTransaction bt : page.transactions()) {
      String pi = paymentIntentOf(bt);
      if (pi != null) {
        paymentIntents.add(pi);
      }
    }
    Map<String, Order> orders = jdbi.withHandle(h -> Orders.ofStoreByPaymentIntents(h, storeId, paymentIntents));
    List<Line> lines = new ArrayList<>();
    for (BalanceTransaction bt : page.transactions()) {
      if (!"payout".equals(bt.getType())) {
        String pi = paymentIntentOf(bt);
        lines.add(new Line(bt.getType(), pi == null ? null : orders.get(pi), Breakdown.of(bt)));
      }
    }
    return java.util.Optional.of(new PayoutContents(row, lines, page.truncated()));
  }

  /** The PaymentIntent behind a transaction's source: a charge's own, or a refund's. */
  private static String paymentIntentOf(BalanceTransaction bt) {
    if (bt.getSourceObject() instanceof Charge charge) {
      return charge.getPaymentIntent();
    }
    if (bt.getSourceObject() instanceof Refund refund) {
      return refund.getPaymentIntent();
    }
    return null;
  }

  public List<Line> payments() {
    return lines.stream().filter(Line::isPayment).toList();
  }

  public List<Line> others() {
    return lines.stream().filter(l -> !l.isPayment()).toList();
  }

  /** Σ net of the lines: what the payout's amount is made of. */
  public String totalNetText() {
    return Money.format(lines.stream().mapToLong(l -> l.money().net()).sum(), payout.currency());
  }
}

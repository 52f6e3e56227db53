package com.comptoir.platform.money;

import com.stripe.model.BalanceTransaction;

/**
 * What one payment or refund did to the merchant's Stripe balance, as its balance transaction
 * says: the gross {@code amount}, what was withheld ({@code fee_details}: Stripe's own fees and
 * Comptoir's {@code application_fee}) and the {@code net}. All amounts are minor units, signed as
 * Stripe signs them (a refund is negative).
 *
 * <p>Before the balance transaction exists (a SEPA Debit that has not settled, an order still in
 * Checkout) the figures are an estimate from the order: Stripe's fee is not known, so it and the
 * net are null.
 *
 * @param stripeFee everything Stripe withheld that is not Comptoir's application fee; null while estimated
 * @param net what the balance changes by; null while estimated
 * @param balanceTransactionId null while estimated
 */
public record Breakdown(String currency, long gross, Long stripeFee, long applicationFee, Long net, String balanceTransactionId,
    String status, Long availableOn) {

  /** The figures of {@code bt}, read from its {@code fee_details}. */
  public static Breakdown of(BalanceTransaction bt) {
    long applicationFee = 0;
    if (bt.getFeeDetails() != null) {
      for (BalanceTransaction.FeeDetail detail : bt.getFeeDetails()) {
        if ("application_fee".equals(detail.getType())) {
          applicationFee = Math.addExact(applicationFee, detail.getAmount());
        }
      }
    }
    // fee = Σ fee_details (Stripe's invariant), so what is not the application fee is Stripe's own.
    long stripeFee = Math.subtractExact(bt.getFee(), applicationFee);
    return new Breakdown(bt.getCurrency(), bt.getAmount(), stripeFee, applicationFee, bt.getNet(), bt.getId(), bt.getStatus(),
        bt.getAvailableOn());
  }

  /** An order's figures before Stripe has booked its payment: its total and the application fee it asked for. */
  public static Breakdown estimated(String currency, long gross, long applicationFee) {
    return new Breakdown(currency, gross, null, applicationFee, null, null, null, null);
  }

  /** True until the balance transaction exists. */
  public boolean estimated() {
    return balanceTransactionId == null;
  }

  /** Both fees together, what Stripe's {@code fee} says; null while estimated. */
  public Long fees() {
    return stripeFee == null ? null : Math.addExact(stripeFee, applicationFee);
  }

  public String grossText() {
    return Money.format(gross, currency);
  }

  public String stripeFeeText() {
    return stripeFee == null ? "not known yet" : Money.format(stripeFee, currency);
  }

  public String applicationFeeText() {
    return Money.format(applicationFee, currency);
  }

  /** The net, or while estimated what it can be at most (the total less Comptoir's fee). */
  public String netText() {
    return net == null ? "at most " + Money.format(gross - applicationFee, currency) + " (estimated)" : Money.format(net, currency);
  }
}

package com.comptoir.platform.fees;

import com.comptoir.platform.money.Money;

/**
 * What a sale at {@code amount} leaves the merchant: the platform's application fee under
 * {@code rule}, and the rest. Stripe's own processing fee is charged to the merchant's account on
 * top, by Stripe, and is not included.
 */
public record FeePreview(FeeRule rule, long amount, long applicationFee, long net, String currency) {
  public static FeePreview of(FeeRule rule, long amount, String currency) {
    long fee = rule.applicationFeeAmount(amount);
    return new FeePreview(rule, amount, fee, amount - fee, currency);
  }

  public String amountText() {
    return Money.format(amount, currency);
  }

  public String applicationFeeText() {
    return Money.format(applicationFee, currency);
  }

  public String netText() {
    return Money.format(net, currency);
  }

  /** "2.5% + 0.30 USD". */
  public String ruleText() {
    return describe(rule, currency);
  }

  public static String describe(FeeRule rule, String currency) {
    return rule.percentText() + "%" + (rule.fixedAmount() == 0 ? "" : " + " + Money.format(rule.fixedAmount(), currency));
  }
}

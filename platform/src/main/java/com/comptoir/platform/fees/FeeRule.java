package com.comptoir.platform.fees;

/**
 * One platform fee: a percentage of the charge in basis points plus a fixed amount in minor units
 * of the charge's currency. Its result is the Checkout Session's
 * {@code payment_intent_data[application_fee_amount]}.
 *
 * <p>Rounding rule: the percentage part is rounded half up to a whole minor unit
 * ({@code (amount × bps + 5000) / 10000} in integers), then the fixed part is added, and the sum is
 * capped at the charge amount, since Stripe refuses an application fee larger than the charge.
 *
 * @param percentBasisPoints 0 to 10000 (100.00%)
 * @param fixedAmount 0 or more minor units
 */
public record FeeRule(int percentBasisPoints, long fixedAmount) {
  public static final int BASIS_POINTS_PER_WHOLE = 10_000;

  public FeeRule {
    if (percentBasisPoints < 0 || percentBasisPoints > BASIS_POINTS_PER_WHOLE) {
      throw new IllegalArgumentException("percentBasisPoints must be 0..10000, was " + percentBasisPoints);
    }
    if (fixedAmount < 0) {
      throw new IllegalArgumentException("fixedAmount must not be negative, was " + fixedAmount);
    }
  }

  /** The application fee on a charge of {@code amount} minor units. */
  public long applicationFeeAmount(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount must not be negative, was " + amount);
    }
    long percentPart = Math.addExact(Math.multiplyExact(amount, (long) percentBasisPoints), BASIS_POINTS_PER_WHOLE / 2)
        / BASIS_POINTS_PER_WHOLE; // half up: amount, bps and the half are all non-negative
    long fee = Math.min(amount, Math.addExact(percentPart, fixedAmount));
    assert fee >= 0 && fee <= amount;
    return fee;
  }

  /** What the merchant keeps of {@code amount} after the application fee (before Stripe's own fees). */
  public long merchantNet(long amount) {
    return amount - applicationFeeAmount(amount);
  }

  /** {@code 250} basis points read as {@code "2.5"}: the percentage as people type it. */
  public String percentText() {
    return java.math.BigDecimal.valueOf(percentBasisPoints, 2).stripTrailingZeros().toPlainString();
  }

  /**
   * Basis points from a typed percentage such as {@code "2.5"} or {@code "2.75%"}: at most two
   * decimals, from 0 to 100.
   */
  public static int parsePercent(String typed) {
    String text = typed == null ? "" : typed.strip().replace("%", "").replace(",", ".").strip();
    if (!text.matches("[0-9]{1,3}(\\.[0-9]{1,2})?")) {
      throw new IllegalArgumentException("a percentage such as 2.5, with at most two decimals");
    }
    int bps = new java.math.BigDecimal(text).movePointRight(2).intValueExact();
    if (bps > BASIS_POINTS_PER_WHOLE) {
      throw new IllegalArgumentException("a percentage from 0 to 100");
    }
    return bps;
  }
}

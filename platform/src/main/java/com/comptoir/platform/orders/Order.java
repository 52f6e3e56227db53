package com.comptoir.platform.orders;

import com.comptoir.platform.money.Money;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order as the platform keeps it. The amounts are the order's own (what the storefront asked
 * Stripe to charge); the {@code stripe*} ones are what Stripe later reported, null until then.
 *
 * @param publicId the unguessable id in the customer's order page address
 * @param accountId the connected account its Checkout Session lives on
 * @param discrepancy what Stripe reported that disagrees with the order, or null
 */
public record Order(
    long id,
    String publicId,
    long storeId,
    String accountId,
    OrderStatus status,
    String currency,
    long amountTotal,
    long applicationFeeAmount,
    String checkoutSessionId,
    String checkoutUrl,
    String customerEmail,
    String paymentIntentId,
    Long stripeAmountTotal,
    String stripeCurrency,
    Long stripeApplicationFeeAmount,
    String discrepancy,
    OffsetDateTime createdAt,
    OffsetDateTime paidAt,
    long amountRefunded,
    Dispute dispute,
    List<Line> lines) {

  /**
   * The charge's dispute as Stripe last reported it, or null when there is none.
   *
   * @param status Stripe's dispute status: {@code needs_response}, {@code under_review}, {@code won}, {@code lost}, …
   */
  public record Dispute(String id, String status, long amount, String reason) {
    public boolean isClosed() {
      return "won".equals(status) || "lost".equals(status) || "warning_closed".equals(status) || "prevented".equals(status);
    }
  }

  /** One product of the order, at the price it was charged. */
  public record Line(long productId, String productName, String stripePriceId, long unitAmount, int quantity, long amount,
      String currency) {
    public String unitText() {
      return Money.format(unitAmount, currency);
    }

    public String amountText() {
      return Money.format(amount, currency);
    }
  }

  public Order {
    lines = List.copyOf(lines);
  }

  public String totalText() {
    return Money.format(amountTotal, currency);
  }

  public String feeText() {
    return Money.format(applicationFeeAmount, currency);
  }

  /** What can still be refunded: the total less what Stripe says is refunded. */
  public long refundableAmount() {
    return amountTotal - amountRefunded;
  }

  public String refundedText() {
    return Money.format(amountRefunded, currency);
  }

  public String refundableText() {
    return Money.format(refundableAmount(), currency);
  }

  public String disputeAmountText() {
    return dispute == null ? "" : Money.format(dispute.amount(), currency);
  }

  /** "2026-03-01 14:05 UTC". */
  public String createdText() {
    return utc(createdAt);
  }

  static String utc(OffsetDateTime at) {
    return at.withOffsetSameInstant(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " UTC";
  }
}

package com.comptoir.processor.ledger;

import java.util.Objects;

/**
 * One line of a journal entry: {@code amountMinor} (signed) into one ledger account.
 *
 * <p>Ledger accounts are a Stripe account's {@code pending} and {@code available} buckets (each
 * posting there belongs to one BalanceTransaction and one source type), the world outside the
 * processor ({@code outside}: card networks and banks), the processor's fee revenue, and clearing
 * accounts that hold money in flight (a payout in transit, a refund on its way to the card), each
 * posting there naming the payout or refund it belongs to.
 */
record Posting(String account, String bucket, String currency, long amountMinor, String sourceType,
    String balanceTransaction, String ref) {

  static final String OUTSIDE = "outside";
  static final String PROCESSOR = "processor";
  static final String CLEARING = "clearing";

  static final String PENDING = "pending";
  static final String AVAILABLE = "available";
  static final String CARD_NETWORKS = "card_networks";
  static final String BANKS = "banks";
  static final String FEES = "fees";
  static final String PAYOUTS_IN_TRANSIT = "payouts_in_transit";
  static final String REFUNDS_IN_FLIGHT = "refunds_in_flight";

  Posting {
    Objects.requireNonNull(account);
    Objects.requireNonNull(bucket);
    Objects.requireNonNull(currency);
    boolean balance = PENDING.equals(bucket) || AVAILABLE.equals(bucket);
    if (balance != (balanceTransaction != null && sourceType != null)) {
      throw new IllegalArgumentException("a balance posting needs its balance transaction and source type, and only it: " + bucket);
    }
    if (CLEARING.equals(account) != (ref != null)) {
      throw new IllegalArgumentException("a clearing posting names its payout or refund, and only it");
    }
  }

  /** Into a Stripe account's {@code pending} or {@code available} balance, as part of {@code txn}. */
  static Posting balance(String stripeAccount, String bucket, String currency, long amountMinor, String sourceType, String txn) {
    return new Posting(stripeAccount, bucket, currency, amountMinor, sourceType, txn, null);
  }

  static Posting outside(String bucket, String currency, long amountMinor) {
    return new Posting(OUTSIDE, bucket, currency, amountMinor, null, null, null);
  }

  static Posting fees(String currency, long amountMinor) {
    return new Posting(PROCESSOR, FEES, currency, amountMinor, null, null, null);
  }

  static Posting clearing(String bucket, String currency, long amountMinor, String ref) {
    return new Posting(CLEARING, bucket, currency, amountMinor, null, null, ref);
  }

  /** Where a payment method's money comes from and refunds go back to. */
  static String outsideBucketFor(String sourceType) {
    return "card".equals(sourceType) ? CARD_NETWORKS : BANKS;
  }
}

package com.comptoir.platform.money;

import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.StripeCollection;
import com.stripe.param.BalanceTransactionListParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A connected account's balance transactions, read from Stripe with {@code Stripe-Account} each
 * time they are shown: Stripe is the record of what a merchant earned, so nothing here is kept.
 * Lists are paged with {@code starting_after} and bounded, so one merchant's long history cannot
 * hold a request for ever.
 */
public final class BalanceHistory {
  /** Stripe's largest page. */
  private static final long PAGE = 100;
  /** The most transactions one view reads: 50 pages. */
  public static final int MAX_TRANSACTIONS = 5_000;

  /**
   * One payment booked on the balance: a card charge ({@code charge}) or a delayed method's
   * ({@code payment}), with the PaymentIntent that links it to an order.
   *
   * @param created unix seconds, when Stripe booked it
   */
  public record Sale(String chargeId, String paymentIntentId, long created, Breakdown breakdown) {}

  /**
   * What a page of history holds: the transactions, and whether the bound cut it short.
   */
  public record Page(List<BalanceTransaction> transactions, boolean truncated) {}

  private final StripeApi stripe;

  public BalanceHistory(StripeApi stripe) {
    this.stripe = stripe;
  }

  /**
   * {@code GET /v1/balance_transactions?created[gte]=&created[lt]=&expand[]=data.source} on the
   * account: every transaction in [from, until), the newest first, each with its source (the
   * charge, refund or payout) so a payment is tied to its PaymentIntent without a call per row.
   *
   * @param until null for no end
   */
  public Page between(String accountId, Instant from, Instant until) throws StripeException {
    BalanceTransactionListParams.Created.Builder created = BalanceTransactionListParams.Created.builder().setGte(from.getEpochSecond());
    if (until != null) {
      created.setLt(until.getEpochSecond());
    }
    return all(accountId, BalanceTransactionListParams.builder().setCreated(created.build()));
  }

  /**
   * {@code GET /v1/balance_transactions?payout=} on the account: what an automatic payout paid out
   * (Stripe only answers this for automatic payouts), each with its source.
   */
  public Page ofPayout(String accountId, String payoutId) throws StripeException {
    return all(accountId, BalanceTransactionListParams.builder().setPayout(payoutId));
  }

  /** The newest transaction of the account, or null: where its history ends. */
  public BalanceTransaction newest(String accountId) throws StripeException {
    StripeCollection<BalanceTransaction> page = stripe.client().v1().balanceTransactions()
        .list(BalanceTransactionListParams.builder().setLimit(1L).build(), stripe.onAccount(accountId));
    return page.getData().isEmpty() ? null : page.getData().get(0);
  }

  private Page all(String accountId, BalanceTransactionListParams.Builder params) throws StripeException {
    params.setLimit(PAGE).addExpand("data.source");
    List<BalanceTransaction> found = new ArrayList<>();
    String after = null;
    while (true) {
      if (after != null) {
        params.setStartingAfter(after);
      }
      StripeCollection<BalanceTransaction> page = stripe.client().v1().balanceTransactions()
          .list(params.build(), stripe.onAccount(accountId));
      for (BalanceTransaction bt : page.getData()) {
        if (found.size() == MAX_TRANSACTIONS) {
          return new Page(found, true);
        }
        found.add(bt);
      }
      if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
        return new Page(found, false);
      }
      after = page.getData().get(page.getData().size() - 1).getId();
    }
  }

  /** The payments among {@code transactions}: card charges and delayed methods' payments, with their PaymentIntent. */
  public static List<Sale> sales(List<BalanceTransaction> transactions) {
    List<Sale> sales = new ArrayList<>();
    for (BalanceTransaction bt : transactions) {
      if (isPayment(bt)) {
        String paymentIntent = bt.getSourceObject() instanceof Charge charge ? charge.getPaymentIntent() : null;
        sales.add(new Sale(bt.getSource(), paymentIntent, bt.getCreated(), Breakdown.of(bt)));
      }
    }
    return sales;
  }

  /** Stripe books a card payment as {@code charge} and a delayed method's (SEPA Debit, …) as {@code payment}. */
  public static boolean isPayment(BalanceTransaction bt) {
    return "charge".equals(bt.getType()) || "payment".equals(bt.getType());
  }
}

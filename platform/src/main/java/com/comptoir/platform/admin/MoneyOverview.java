package com.comptoir.platform.admin;

import com.comptoir.platform.money.Money;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.ApplicationFee;
import com.stripe.model.Balance;
import com.stripe.param.ApplicationFeeListParams;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform's money, read from Stripe when the operator looks: the platform account's balance,
 * and the application fees it has collected, net of refunds, by currency. Stripe is the record;
 * nothing here is kept.
 *
 * @param feesProblem why Stripe could not list the fees, or null
 * @param balanceProblem why Stripe could not give the balance, or null
 * @param feesTruncated true when there were more fees than one look reads
 */
public record MoneyOverview(Map<String, Long> feesNetByCurrency, List<FeeRow> recentFees, int feeCount, boolean feesTruncated,
    String feesProblem, List<Amount> available, List<Amount> pending, String balanceProblem) {

  /** A bound on one look: 10 pages of 100 fees. */
  static final int MAX_FEES = 1000;
  static final int RECENT = 20;

  public record FeeRow(String id, String account, String amountText, String refundedText, OffsetDateTime created) {}

  public record Amount(long amount, String currency) {
    public String text() {
      return Money.format(amount, currency);
    }
  }

  public List<Amount> feesNet() {
    return feesNetByCurrency.entrySet().stream().map(e -> new Amount(e.getValue(), e.getKey())).toList();
  }

  static MoneyOverview read(StripeApi stripe) {
    Map<String, Long> net = new TreeMap<>();
    List<FeeRow> recent = new ArrayList<>();
    int count = 0;
    boolean truncated = false;
    String feesProblem = null;
    try {
      for (ApplicationFee fee : stripe.client().v1().applicationFees()
          .list(ApplicationFeeListParams.builder().setLimit(100L).build()).autoPagingIterable()) {
        if (count == MAX_FEES) {
          truncated = true;
          break;
        }
        count++;
        long refunded = fee.getAmountRefunded() == null ? 0 : fee.getAmountRefunded();
        net.merge(fee.getCurrency(), fee.getAmount() - refunded, Math::addExact);
        if (recent.size() < RECENT) {
          recent.add(new FeeRow(fee.getId(), fee.getAccount(), Money.format(fee.getAmount(), fee.getCurrency()),
              Money.format(refunded, fee.getCurrency()), OffsetDateTime.ofInstant(Instant.ofEpochSecond(fee.getCreated()), ZoneOffset.UTC)));
        }
      }
    } catch (StripeException e) {
      feesProblem = StripeApi.describe(e);
    }
    List<Amount> available = new ArrayList<>();
    List<Amount> pending = new ArrayList<>();
    String balanceProblem = null;
    try {
      Balance balance = stripe.client().v1().balance().retrieve();
      balance.getAvailable().forEach(a -> available.add(new Amount(a.getAmount(), a.getCurrency())));
      balance.getPending().forEach(a -> pending.add(new Amount(a.getAmount(), a.getCurrency())));
    } catch (StripeException e) {
      balanceProblem = StripeApi.describe(e);
    }
    return new MoneyOverview(net, recent, count, truncated, feesProblem, available, pending, balanceProblem);
  }
}

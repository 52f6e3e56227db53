package com.comptoir.platform.exports;

import com.comptoir.platform.money.BalanceHistory;
import com.comptoir.platform.money.Breakdown;
import com.comptoir.platform.orders.Order;
import com.comptoir.platform.orders.Orders;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Payout;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.param.PayoutListParams;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Jdbi;

/**
 * Payouts with their orders: for each payout whose arrival date is in the range, one row per
 * balance transaction it paid out (a payment with its order, a refund, …), so the rows of one
 * payout add up to its amount. Read from Stripe ({@code GET /v1/payouts}, then
 * {@code GET /v1/balance_transactions?payout=} for each) and written payout by payout. A manual
 * payout has one row: Stripe does not say what it carried.
 */
final class PayoutsCsv {
  static final List<String> HEADER = List.of("Payout", "Arrival date", "Payout status", "Payout amount", "Currency", "Type", "Order",
      "Gross", "Stripe fee", "Comptoir fee", "Net", "Balance transaction");
  /** Payouts read at most: a daily schedule makes about one a day, and the range is at most a year. */
  private static final int MAX_PAYOUTS = 1_000;

  private PayoutsCsv() {}

  static void write(CSVPrinter out, Jdbi jdbi, StripeApi stripe, Store store, ExportRange range) throws IOException, StripeException {
    List<Payout> payouts = store.accountId() == null ? List.of() : payouts(stripe, store.accountId(), range);
    out.printRecord(HEADER); // after Stripe answered: a refusal can still be a readable page
    BalanceHistory history = new BalanceHistory(stripe);
    for (Payout payout : payouts) {
      String currency = payout.getCurrency();
      LocalDate arrival = LocalDate.ofInstant(Instant.ofEpochSecond(payout.getArrivalDate()), ZoneOffset.UTC);
      List<Object> head = List.of(payout.getId(), arrival.toString(), payout.getStatus(), CsvAmounts.decimal(payout.getAmount(), currency),
          currency.toUpperCase(Locale.ROOT));
      if (Boolean.FALSE.equals(payout.getAutomatic())) {
        out.printRecord(concat(head, List.of("manual payout", "", "", "", "", "", "")));
        continue;
      }
      List<BalanceTransaction> carried = history.ofPayout(store.accountId(), payout.getId()).transactions();
      List<String> intents = carried.stream().map(PayoutsCsv::paymentIntentOf).filter(java.util.Objects::nonNull).toList();
      Map<String, Order> orders = jdbi.withHandle(h -> Orders.ofStoreByPaymentIntents(h, store.id(), intents));
      for (BalanceTransaction bt : carried) {
        if ("payout".equals(bt.getType())) {
          continue;
        }
        Breakdown b = Breakdown.of(bt);
        Order order = paymentIntentOf(bt) == null ? null : orders.get(paymentIntentOf(bt));
        out.printRecord(concat(head, List.of(bt.getType(), order == null ? "" : Long.toString(order.id()),
            CsvAmounts.decimal(b.gross(), currency), CsvAmounts.decimal(b.stripeFee(), currency),
            CsvAmounts.decimal(b.applicationFee(), currency), CsvAmounts.decimal(b.net(), currency), bt.getId())));
      }
      out.flush();
    }
  }

  /** The account's payouts arriving in the range, oldest first. */
  private static List<Payout> payouts(StripeApi stripe, String accountId, ExportRange range) throws StripeException {
    PayoutListParams.ArrivalDate arrival = PayoutListParams.ArrivalDate.builder()
        .setGte(range.start().toEpochSecond()).setLt(range.end().toEpochSecond()).build();
    List<Payout> found = new ArrayList<>();
    String after = null;
    while (found.size() < MAX_PAYOUTS) {
      PayoutListParams.Builder params = PayoutListParams.builder().setArrivalDate(arrival).setLimit(100L);
      if (after != null) {
        params.setStartingAfter(after);
      }
      StripeCollection<Payout> page = stripe.client().v1().payouts().list(params.build(), stripe.onAccount(accountId));
      found.addAll(page.getData());
      if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
        break;
      }
      after = page.getData().get(page.getData().size() - 1).getId();
    }
    return found.reversed();
  }

  private static String paymentIntentOf(BalanceTransaction bt) {
    if (bt.getSourceObject() instanceof Charge charge) {
      return charge.getPaymentIntent();
    }
    if (bt.getSourceObject() instanceof Refund refund) {
      return refund.getPaymentIntent();
    }
    return null;
  }

  private static List<Object> concat(List<Object> a, List<Object> b) {
    List<Object> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}

package com.comptoir.platform.exports;

import com.comptoir.platform.money.BalanceHistory;
import com.comptoir.platform.money.Breakdown;
import com.comptoir.platform.orders.Order;
import com.comptoir.platform.orders.Orders;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Jdbi;

/**
 * Orders with their fee breakdown: one row per order created in the range, the same orders and
 * figures as the Orders page (Stripe's balance transaction for each payment; "yes" in Estimated
 * while there is none). Orders are read from the database a page at a time and written as they
 * come, so a long year does not sit in memory.
 */
final class OrdersCsv {
  static final List<String> HEADER = List.of("Order", "Created (UTC)", "Status", "Customer email", "Currency", "Gross", "Stripe fee",
      "Comptoir fee", "Net", "Refunded", "Estimated", "Balance transaction", "Payment intent");
  private static final int BATCH = 500;
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private OrdersCsv() {}

  static void write(CSVPrinter out, Jdbi jdbi, StripeApi stripe, Store store, ExportRange range) throws IOException, StripeException {
    Map<String, Breakdown> booked = new HashMap<>();
    if (store.accountId() != null) {
      // Charges are booked after their order is created: read from the range's start (a day earlier for clocks apart), to now.
      for (BalanceHistory.Sale sale : BalanceHistory.sales(new BalanceHistory(stripe)
          .between(store.accountId(), range.start().toInstant().minus(Duration.ofDays(1)), null).transactions())) {
        if (sale.paymentIntentId() != null) {
          booked.put(sale.paymentIntentId(), sale.breakdown());
        }
      }
    }
    out.printRecord(HEADER); // after Stripe answered: a refusal can still be a readable page
    java.time.OffsetDateTime from = range.start();
    long afterId = 0;
    while (true) {
      java.time.OffsetDateTime since = from;
      long after = afterId;
      List<Order> batch = jdbi.withHandle(h -> Orders.ofStoreBetween(h, store.id(), since, after, range.end(), BATCH));
      for (Order o : batch) {
        Breakdown b = o.paymentIntentId() == null ? null : booked.get(o.paymentIntentId());
        boolean estimated = b == null;
        if (estimated) {
          b = Breakdown.estimated(o.currency(), o.amountTotal(), o.applicationFeeAmount());
        }
        out.printRecord(o.id(), o.createdAt().withOffsetSameInstant(java.time.ZoneOffset.UTC).format(CREATED), o.status().dbName(),
            o.customerEmail() == null ? "" : o.customerEmail(), o.currency().toUpperCase(java.util.Locale.ROOT),
            CsvAmounts.decimal(b.gross(), o.currency()), CsvAmounts.decimal(b.stripeFee(), o.currency()),
            CsvAmounts.decimal(b.applicationFee(), o.currency()), CsvAmounts.decimal(b.net(), o.currency()),
            CsvAmounts.decimal(o.amountRefunded(), o.currency()), estimated ? "yes" : "no",
            b.balanceTransactionId() == null ? "" : b.balanceTransactionId(), o.paymentIntentId() == null ? "" : o.paymentIntentId());
      }
      out.flush();
      if (batch.size() < BATCH) {
        return;
      }
      from = batch.get(batch.size() - 1).createdAt();
      afterId = batch.get(batch.size() - 1).id();
    }
  }
}

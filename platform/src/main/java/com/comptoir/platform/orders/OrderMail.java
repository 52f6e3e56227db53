package com.comptoir.platform.orders;

import com.comptoir.platform.mail.Outbox;
import com.comptoir.platform.stores.Store;
import org.jdbi.v3.core.Handle;

/**
 * The e-mails a customer gets about an order, queued in the outbox in the transaction that moved
 * the order, so each is sent once the move committed and never for a move that did not happen.
 * Plain text: the store name and product names are the merchant's words, not markup.
 */
final class OrderMail {
  private OrderMail() {}

  static void paid(Handle h, Order order, Store store, String orderUrl) {
    StringBuilder body = new StringBuilder()
        .append("Thank you for your order at ").append(store.name()).append(".\n\n")
        .append("We have received your payment of ").append(order.totalText()).append(" for order ").append(order.id()).append(":\n\n");
    for (Order.Line line : order.lines()) {
      body.append("  ").append(line.quantity()).append(" × ").append(line.productName()).append("  ").append(line.amountText()).append('\n');
    }
    body.append("\nTotal: ").append(order.totalText()).append("\n\nYour order: ").append(orderUrl).append('\n');
    Outbox.enqueue(h, order.customerEmail(), "Your order " + order.id() + " at " + store.name() + ": payment received", body.toString());
  }

  /**
   * The merchant's "new order": what was bought and paid. The fees are not in it: Stripe books
   * them with the payment, and the order page shows them as booked.
   */
  static void newOrderToMerchant(Handle h, Order order, Store store, String merchantOrderUrl) {
    StringBuilder body = new StringBuilder()
        .append("A customer").append(order.customerEmail() == null ? "" : " (" + order.customerEmail() + ")")
        .append(" has paid ").append(order.totalText()).append(" for order ").append(order.id()).append(" at ").append(store.name())
        .append(":\n\n");
    for (Order.Line line : order.lines()) {
      body.append("  ").append(line.quantity()).append(" × ").append(line.productName()).append("  ").append(line.amountText()).append('\n');
    }
    body.append("\nThe order, with Stripe's and Comptoir's fees and what you receive: ").append(merchantOrderUrl).append('\n');
    Outbox.enqueue(h, com.comptoir.platform.stores.Stores.merchantEmail(h, store.id()),
        "New order " + order.id() + " at " + store.name() + ": " + order.totalText(), body.toString());
  }

  static void paymentFailed(Handle h, Order order, Store store, String storeUrl) {
    String body = "Your bank did not confirm the payment of " + order.totalText() + " for order " + order.id() + " at " + store.name()
        + ", so the order will not be sent and nothing has been taken.\n\n"
        + "Please order again, with another payment method if you can: " + storeUrl + "\n";
    Outbox.enqueue(h, order.customerEmail(), "Your order " + order.id() + " at " + store.name() + ": payment failed, please order again",
        body);
  }

  static void refunded(Handle h, Order order, Store store, long amount, String orderUrl) {
    String refundText = com.comptoir.platform.money.Money.format(amount, order.currency());
    String body = store.name() + " has refunded " + refundText + " of your order " + order.id() + " (total " + order.totalText() + ").\n\n"
        + "The money goes back to the card you paid with; your bank may take 5 to 10 business days to show it.\n\n"
        + "Your order: " + orderUrl + "\n";
    Outbox.enqueue(h, order.customerEmail(), "Your order " + order.id() + " at " + store.name() + ": " + refundText + " refunded", body);
  }
}

package com.comptoir.platform.storefront;

import com.comptoir.platform.catalog.Product;
import com.comptoir.platform.money.Currencies;
import com.comptoir.platform.money.Money;
import com.comptoir.platform.orders.Order;
import com.comptoir.platform.web.Form;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * What a customer chose on a storefront: a quantity from 0 to 99 per product, posted with the form
 * as {@code quantity-<product id>}. A product's own "Buy" button ({@code buy=<product id>}) buys
 * that product alone, at its quantity or one. Prices come from the catalogue at the time of the
 * post, never from the form.
 */
final class Cart {
  static final int MAX_QUANTITY = 99;
  static final String TOKEN = "order_token";

  private Cart() {}

  static String field(Product product) {
    return field(product.id());
  }

  static String field(long productId) {
    return "quantity-" + productId;
  }

  /** The posted form, with only our fields, and the quantities shown as typed. */
  static Form read(Context ctx, List<Product> products) {
    List<String> names = new ArrayList<>(products.stream().map(Cart::field).toList());
    names.add(TOKEN);
    names.add("buy");
    return Form.of(ctx, names);
  }

  /**
   * The order's lines, or an empty list with the form's errors set: a quantity that is not a whole
   * number from 0 to 99, nothing chosen, or a total above what one payment can be.
   */
  static List<Order.Line> lines(Form form, List<Product> products, Currencies.Currency currency) {
    String buy = form.value("buy");
    List<Order.Line> lines = new ArrayList<>();
    for (Product product : products) {
      String field = field(product);
      String typed = form.value(field);
      int quantity = 0;
      if (!typed.isEmpty()) {
        if (!typed.matches("[0-9]{1,2}")) {
          form.error(field, "Choose a quantity of " + product.name() + " from 0 to " + MAX_QUANTITY + ".");
          continue;
        }
        quantity = Integer.parseInt(typed);
      }
      if (!buy.isEmpty()) {
        if (!buy.equals(Long.toString(product.id()))) {
          continue;
        }
        quantity = Math.max(quantity, 1);
        form.with(field, Integer.toString(quantity));
      }
      if (quantity > 0) {
        lines.add(new Order.Line(product.id(), product.name(), product.stripePriceId(), product.unitAmount(), quantity,
            Math.multiplyExact(product.unitAmount(), (long) quantity), product.currency()));
      }
    }
    if (form.hasErrors()) {
      return List.of();
    }
    if (lines.isEmpty()) {
      String first = products.isEmpty() ? "cart" : field(products.getFirst());
      form.error(first, !buy.isEmpty() ? "This product is no longer on sale." : "Choose how many you want of at least one product.");
      return List.of();
    }
    long total = lines.stream().mapToLong(Order.Line::amount).reduce(0L, Math::addExact);
    if (total > Currencies.MAX_AMOUNT) {
      form.error(field(products.getFirst()), "One payment can be at most " + Money.format(Currencies.MAX_AMOUNT, currency)
          + "; this order is " + Money.format(total, currency) + ". Choose fewer items.");
      return List.of();
    }
    return lines;
  }
}

package com.comptoir.processor.catalog;

import com.comptoir.processor.api.Params;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What other features need from the catalogue: products and prices made inline (Checkout's {@code price_data}). */
public final class Catalog {
  private Catalog() {}

  public static ObjectNode product(String id, String name, long now) {
    return Products.newProduct(id, name, now);
  }

  /** An inline price: not reusable, so it is made inactive, as Stripe does. */
  public static ObjectNode inlinePrice(String productId, Params data, long now, String paramPrefix) {
    ObjectNode price = Prices.newPrice(productId, data, now, paramPrefix);
    price.put("active", false);
    return price;
  }
}

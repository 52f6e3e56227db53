package com.comptoir.platform.catalog;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** What other features may read of a store's catalogue. */
public final class Catalog {
  private Catalog() {}

  /**
   * The products a customer can buy now: on sale, in the store's currency, and on Stripe as they
   * are here with a current price, since Checkout charges the Stripe Price, not our row.
   */
  public static List<Product> onSale(Handle h, long storeId, String currency) {
    return Products.ofStore(h, storeId).stream()
        .filter(p -> p.active() && p.onStripe() && p.stripePriceId() != null && p.currency().equals(currency))
        .toList();
  }
}

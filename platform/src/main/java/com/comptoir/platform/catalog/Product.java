package com.comptoir.platform.catalog;

import com.comptoir.platform.money.Money;

/**
 * A product of a store with its current price, as the platform keeps it.
 *
 * @param revision counts the edits; Stripe has them all when {@code syncedRevision} equals it
 * @param priceNumber which of the product's prices is current (a new amount is a new price)
 * @param syncError why Stripe last refused this product, or null
 */
public record Product(
    long id,
    long storeId,
    String name,
    String description,
    String imageUrl,
    boolean active,
    String stripeProductId,
    int revision,
    int syncedRevision,
    String syncError,
    int priceNumber,
    long unitAmount,
    String currency,
    String stripePriceId) {

  /** Stripe has the product as it is here, and its current price. */
  public boolean onStripe() {
    return stripeProductId != null && syncedRevision == revision && (stripePriceId != null || !active);
  }

  public String priceText() {
    return Money.format(unitAmount, currency);
  }
}

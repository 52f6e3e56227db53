package com.comptoir.platform.catalog;

import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceUpdateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.ProductUpdateParams;
import com.stripe.param.common.EmptyParam;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Brings Stripe up to date with one product, on the store's connected account
 * ({@code Stripe-Account}): creates the Product, applies edits, creates a Price for a new amount,
 * makes it the product's {@code default_price} and archives the price it replaced; a removed
 * product is archived ({@code active=false}), never deleted. Each step is recorded as it succeeds
 * and creations carry Idempotency-Keys from our ids, so running it again after a failure finishes
 * the job without duplicates. The product row stays locked meanwhile: one sync per product at a time.
 */
final class CatalogSync {
  private final Jdbi jdbi;
  private final StripeApi stripe;

  CatalogSync(Jdbi jdbi, StripeApi stripe) {
    this.jdbi = jdbi;
    this.stripe = stripe;
  }

  /** Syncs the product; returns Stripe's refusal in words, or null when Stripe has it all. */
  String sync(long productId) {
    return jdbi.inTransaction(h -> {
      Product product = Products.findForUpdate(h, productId).orElseThrow();
      String accountId = Stores.byId(h, product.storeId()).orElseThrow().accountId();
      String error;
      if (accountId == null) {
        error = "Your Stripe account is not set up yet; the product will be sent once it is.";
      } else {
        try {
          push(h, product, accountId);
          error = null;
        } catch (StripeException e) {
          error = StripeApi.describe(e);
        }
      }
      h.createUpdate("UPDATE products SET sync_error = :e WHERE id = :id").bind("e", error).bind("id", productId).execute();
      return error;
    });
  }

  private void push(Handle h, Product p, String accountId) throws StripeException {
    String stripeProductId = p.stripeProductId();
    if (stripeProductId == null && !p.active()) {
      // removed before Stripe ever had it: nothing to archive
    } else if (stripeProductId == null) {
      ProductCreateParams.Builder create = ProductCreateParams.builder()
          .setName(p.name())
          .putMetadata("comptoir_product_id", Long.toString(p.id()));
      if (!p.description().isBlank()) {
        create.setDescription(p.description());
      }
      if (p.imageUrl() != null) {
        create.addImage(p.imageUrl());
      }
      stripeProductId = stripe.client().v1().products().create(create.build(), stripe.onAccount(accountId, "product-" + p.id())).getId();
      h.createUpdate("UPDATE products SET stripe_product_id = :sp WHERE id = :id").bind("sp", stripeProductId).bind("id", p.id()).execute();
    } else if (p.syncedRevision() < p.revision() && p.active()) {
      ProductUpdateParams.Builder update = ProductUpdateParams.builder().setName(p.name());
      if (p.description().isBlank()) {
        update.setDescription(EmptyParam.EMPTY);
      } else {
        update.setDescription(p.description());
      }
      if (p.imageUrl() == null) {
        update.setImages(EmptyParam.EMPTY);
      } else {
        update.setImages(List.of(p.imageUrl()));
      }
      stripe.client().v1().products().update(stripeProductId, update.build(), stripe.onAccount(accountId));
    }
    if (p.active()) {
      pushPrice(h, p, stripeProductId, accountId);
    } else if (stripeProductId != null) {
      // Removal archives: Checkout refuses an inactive product, and its history stays on Stripe.
      stripe.client().v1().products().update(stripeProductId, ProductUpdateParams.builder().setActive(false).build(),
          stripe.onAccount(accountId));
    }
    h.createUpdate("UPDATE products SET synced_revision = :r WHERE id = :id").bind("r", p.revision()).bind("id", p.id()).execute();
  }

  /** The current price on Stripe and as the default; the ones it replaced archived. */
  private void pushPrice(Handle h, Product p, String stripeProductId, String accountId) throws StripeException {
    String priceId = p.stripePriceId();
    if (priceId == null) {
      Price price = stripe.client().v1().prices().create(PriceCreateParams.builder()
              .setProduct(stripeProductId)
              .setUnitAmount(p.unitAmount())
              .setCurrency(p.currency())
              .putMetadata("comptoir_product_id", Long.toString(p.id()))
              .build(),
          stripe.onAccount(accountId, "product-" + p.id() + "-price-" + p.priceNumber()));
      priceId = price.getId();
      h.createUpdate("UPDATE product_prices SET stripe_price_id = :sp WHERE product_id = :p AND number = :n")
          .bind("sp", priceId).bind("p", p.id()).bind("n", p.priceNumber()).execute();
      stripe.client().v1().products().update(stripeProductId, ProductUpdateParams.builder().setDefaultPrice(priceId).build(),
          stripe.onAccount(accountId));
    }
    for (Products.StalePrice stale : Products.stalePrices(h, p.id(), p.priceNumber())) {
      stripe.client().v1().prices().update(stale.stripePriceId(), PriceUpdateParams.builder().setActive(false).build(),
          stripe.onAccount(accountId));
      h.createUpdate("UPDATE product_prices SET archived = true WHERE product_id = :p AND number = :n")
          .bind("p", p.id()).bind("n", stale.number()).execute();
    }
  }
}

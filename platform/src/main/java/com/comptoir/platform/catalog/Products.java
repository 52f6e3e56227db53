package com.comptoir.platform.catalog;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@code products} and {@code product_prices} tables. Every query a merchant can reach takes
 * the store id from the session, never from the request, so another store's product id finds
 * nothing.
 */
final class Products {
  private Products() {}

  private static final String SELECT = """
      SELECT p.id, p.store_id, p.name, p.description, p.image_url, p.active, p.stripe_product_id, p.revision,
             p.synced_revision, p.sync_error, pp.number, pp.unit_amount, pp.currency, pp.stripe_price_id
      FROM products p
      JOIN LATERAL (SELECT * FROM product_prices WHERE product_id = p.id ORDER BY number DESC LIMIT 1) pp ON true
      """;

  private static final RowMapper<Product> PRODUCT = (rs, c) -> new Product(
      rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7),
      rs.getInt(8), rs.getInt(9), rs.getString(10), rs.getInt(11), rs.getLong(12), rs.getString(13), rs.getString(14));

  static List<Product> ofStore(Handle h, long storeId) {
    return h.createQuery(SELECT + " WHERE p.store_id = :s ORDER BY p.active DESC, p.id").bind("s", storeId).map(PRODUCT).list();
  }

  static Optional<Product> find(Handle h, long storeId, long productId) {
    return h.createQuery(SELECT + " WHERE p.store_id = :s AND p.id = :id").bind("s", storeId).bind("id", productId).map(PRODUCT).findOne();
  }

  static Optional<Product> findForUpdate(Handle h, long productId) {
    h.createQuery("SELECT id FROM products WHERE id = :id FOR UPDATE").bind("id", productId).mapTo(Long.class).findOne();
    return h.createQuery(SELECT + " WHERE p.id = :id").bind("id", productId).map(PRODUCT).findOne();
  }

  public static int activeCount(Handle h, long storeId) {
    return h.createQuery("SELECT count(*) FROM products WHERE store_id = :s AND active").bind("s", storeId).mapTo(Integer.class).one();
  }

  /** What a merchant typed, checked. */
  record Details(String name, String description, String imageUrl, long unitAmount, String currency) {}

  static long insert(Handle h, long storeId, Details d) {
    long id = h.createUpdate("INSERT INTO products (store_id, name, description, image_url) VALUES (:s, :name, :description, :image)")
        .bind("s", storeId).bind("name", d.name()).bind("description", d.description()).bind("image", d.imageUrl())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    h.createUpdate("INSERT INTO product_prices (product_id, number, unit_amount, currency) VALUES (:p, 1, :amount, :currency)")
        .bind("p", id).bind("amount", d.unitAmount()).bind("currency", d.currency()).execute();
    return id;
  }

  /** Records an edit; a new amount or currency becomes a new price, since Stripe prices never change. */
  static void update(Handle h, Product current, Details d) {
    h.createUpdate("""
            UPDATE products SET name = :name, description = :description, image_url = :image, revision = revision + 1,
                   updated_at = now() WHERE id = :id""")
        .bind("name", d.name()).bind("description", d.description()).bind("image", d.imageUrl()).bind("id", current.id()).execute();
    if (d.unitAmount() != current.unitAmount() || !d.currency().equals(current.currency())) {
      h.createUpdate("INSERT INTO product_prices (product_id, number, unit_amount, currency) VALUES (:p, :n, :amount, :currency)")
          .bind("p", current.id()).bind("n", current.priceNumber() + 1).bind("amount", d.unitAmount()).bind("currency", d.currency())
          .execute();
    }
  }

  static void archive(Handle h, long productId) {
    h.createUpdate("UPDATE products SET active = false, revision = revision + 1, updated_at = now() WHERE id = :id AND active")
        .bind("id", productId).execute();
  }

  /** Prices that Stripe has but that are no longer current: each is archived on Stripe, then marked. */
  record StalePrice(int number, String stripePriceId) {}

  static List<StalePrice> stalePrices(Handle h, long productId, int currentNumber) {
    return h.createQuery("""
            SELECT number, stripe_price_id FROM product_prices
            WHERE product_id = :p AND number < :current AND stripe_price_id IS NOT NULL AND NOT archived ORDER BY number""")
        .bind("p", productId).bind("current", currentNumber)
        .map((rs, c) -> new StalePrice(rs.getInt(1), rs.getString(2))).list();
  }
}

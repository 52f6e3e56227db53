package com.comptoir.platform.storefront;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The {@code cart_lines} table: a visitor's quantities per product of one store, keyed by their
 * session. Only quantities are kept; prices always come from the catalogue at checkout.
 */
final class Carts {
  private Carts() {}

  /** Product id to quantity (1 to 99), in the order they were added. */
  static Map<Long, Integer> quantities(Handle h, byte[] session, long storeId) {
    Map<Long, Integer> found = new LinkedHashMap<>();
    h.createQuery("SELECT product_id, quantity FROM cart_lines WHERE session_token_hash = :s AND store_id = :store ORDER BY updated_at, product_id")
        .bind("s", session).bind("store", storeId)
        .map((rs, c) -> Map.entry(rs.getLong(1), rs.getInt(2))).forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }

  /** Sets each product's quantity; 0 takes it out. Products must be the store's (the caller checked). */
  static void put(Handle h, byte[] session, long storeId, Map<Long, Integer> quantities) {
    quantities.forEach((product, quantity) -> {
      if (quantity == 0) {
        h.createUpdate("DELETE FROM cart_lines WHERE session_token_hash = :s AND product_id = :p").bind("s", session).bind("p", product).execute();
      } else {
        h.createUpdate("""
                INSERT INTO cart_lines (session_token_hash, store_id, product_id, quantity) VALUES (:s, :store, :p, :q)
                ON CONFLICT (session_token_hash, product_id) DO UPDATE SET quantity = excluded.quantity, updated_at = now()""")
            .bind("s", session).bind("store", storeId).bind("p", product).bind("q", quantity).execute();
      }
    });
  }

  static void clear(Handle h, byte[] session, long storeId) {
    h.createUpdate("DELETE FROM cart_lines WHERE session_token_hash = :s AND store_id = :store").bind("s", session).bind("store", storeId).execute();
  }
}

package com.comptoir.processor.checkout;

import com.comptoir.processor.api.Params;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The prices a Checkout Session's line items name, each with its product, read in one round trip
 * for the whole session (it was two per line item: the price, then its product).
 */
record PriceAndProduct(ObjectNode price, ObjectNode product) {

  /**
   * Every {@code line_items[n][price]} of {@code account} that exists, by id; a price that is not
   * there (or is another account's, or not a price) is simply absent, for the caller to refuse in
   * the line items' order.
   */
  static Map<String, PriceAndProduct> read(Handle h, String account, List<Params> lineItems) {
    Set<String> ids = new LinkedHashSet<>();
    for (Params li : lineItems) {
      if (li.string("price") != null) {
        ids.add(li.string("price"));
      }
    }
    Map<String, PriceAndProduct> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    // The prices are found by id alone (the primary key), their owner and kind checked afterwards
    // (OFFSET 0 keeps the planner from merging the two): with all three in one WHERE, the generic
    // plan PostgreSQL settles on after five runs walked every price of the account by
    // (owner, object, seq), a cost that grows with the store's catalogue. One price (most sessions)
    // is asked for by = rather than = ANY: against an array the generic plan's estimate (ten
    // elements) always lost to the custom one's, so the statement was planned at every run.
    boolean one = ids.size() == 1;
    h.createQuery("""
            SELECT p.id, p.body::text AS price, prod.body::text AS product
            FROM (SELECT id, owner, object, body FROM resources WHERE <ids> OFFSET 0) p
            LEFT JOIN resources prod ON prod.id = p.body->>'product' AND prod.owner = p.owner AND prod.object = 'product'
            WHERE p.owner = :owner AND p.object = 'price'""")
        .define("ids", one ? "id = :ids" : "id = ANY(:ids)")
        .bind("ids", one ? (Object) ids.iterator().next() : ids.toArray(String[]::new)).bind("owner", account)
        .map((rs, ctx) -> {
          String product = rs.getString("product");
          if (product == null) {
            // A price always names a product of its own account: a missing one is a broken store, not a bad request.
            throw new IllegalStateException("price " + rs.getString("id") + " has no product " + account);
          }
          return Map.entry(rs.getString("id"), new PriceAndProduct(Json.parseObject(rs.getString("price")), Json.parseObject(product)));
        })
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }
}

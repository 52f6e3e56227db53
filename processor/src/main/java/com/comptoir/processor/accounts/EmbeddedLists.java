package com.comptoir.processor.accounts;

import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Stripe list objects over objects kept inside their account's document (its external accounts),
 * with the same cursors as lists over the resource store (fact sheet §1.7): {@code limit} 1–100
 * (default 10), {@code starting_after}, {@code ending_before}, {@code has_more}.
 */
final class EmbeddedLists {
  static final int DEFAULT_LIMIT = 10;

  private EmbeddedLists() {}

  static Shape.ObjectShape params() {
    return Shape.object()
        .field("limit", Shape.integer().min(1).max(100))
        .field("starting_after", Shape.string())
        .field("ending_before", Shape.string());
  }

  /**
   * One page of {@code items}, which are already in list order.
   *
   * @param objectName how a cursor naming no item is reported ({@code No such <objectName>})
   */
  static ObjectNode page(List<JsonNode> items, Params p, String objectName, String url) {
    String after = p.string("starting_after");
    String before = p.string("ending_before");
    if (after != null && before != null) {
      throw StripeError.invalidRequest("parameters_exclusive", "ending_before",
          "You may only specify one of these parameters: starting_after, ending_before.");
    }
    int limit = p.integer("limit") == null ? DEFAULT_LIMIT : p.integer("limit").intValue();
    int from;
    int to;
    if (after != null) {
      from = indexOf(items, after, objectName, "starting_after") + 1;
      to = Math.min(items.size(), from + limit);
    } else if (before != null) {
      to = indexOf(items, before, objectName, "ending_before");
      from = Math.max(0, to - limit);
    } else {
      from = 0;
      to = Math.min(items.size(), limit);
    }
    ObjectNode list = Json.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    items.subList(from, to).forEach(data::add);
    list.put("has_more", before != null ? from > 0 : to < items.size());
    list.put("url", url);
    return list;
  }

  private static int indexOf(List<JsonNode> items, String id, String objectName, String param) {
    for (int i = 0; i < items.size(); i++) {
      if (id.equals(items.get(i).path("id").asText())) {
        return i;
      }
    }
    throw StripeError.noSuch(objectName, id, param);
  }
}

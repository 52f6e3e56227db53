package com.comptoir.processor.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper: Stripe's shape is built explicitly, so no naming magic is configured. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ObjectNode parseObject(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not an object", e);
    }
  }

  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not valid", e);
    }
  }

  /**
   * Puts {@code item} first in an embedded list object ({@code data}, {@code has_more}), keeping
   * the newest {@code keep}; {@code has_more} says when older ones were dropped.
   */
  public static void prependNewest(ObjectNode list, ObjectNode item, int keep) {
    ArrayNode data = (ArrayNode) list.get("data");
    data.insert(0, item);
    boolean more = list.path("has_more").asBoolean(false) || data.size() > keep;
    while (data.size() > keep) {
      data.remove(data.size() - 1);
    }
    list.put("has_more", more);
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

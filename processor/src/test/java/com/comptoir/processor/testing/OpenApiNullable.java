package com.comptoir.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites OpenAPI 3.0's {@code nullable: true} into plain JSON Schema, in place, so that a
 * standard draft-4 validator reads Stripe's spec as Stripe means it.
 *
 * <p>Why not the validator's OpenAPI 3.0 dialect: there {@code nullable} only widens {@code type}.
 * Stripe marks nullable expandable and nested objects as {@code {anyOf: [...], nullable: true}},
 * whose branches are not nullable, so an explicit {@code null} (which we render, as Stripe does)
 * would fail every branch. Here such a schema gains a {@code {type: "null"}} branch instead.
 */
final class OpenApiNullable {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OpenApiNullable() {}

  /** Rewrites every schema under {@code node}. Only a boolean {@code nullable} is a keyword. */
  static void rewrite(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.forEach(OpenApiNullable::rewrite);
      if (object.get("nullable") instanceof JsonNode flag && flag.isBoolean()) {
        object.remove("nullable");
        if (flag.booleanValue()) {
          allowNull(object);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(OpenApiNullable::rewrite);
    }
  }

  private static void allowNull(ObjectNode schema) {
    if (schema.get("anyOf") instanceof ArrayNode anyOf) {
      anyOf.add(nullSchema());
    } else if (schema.get("oneOf") instanceof ArrayNode oneOf) {
      oneOf.add(nullSchema());
    } else if (schema.has("allOf") || schema.has("$ref")) {
      // Null cannot satisfy every allOf branch nor a referenced object, so the whole schema
      // becomes one branch of "null or this".
      ObjectNode original = schema.deepCopy();
      schema.removeAll();
      schema.putArray("anyOf").add(nullSchema()).add(original);
    } else {
      if (schema.get("type") instanceof JsonNode type) {
        schema.set("type", withNull(type));
      }
      if (schema.get("enum") instanceof ArrayNode values && !containsNull(values)) {
        values.addNull();
      }
    }
  }

  private static ObjectNode nullSchema() {
    return NODES.objectNode().put("type", "null");
  }

  private static ArrayNode withNull(JsonNode type) {
    ArrayNode types = type.isArray() ? ((ArrayNode) type).deepCopy() : NODES.arrayNode().add(type);
    for (JsonNode t : types) {
      if ("null".equals(t.asText())) {
        return types;
      }
    }
    return types.add("null");
  }

  private static boolean containsNull(ArrayNode values) {
    for (JsonNode v : values) {
      if (v.isNull()) {
        return true;
      }
    }
    return false;
  }
}

package com.comptoir.processor.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.annotations.SerializedName;
import com.stripe.model.BankAccount;
import com.stripe.model.Card;
import com.stripe.model.ExpandableField;
import com.stripe.model.ExternalAccount;
import com.stripe.model.StripeCollection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds a body the processor sent against the stripe-java model class that reads it, field by
 * field. Gson drops fields a model lacks and coerces some mistyped scalars without a word, so a
 * misspelt or misshapen field would reach the platform as a silent null; this makes it loud.
 * It reports, by JSON path: fields the model has no place for, and values whose JSON kind is not
 * the one the model's Java type expects.
 */
final class SdkModels {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Class<?>, Map<String, Field>> FIELDS = new ConcurrentHashMap<>();

  /** Interfaces the SDK deserializes by the {@code object} field of the value. */
  private static final Map<Class<?>, Map<String, Class<?>>> POLYMORPHIC = Map.of(
      ExternalAccount.class, Map.of("bank_account", BankAccount.class, "card", Card.class));

  private SdkModels() {}

  /** Every disagreement between {@code body} and {@code model}; empty when the SDK reads all of it. */
  static List<String> disagreements(String body, Type model) {
    try {
      List<String> out = new ArrayList<>();
      walk(JSON.readTree(body), model, "", out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  private static void walk(JsonNode node, Type type, String path, List<String> out) {
    if (node == null || node.isNull()) {
      return; // every model field is a nullable reference
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        expect(node.isArray(), node, "a JSON array for " + p.getTypeName(), path, out);
        for (int i = 0; node.isArray() && i < node.size(); i++) {
          walk(node.get(i), args[0], path + "[" + i + "]", out);
        }
      } else if (Map.class.isAssignableFrom(raw)) {
        expect(node.isObject(), node, "a JSON object for " + p.getTypeName(), path, out);
        node.properties().forEach(e -> walk(e.getValue(), args[1], path + "." + e.getKey(), out));
      } else if (raw == ExpandableField.class) {
        if (!node.isTextual()) { // an id, or the expanded object
          walk(node, args[0], path, out);
        }
      } else if (StripeCollection.class.isAssignableFrom(raw)) {
        collection(node, raw, args[0], path, out);
      } else {
        walk(node, raw, path, out);
      }
      return;
    }
    if (!(type instanceof Class<?> c)) {
      return; // a type variable or wildcard: nothing sure to check against
    }
    if (c == String.class) {
      expect(node.isTextual(), node, "a string", path, out);
    } else if (c == Long.class || c == Integer.class || c == long.class || c == int.class) {
      expect(node.isIntegralNumber(), node, "an integer", path, out);
    } else if (c == Boolean.class || c == boolean.class) {
      expect(node.isBoolean(), node, "a boolean", path, out);
    } else if (c == BigDecimal.class || c == Double.class || c == double.class) {
      expect(node.isNumber() || node.isTextual(), node, "a decimal", path, out);
    } else if (c == Object.class || c.getName().startsWith("com.google.gson.")) {
      // free-form: anything goes
    } else if (POLYMORPHIC.containsKey(c)) {
      Class<?> concrete = POLYMORPHIC.get(c).get(node.path("object").asText());
      if (concrete == null) {
        out.add(at(path) + ": object '" + node.path("object").asText() + "' is none the SDK reads as " + c.getSimpleName());
      } else {
        walk(node, concrete, path, out);
      }
    } else if (StripeCollection.class.isAssignableFrom(c)) {
      Type element = c.getGenericSuperclass() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
      collection(node, c, element, path, out);
    } else {
      model(node, c, path, out, Map.of());
    }
  }

  private static void collection(JsonNode node, Class<?> c, Type element, String path, List<String> out) {
    model(node, c, path, out, Map.of("data", element));
  }

  private static void model(JsonNode node, Class<?> c, String path, List<String> out, Map<String, Type> overrides) {
    if (!node.isObject()) {
      expect(false, node, "a JSON object for " + c.getName(), path, out);
      return;
    }
    Map<String, Field> fields = fieldsOf(c);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String child = path + "." + e.getKey();
      Type override = overrides.get(e.getKey());
      if (override != null) {
        if (e.getValue().isArray()) {
          for (int i = 0; i < e.getValue().size(); i++) {
            walk(e.getValue().get(i), override, child + "[" + i + "]", out);
          }
        }
        continue;
      }
      Field f = fields.get(e.getKey());
      if (f == null) {
        out.add(at(child) + ": " + c.getName().replace('$', '.') + " has no field for it; the SDK drops it");
      } else {
        walk(e.getValue(), f.getGenericType(), child, out);
      }
    }
  }

  private static Map<String, Field> fieldsOf(Class<?> c) {
    return FIELDS.computeIfAbsent(c, k -> {
      Map<String, Field> byName = new HashMap<>();
      for (Class<?> k2 = k; k2 != null && k2 != Object.class; k2 = k2.getSuperclass()) {
        for (Field f : k2.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
            continue;
          }
          SerializedName sn = f.getAnnotation(SerializedName.class);
          if (sn != null) {
            byName.putIfAbsent(sn.value(), f);
            for (String alt : sn.alternate()) {
              byName.putIfAbsent(alt, f);
            }
          } else {
            // stripe-java's Gson maps camelCase fields to snake_case (LOWER_CASE_WITH_UNDERSCORES)
            byName.putIfAbsent(f.getName().replaceAll("([A-Z])", "_$1").toLowerCase(), f);
          }
        }
      }
      return byName;
    });
  }

  private static void expect(boolean ok, JsonNode node, String what, String path, List<String> out) {
    if (!ok) {
      out.add(at(path) + ": the SDK expects " + what + " but the processor sent " + node.getNodeType().name().toLowerCase() + " " + abbreviate(node.toString()));
    }
  }

  private static String at(String path) {
    return path.isEmpty() ? "(root)" : path.substring(1);
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}

package com.comptoir.processor.api;

import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@code expand[]} (fact sheet §1.8): swaps an id for the object it names, along dotted paths of
 * at most four segments, {@code data.}-prefixed on lists. Only fields registered as expandable
 * for an object can be expanded, as in the spec's {@code x-expandableFields}.
 */
public final class Expander {
  static final int MAX_DEPTH = 4;

  /** Produces the expanded value of {@code field} on {@code parent}, or null to leave it. */
  @FunctionalInterface
  public interface Resolver {
    JsonNode resolve(Handle h, Caller caller, ObjectNode parent, String field);
  }

  /** The default: the field holds an object id owned by the caller's account or its platform. */
  public static final Resolver BY_ID = (h, caller, parent, field) -> {
    JsonNode id = parent.get(field);
    if (id == null || !id.isTextual()) {
      return null;
    }
    return ResourceStore.findAmong(h, id.asText(), caller.accountId(), caller.platformId()).orElse(null);
  };

  private final Map<String, Map<String, Resolver>> expandable = new HashMap<>();

  public void register(String object, String field, Resolver resolver) {
    expandable.computeIfAbsent(object, o -> new HashMap<>()).put(field, resolver);
  }

  public void register(String object, String... fields) {
    for (String field : fields) {
      register(object, field, BY_ID);
    }
  }

  /** Checks the paths before any work is done: depth and well-formedness. */
  static void checkPaths(List<String> paths) {
    for (String path : paths) {
      String[] segments = path.split("\\.", -1);
      if (segments.length > MAX_DEPTH) {
        throw StripeError.invalid("expand",
            "You cannot expand more than " + MAX_DEPTH + " levels of a property. Property: " + path);
      }
      for (String segment : segments) {
        if (segment.isEmpty()) {
          throw StripeError.invalid("expand", "This property cannot be expanded (" + path + ").");
        }
      }
    }
  }

  public void expand(Handle h, Caller caller, ObjectNode root, List<String> paths) {
    for (String path : paths) {
      expandPath(h, caller, root, path.split("\\."), 0, path);
    }
  }

  private void expandPath(Handle h, Caller caller, ObjectNode node, String[] segments, int at, String path) {
    String field = segments[at];
    String object = node.path("object").asText();
    if ("list".equals(object) || "search_result".equals(object)) {
      if (!"data".equals(field) || at + 1 >= segments.length) {
        throw StripeError.invalid("expand", "This property cannot be expanded (" + path + ").");
      }
      ArrayNode data = (ArrayNode) node.get("data");
      if (data.isEmpty()) {
        // Nothing to expand, and no item to say what may be: the path must at least name a
        // field that some object can expand, so a bad path does not pass just for want of items.
        String next = segments[at + 1];
        if (expandable.values().stream().noneMatch(fields -> fields.containsKey(next))) {
          throw StripeError.invalid("expand", "This property cannot be expanded (" + String.join(".", java.util.Arrays.copyOfRange(segments, 0, at + 2)) + ").");
        }
        return;
      }
      for (JsonNode item : data) {
        expandPath(h, caller, (ObjectNode) item, segments, at + 1, path);
      }
      return;
    }
    Resolver resolver = expandable.getOrDefault(object, Map.of()).get(field);
    if (resolver == null) {
      throw StripeError.invalid("expand", "This property cannot be expanded (" + String.join(".", java.util.Arrays.copyOfRange(segments, 0, at + 1)) + ").");
    }
    JsonNode current = node.get(field);
    if (current == null || current.isNull()) {
      if (at + 1 < segments.length) {
        return; // nothing to go deeper into
      }
    }
    if (current == null || current.isTextual() || current.isNull()) {
      JsonNode expanded = resolver.resolve(h, caller, node, field);
      if (expanded != null) {
        node.set(field, expanded);
        current = expanded;
      }
    }
    if (at + 1 < segments.length && current instanceof ObjectNode child) {
      expandPath(h, caller, child, segments, at + 1, path);
    }
  }
}

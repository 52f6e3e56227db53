package com.comptoir.processor.events;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code data.previous_attributes} of an update event: the old values of what changed. Nested
 * objects keep only their changed keys, as Stripe sends them.
 */
public final class PreviousAttributes {
  private PreviousAttributes() {}

  public static ObjectNode of(ObjectNode before, ObjectNode after) {
    ObjectNode previous = Json.object();
    Iterator<Map.Entry<String, JsonNode>> fields = after.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode old = before.get(field.getKey());
      JsonNode now = field.getValue();
      if (old != null && old.equals(now)) {
        continue;
      }
      if (old instanceof ObjectNode oldObject && now instanceof ObjectNode newObject) {
        previous.set(field.getKey(), of(oldObject, newObject));
      } else {
        previous.set(field.getKey(), old == null ? NullNode.getInstance() : old.deepCopy());
      }
    }
    // keys that were removed (e.g. a deleted metadata key) come back with their old value
    before.fieldNames().forEachRemaining(name -> {
      if (!after.has(name)) {
        previous.set(name, before.get(name).deepCopy());
      }
    });
    return previous;
  }
}

package com.comptoir.processor.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Metadata updates as Stripe applies them (fact sheet §1.11): merge, {@code ""} deletes a key,
 * {@code metadata=""} clears all, and the 50-key limit holds for the object, not the request.
 * Every object with metadata goes through here.
 */
public final class Metadata {
  public static final int MAX_KEYS = 50;

  private Metadata() {}

  /** Applies {@code params.metadata} to {@code target.metadata}; does nothing when the request has none. */
  public static void apply(ObjectNode target, Params params) {
    if (!params.has("metadata")) {
      return;
    }
    ObjectNode metadata = target.get("metadata") instanceof ObjectNode m ? m : target.putObject("metadata");
    if (params.isUnset("metadata")) {
      metadata.removeAll();
      return;
    }
    Map<String, String> changes = params.metadata("metadata");
    changes.forEach((k, v) -> {
      if (v.isEmpty()) {
        metadata.remove(k);
      } else {
        metadata.put(k, v);
      }
    });
    if (metadata.size() > MAX_KEYS) {
      throw StripeError.invalid("metadata", "Invalid metadata: You can only specify up to " + MAX_KEYS
          + " metadata keys; this object would have " + metadata.size() + ".");
    }
  }
}

package com.comptoir.processor.paymentmethods;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A payment method configuration as a payment sees it once its layers are combined ({@link
 * Configurations#render}): its id and parent, for {@code payment_method_configuration_details}, and
 * the methods available on it, in Stripe's order. Immutable, so one can be kept and shared
 * ({@link ConfigurationCache}) where the rendered document could not.
 */
record Offered(String id, String parent, List<MethodCatalog.Method> available) {

  /** From a rendered configuration: each method whose {@code available} is true. */
  static Offered of(ObjectNode rendered) {
    List<MethodCatalog.Method> available = new ArrayList<>();
    for (MethodCatalog.Method m : MethodCatalog.METHODS) {
      if (rendered.get(m.type()).get("available").asBoolean()) {
        available.add(m);
      }
    }
    return new Offered(rendered.get("id").asText(), rendered.path("parent").isNull() ? null : rendered.get("parent").asText(),
        List.copyOf(available));
  }

  /** The available methods that can charge {@code currency}, in Stripe's order. */
  List<String> types(String currency) {
    List<String> types = new ArrayList<>(available.size());
    for (MethodCatalog.Method m : available) {
      if (m.fits(currency)) {
        types.add(m.type());
      }
    }
    return types;
  }

  /** {@code payment_method_configuration_details}: a new node each time, as the payment's document owns it. */
  ObjectNode details() {
    ObjectNode details = Json.object();
    details.put("id", id);
    details.put("parent", parent);
    return details;
  }
}

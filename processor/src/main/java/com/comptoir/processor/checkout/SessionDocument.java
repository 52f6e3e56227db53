package com.comptoir.processor.checkout;

import com.comptoir.processor.api.Params;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The Checkout Session object (spec {@code checkout.session}; fact sheet §5.4). */
final class SessionDocument {
  private SessionDocument() {}

  static ObjectNode create(String id, Params p, String currency, long total, List<String> methods, long expiresAt, long now, String baseUrl) {
    ObjectNode s = Json.object();
    s.put("id", id);
    s.put("object", "checkout.session");
    s.putNull("after_expiration");
    s.putNull("allow_promotion_codes");
    s.put("amount_subtotal", total);
    s.put("amount_total", total);
    ObjectNode tax = s.putObject("automatic_tax");
    tax.put("enabled", false);
    tax.putNull("liability");
    tax.putNull("status");
    s.put("billing_address_collection", p.string("billing_address_collection"));
    s.put("cancel_url", p.string("cancel_url"));
    s.put("client_reference_id", p.string("client_reference_id"));
    s.putNull("consent");
    s.putNull("consent_collection");
    s.put("created", now);
    s.put("currency", currency);
    s.putNull("currency_conversion");
    s.putArray("custom_fields");
    ObjectNode text = s.putObject("custom_text");
    for (String f : List.of("after_submit", "shipping_address", "submit", "terms_of_service_acceptance")) {
      text.putNull(f);
    }
    s.putNull("customer");
    s.put("customer_creation", p.string("customer_creation") == null ? "if_required" : p.string("customer_creation"));
    s.putNull("customer_details");
    s.put("customer_email", p.string("customer_email"));
    s.put("expires_at", expiresAt);
    s.putNull("invoice");
    s.putNull("invoice_creation");
    s.put("livemode", false);
    s.put("locale", p.string("locale"));
    ObjectNode metadata = s.putObject("metadata");
    if (p.metadata("metadata") != null) {
      p.metadata("metadata").forEach((k, v) -> {
        if (!v.isEmpty()) {
          metadata.put(k, v);
        }
      });
    }
    s.put("mode", "payment");
    s.putNull("payment_intent");
    s.putNull("payment_link");
    s.put("payment_method_collection", "always");
    s.putNull("payment_method_configuration_details");
    s.putObject("payment_method_options");
    ArrayNode types = s.putArray("payment_method_types");
    methods.forEach(types::add);
    s.put("payment_status", total == 0 ? "no_payment_required" : "unpaid");
    s.putObject("phone_number_collection").put("enabled", false);
    s.putNull("recovered_from");
    s.putNull("setup_intent");
    s.putNull("shipping_address_collection");
    s.putNull("shipping_cost");
    s.putNull("shipping_details");
    s.putArray("shipping_options");
    s.put("status", CheckoutSessionStatus.OPEN.wire());
    s.put("submit_type", p.string("submit_type"));
    s.putNull("subscription");
    s.put("success_url", p.string("success_url"));
    ObjectNode totals = s.putObject("total_details");
    totals.put("amount_discount", 0);
    totals.put("amount_shipping", 0);
    totals.put("amount_tax", 0);
    s.put("ui_mode", "hosted");
    s.put("url", baseUrl + "/c/pay/" + id);
    return s;
  }

  /**
   * At completion Stripe fills {@code customer_details} from what the customer gave: the billing
   * details of {@code pi}'s PaymentMethod, {@code inHand} when the caller holds it (null: read it).
   */
  static void fillCustomer(Handle h, String account, ObjectNode s, ObjectNode pi, ObjectNode inHand) {
    ObjectNode details = Json.object();
    String pmId = pi.path("payment_method").asText();
    JsonNode billing = (inHand != null && pmId.equals(inHand.path("id").asText())
        ? java.util.Optional.of(inHand)
        : ResourceStore.findJson(h, account, pmId, "payment_method").map(Json::parseObject))
        .map(pm -> pm.path("billing_details")).orElse(Json.object());
    ObjectNode address = details.putObject("address");
    for (String f : List.of("city", "country", "line1", "line2", "postal_code", "state")) {
      JsonNode v = billing.path("address").path(f);
      address.set(f, v.isMissingNode() ? null : v);
    }
    String email = billing.path("email").isTextual() ? billing.get("email").asText() : s.path("customer_email").asText(null);
    details.put("email", email);
    details.set("name", billing.path("name").isMissingNode() ? null : billing.get("name"));
    details.putNull("phone");
    details.put("tax_exempt", "none");
    details.putArray("tax_ids");
    s.set("customer_details", details);
  }
}

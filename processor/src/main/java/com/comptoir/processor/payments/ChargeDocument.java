package com.comptoir.processor.payments;

import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Charge object (spec {@code charge}; fact sheet §6.2), made from a PaymentIntent's attempt. */
final class ChargeDocument {
  private ChargeDocument() {}

  static ObjectNode create(ObjectNode pi, ObjectNode pm, ChargeStatus status, long now) {
    boolean card = "card".equals(pm.path("type").asText());
    ObjectNode c = Json.object();
    c.put("id", Ids.next(card ? "ch_" : "py_"));
    c.put("object", "charge");
    long amount = pi.get("amount").asLong();
    c.put("amount", amount);
    c.put("amount_captured", status == ChargeStatus.SUCCEEDED ? amount : 0);
    c.put("amount_refunded", 0);
    c.putNull("application");
    c.putNull("application_fee");
    c.set("application_fee_amount", pi.get("application_fee_amount"));
    c.putNull("balance_transaction");
    c.set("billing_details", pm.get("billing_details").deepCopy());
    c.put("calculated_statement_descriptor", descriptor(pi));
    c.put("captured", status == ChargeStatus.SUCCEEDED);
    c.put("created", now);
    c.put("currency", pi.get("currency").asText());
    c.putNull("customer");
    c.set("description", pi.get("description"));
    c.put("disputed", false);
    c.putNull("failure_balance_transaction");
    c.putNull("failure_code");
    c.putNull("failure_message");
    c.putObject("fraud_details");
    c.putNull("invoice");
    c.put("livemode", false);
    c.set("metadata", pi.get("metadata").deepCopy()); // a PaymentIntent's metadata is copied to its charge
    c.putNull("on_behalf_of");
    c.set("outcome", status == ChargeStatus.FAILED ? null : outcome("authorized", "approved_by_network", null, "Payment complete."));
    c.put("paid", status == ChargeStatus.SUCCEEDED);
    c.put("payment_intent", pi.get("id").asText());
    c.put("payment_method", pm.get("id").asText());
    c.set("payment_method_details", details(pm));
    c.set("receipt_email", pi.get("receipt_email"));
    c.putNull("receipt_number");
    c.putNull("receipt_url");
    c.put("refunded", false);
    ObjectNode refunds = c.putObject("refunds");
    refunds.put("object", "list");
    refunds.putArray("data");
    refunds.put("has_more", false);
    refunds.put("url", "/v1/charges/" + c.get("id").asText() + "/refunds");
    c.putNull("review");
    c.putNull("shipping");
    c.putNull("source_transfer");
    c.set("statement_descriptor", pi.get("statement_descriptor"));
    c.set("statement_descriptor_suffix", pi.get("statement_descriptor_suffix"));
    c.put("status", status.wire());
    c.putNull("transfer_data");
    c.putNull("transfer_group");
    return c;
  }

  static ObjectNode outcome(String type, String network, String reason, String sellerMessage) {
    ObjectNode o = Json.object();
    o.put("network_status", network);
    o.put("reason", reason);
    o.put("risk_level", "blocked".equals(type) ? "highest" : "normal");
    o.put("risk_score", "blocked".equals(type) ? 95 : 20);
    o.put("seller_message", sellerMessage);
    o.put("type", type);
    return o;
  }

  private static String descriptor(ObjectNode pi) {
    JsonNode d = pi.get("statement_descriptor");
    return d == null || d.isNull() ? "COMPTOIR" : d.asText();
  }

  private static ObjectNode details(ObjectNode pm) {
    String type = pm.get("type").asText();
    ObjectNode d = Json.object();
    d.put("type", type);
    ObjectNode inner = (ObjectNode) pm.get(type).deepCopy();
    if ("card".equals(type)) {
      inner.remove("display_brand");
      inner.remove("generated_from");
      inner.remove("three_d_secure_usage");
      inner.putNull("installments");
      inner.putNull("mandate");
      inner.put("network", inner.path("brand").asText());
      inner.putNull("three_d_secure");
    } else if ("sepa_debit".equals(type)) {
      inner.remove("generated_from");
      inner.putNull("mandate");
    }
    d.set(type, inner);
    return d;
  }
}

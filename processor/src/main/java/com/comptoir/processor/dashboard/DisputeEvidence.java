package com.comptoir.processor.dashboard;

import com.comptoir.processor.testmode.TestDisputes;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispute evidence form: the text fields of Stripe's {@code evidence} (files are uploaded
 * through the API and named by id there), with what was typed kept. The test values that decide
 * a dispute in test mode ({@link TestDisputes#EVIDENCE}) are shown as hints, as Stripe's docs do.
 */
public final class DisputeEvidence {
  private DisputeEvidence() {}

  public record Field(String name, String label, boolean multiline, String hint) {}

  public static final List<Field> FIELDS = List.of(
      new Field("uncategorized_text", "Your response", true, testHint()),
      new Field("product_description", "Product or service description", true, null),
      new Field("customer_name", "Customer name", false, null),
      new Field("customer_email_address", "Customer email address", false, null),
      new Field("customer_purchase_ip", "Customer IP address at purchase", false, null),
      new Field("billing_address", "Billing address", true, null),
      new Field("shipping_address", "Shipping address", true, null),
      new Field("shipping_date", "Shipping date", false, null),
      new Field("shipping_carrier", "Shipping carrier", false, null),
      new Field("shipping_tracking_number", "Shipping tracking number", false, null),
      new Field("service_date", "Service date", false, null),
      new Field("access_activity_log", "Access activity log", true, null),
      new Field("cancellation_policy_disclosure", "How the cancellation policy was shown", true, null),
      new Field("cancellation_rebuttal", "Why the customer was not entitled to cancel", true, null),
      new Field("refund_policy_disclosure", "How the refund policy was shown", true, null),
      new Field("refund_refusal_explanation", "Why the customer was not entitled to a refund", true, null),
      new Field("duplicate_charge_id", "The other payment's id (duplicates)", false, null),
      new Field("duplicate_charge_explanation", "Why the payments are not duplicates", true, null));

  private static String testHint() {
    StringBuilder hint = new StringBuilder("Test mode: ");
    List<String> values = List.of("winning_evidence", "losing_evidence", "escalate_inquiry_evidence");
    for (int i = 0; i < values.size(); i++) {
      hint.append(i == 0 ? "" : "; ").append('"').append(values.get(i)).append("\" ")
          .append(TestDisputes.EVIDENCE.get(values.get(i)).does());
    }
    return hint.append(". Submitted, the bank decides a minute later on the processor clock.").toString();
  }

  /** The evidence stored on {@code dispute}, as the form shows it. */
  static Map<String, String> stored(JsonNode dispute) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Field f : FIELDS) {
      JsonNode v = dispute.path("evidence").path(f.name());
      values.put(f.name(), v.isTextual() ? v.asText() : "");
    }
    return values;
  }

  /** The evidence as typed (an absent field as empty, which clears it, as the API's empty string does). */
  static Map<String, String> typed(Context ctx) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Field f : FIELDS) {
      String v = ctx.formParam(f.name());
      values.put(f.name(), v == null ? "" : v.replace("\r\n", "\n"));
    }
    return values;
  }
}

package com.comptoir.processor.accounts;

import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The Account object in Stripe's shape (spec {@code account}; fact sheet §3.2), with every field
 * present and explicit nulls, and the merge of create and update parameters into it.
 */
final class AccountDocument {
  private AccountDocument() {}

  static ObjectNode blank(String id, String type, String country, long created) {
    ObjectNode a = Json.object();
    a.put("id", id);
    a.put("object", "account");
    ObjectNode profile = a.putObject("business_profile");
    for (String f : List.of("mcc", "name", "product_description")) {
      profile.putNull(f);
    }
    profile.set("support_address", nullAddress());
    for (String f : List.of("support_email", "support_phone", "support_url", "url")) {
      profile.putNull(f);
    }
    a.putNull("business_type");
    a.putObject("capabilities");
    a.put("charges_enabled", false);
    ObjectNode controller = a.putObject("controller");
    controller.put("is_controller", !"standard".equals(type));
    controller.put("type", "standard".equals(type) ? "account" : "application");
    a.put("country", country);
    a.put("created", created);
    a.put("default_currency", Countries.defaultCurrency(country));
    a.put("details_submitted", false);
    a.putNull("email");
    ObjectNode external = a.putObject("external_accounts");
    external.put("object", "list");
    external.putArray("data");
    external.put("has_more", false);
    external.put("url", "/v1/accounts/" + id + "/external_accounts");
    a.set("future_requirements", emptyRequirements());
    a.putObject("metadata");
    a.put("payouts_enabled", false);
    a.set("requirements", emptyRequirements());
    ObjectNode settings = a.putObject("settings");
    ObjectNode branding = settings.putObject("branding");
    for (String f : List.of("icon", "logo", "primary_color", "secondary_color")) {
      branding.putNull(f);
    }
    ObjectNode card = settings.putObject("card_payments");
    ObjectNode declineOn = card.putObject("decline_on");
    declineOn.put("avs_failure", false);
    declineOn.put("cvc_failure", true);
    card.putNull("statement_descriptor_prefix");
    card.putNull("statement_descriptor_prefix_kana");
    card.putNull("statement_descriptor_prefix_kanji");
    ObjectNode dashboard = settings.putObject("dashboard");
    dashboard.putNull("display_name");
    dashboard.put("timezone", "Etc/UTC");
    ObjectNode payments = settings.putObject("payments");
    for (String f : List.of("statement_descriptor", "statement_descriptor_kana", "statement_descriptor_kanji",
        "statement_descriptor_prefix_kana", "statement_descriptor_prefix_kanji")) {
      payments.putNull(f);
    }
    ObjectNode payouts = settings.putObject("payouts");
    // Stripe's default: negative balances are debited from the bank, except on Custom accounts.
    payouts.put("debit_negative_balances", !"custom".equals(type));
    ObjectNode schedule = payouts.putObject("schedule");
    schedule.put("delay_days", PayoutDelays.minimumDays(country));
    schedule.put("interval", "daily");
    payouts.putNull("statement_descriptor");
    ObjectNode tos = a.putObject("tos_acceptance");
    tos.putNull("date");
    tos.putNull("ip");
    tos.putNull("user_agent");
    a.put("type", type);
    return a;
  }

  static ObjectNode nullAddress() {
    ObjectNode address = Json.object();
    for (String f : List.of("city", "country", "line1", "line2", "postal_code", "state")) {
      address.putNull(f);
    }
    return address;
  }

  static ObjectNode emptyRequirements() {
    ObjectNode r = Json.object();
    r.putArray("alternatives");
    r.putNull("current_deadline");
    r.putArray("currently_due");
    r.putNull("disabled_reason");
    r.putArray("errors");
    r.putArray("eventually_due");
    r.putArray("past_due");
    r.putArray("pending_verification");
    return r;
  }

  /**
   * Writes the checked parameters into the document. Nested hashes merge field by field, an empty
   * string clears a field, and metadata merges with {@code ""} deleting a key (fact sheet §1.11).
   * The fields with behaviour of their own ({@code capabilities}, {@code external_account}) are
   * left to the caller.
   */
  static void merge(ObjectNode target, Params params, List<String> skip) {
    for (String name : params.names()) {
      if (skip.contains(name)) {
        continue;
      }
      Object value = params.raw(name);
      if ("metadata".equals(name)) {
        mergeMetadata(target, params.metadata(name), value == Params.UNSET);
      } else {
        target.set(name, mergeValue(target.get(name), value));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static JsonNode mergeValue(JsonNode current, Object value) {
    if (value == Params.UNSET) {
      return NullNode.getInstance();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode merged = current instanceof ObjectNode o ? o : Json.object();
      ((Map<String, Object>) map).forEach((k, v) -> {
        if ("metadata".equals(k)) {
          mergeMetadata(merged, (Map<String, String>) (v instanceof Map<?, ?> ? v : null), v == Params.UNSET);
        } else {
          merged.set(k, mergeValue(merged.get(k), v));
        }
      });
      return merged;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      list.forEach(item -> array.add(mergeValue(null, item)));
      return array;
    }
    return Json.MAPPER.valueToTree(value);
  }

  private static void mergeMetadata(ObjectNode target, Map<String, String> changes, boolean clearAll) {
    ObjectNode metadata = target.get("metadata") instanceof ObjectNode m ? m : target.putObject("metadata");
    if (clearAll) {
      metadata.removeAll();
      return;
    }
    if (changes != null) {
      changes.forEach((k, v) -> {
        if (v.isEmpty()) {
          metadata.remove(k);
        } else {
          metadata.put(k, v);
        }
      });
      // The limit is on the object, not on one request (fact sheet §1.11).
      if (metadata.size() > MAX_METADATA_KEYS) {
        throw StripeError.invalid("metadata", "Invalid metadata: You can only specify up to " + MAX_METADATA_KEYS
            + " metadata keys; this object would have " + metadata.size() + ".");
      }
    }
  }

  static final int MAX_METADATA_KEYS = com.comptoir.processor.api.Metadata.MAX_KEYS;

  /**
   * {@code delay_days} arrives as a number or {@code minimum}; the object holds the number of days
   * (the country's shortest when {@code minimum}), and anchors only with their interval.
   */
  static void normalizePayoutSchedule(ObjectNode account) {
    if (!(account.path("settings").path("payouts").path("schedule") instanceof ObjectNode schedule)) {
      return;
    }
    JsonNode delay = schedule.get("delay_days");
    int minimum = PayoutDelays.minimumDays(account.path("country").asText());
    if (delay != null && delay.isTextual()) {
      int days = "minimum".equals(delay.asText()) ? minimum : Integer.parseInt(delay.asText());
      if (days < minimum) {
        throw StripeError.invalid("settings[payouts][schedule][delay_days]",
            "The payout delay for " + account.path("country").asText() + " accounts must be at least " + minimum + " days.");
      }
      schedule.put("delay_days", days);
    }
    String interval = schedule.path("interval").asText("daily");
    if (!"weekly".equals(interval)) {
      if (schedule.has("weekly_anchor") && !schedule.get("weekly_anchor").isNull() && schedule.has("interval")) {
        schedule.remove("weekly_anchor");
      }
    } else if (!schedule.hasNonNull("weekly_anchor")) {
      schedule.put("weekly_anchor", "monday");
    }
    if (!"monthly".equals(interval)) {
      schedule.remove("monthly_anchor");
    } else if (!schedule.hasNonNull("monthly_anchor")) {
      schedule.put("monthly_anchor", 1);
    }
  }
}

package com.comptoir.processor.accounts;

import com.comptoir.processor.api.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What an account still owes, derived from what it holds (fact sheet §3.2): the lists under
 * {@code requirements}, and from them {@code charges_enabled} and {@code payouts_enabled}.
 * Derived every time, never stored apart from the document, so it cannot drift.
 */
final class Requirements {
  private Requirements() {}

  static List<String> due(ObjectNode account) {
    List<String> due = new ArrayList<>();
    String businessType = text(account, "business_type");
    if (businessType == null) {
      due.add("business_type");
    }
    if (text(account.path("business_profile"), "mcc") == null) {
      due.add("business_profile.mcc");
    }
    if (text(account.path("business_profile"), "url") == null && text(account.path("business_profile"), "product_description") == null) {
      due.add("business_profile.url");
    }
    if (account.path("external_accounts").path("data").isEmpty()) {
      due.add("external_account");
    }
    if ("individual".equals(businessType)) {
      JsonNode person = account.path("individual");
      for (String f : List.of("first_name", "last_name", "email", "phone")) {
        if (text(person, f) == null) {
          due.add("individual." + f);
        }
      }
      for (String f : List.of("day", "month", "year")) {
        if (person.path("dob").path(f).isNull() || person.path("dob").path(f).isMissingNode()) {
          due.add("individual.dob." + f);
        }
      }
      addAddress(due, "individual.address", person.path("address"));
      if ("US".equals(text(account, "country")) && text(person, "ssn_last_4") == null && text(person, "id_number") == null) {
        due.add("individual.ssn_last_4");
      }
    } else if (businessType != null) {
      JsonNode company = account.path("company");
      for (String f : List.of("name", "phone", "tax_id")) {
        if (text(company, f) == null && !("tax_id".equals(f) && company.path("tax_id_provided").asBoolean(false))) {
          due.add("company." + f);
        }
      }
      addAddress(due, "company.address", company.path("address"));
    }
    if (account.path("tos_acceptance").path("date").isNull() || account.path("tos_acceptance").path("date").isMissingNode()) {
      due.add("tos_acceptance.date");
    }
    if (text(account.path("tos_acceptance"), "ip") == null) {
      due.add("tos_acceptance.ip");
    }
    return due;
  }

  private static void addAddress(List<String> due, String prefix, JsonNode address) {
    for (String f : List.of("city", "line1", "postal_code")) {
      if (text(address, f) == null) {
        due.add(prefix + "." + f);
      }
    }
  }

  /** Brings {@code requirements} and the enabled flags in line with what the account holds. */
  static void refresh(ObjectNode account) {
    List<String> due = due(account);
    ObjectNode requirements = (ObjectNode) account.get("requirements");
    ArrayNode errors = (ArrayNode) requirements.get("errors");
    replace(requirements, "currently_due", due);
    replace(requirements, "eventually_due", due);
    boolean submitted = account.path("details_submitted").asBoolean(false);
    boolean rejected = requirements.path("disabled_reason").asText("").startsWith("rejected.");
    boolean chargesEnabled = !rejected && submitted && due.isEmpty() && errors.isEmpty();
    if (!rejected) {
      if (chargesEnabled) {
        requirements.putNull("disabled_reason");
      } else {
        requirements.put("disabled_reason", errors.isEmpty() ? "requirements.past_due" : "requirements.pending_verification");
      }
    }
    account.put("charges_enabled", chargesEnabled);
    account.put("payouts_enabled", chargesEnabled && !account.path("external_accounts").path("data").isEmpty());
    ObjectNode capabilities = (ObjectNode) account.get("capabilities");
    capabilities.fieldNames().forEachRemaining(name -> capabilities.put(name, chargesEnabled ? "active" : "inactive"));
  }

  private static void replace(ObjectNode requirements, String field, List<String> values) {
    ArrayNode array = requirements.putArray(field);
    values.forEach(array::add);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }

  static ObjectNode copy(ObjectNode account) {
    return (ObjectNode) Json.MAPPER.valueToTree(account);
  }
}

package com.comptoir.processor.accounts;

import com.comptoir.processor.testmode.TestVerification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an account still owes, derived from what it holds (fact sheet §3.2): the lists under
 * {@code requirements}, its {@code errors} from test-mode verification, and from them
 * {@code charges_enabled}, {@code payouts_enabled} and the capability statuses. Derived every time
 * from the document, its persons and its identity numbers, never kept apart, so it cannot drift.
 */
final class Requirements {
  private Requirements() {}

  /** The parts of an account that requirements are derived from. */
  record Inputs(ObjectNode account, List<ObjectNode> persons, ObjectNode sensitive) {}

  static void refresh(Inputs in) {
    ObjectNode account = in.account();
    Set<String> due = new LinkedHashSet<>(due(in));
    List<TestVerification.Failure> failures = TestVerification.none();
    boolean[] listed = {false};
    verify(in, failures, listed);
    boolean payoutsBlocked = false;
    for (TestVerification.Failure f : failures) {
      if (f.blocksCharges()) {
        due.add(f.requirement()); // a failed check asks for the value again
      } else {
        payoutsBlocked = true;
      }
    }
    ObjectNode requirements = (ObjectNode) account.get("requirements");
    put(requirements, "currently_due", due);
    put(requirements, "eventually_due", eventuallyDue(in, due));
    put(requirements, "past_due", List.of());
    put(requirements, "pending_verification", List.of());
    ArrayNode errors = requirements.putArray("errors");
    for (TestVerification.Failure f : failures) {
      ObjectNode e = errors.addObject();
      e.put("code", f.code());
      e.put("reason", f.reason());
      e.put("requirement", f.requirement());
    }
    boolean custom = "custom".equals(account.path("type").asText());
    if (custom && due.isEmpty()) {
      account.put("details_submitted", true); // the platform collected everything through the API
    }
    boolean submitted = account.path("details_submitted").asBoolean(false);
    String disabled = requirements.path("disabled_reason").asText("");
    boolean rejected = disabled.startsWith("rejected.");
    boolean chargesEnabled = !rejected && !listed[0] && submitted && due.isEmpty();
    boolean payoutsEnabled = chargesEnabled && !payoutsBlocked && !account.path("external_accounts").path("data").isEmpty();
    if (!rejected) {
      if (listed[0]) {
        requirements.put("disabled_reason", "listed");
      } else if (!chargesEnabled) {
        requirements.put("disabled_reason", "requirements.past_due");
      } else {
        requirements.putNull("disabled_reason");
      }
    }
    account.put("charges_enabled", chargesEnabled);
    account.put("payouts_enabled", payoutsEnabled);
    ObjectNode capabilities = (ObjectNode) account.get("capabilities");
    List<String> names = new ArrayList<>();
    capabilities.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      CapabilityStatus.move(account, name, capabilityStatus(name, submitted, rejected, chargesEnabled, payoutsEnabled));
    }
  }

  /**
   * A requested capability's status, the one place it is decided: {@code inactive} until the
   * details are in, {@code pending} while they are reviewed, {@code active} once the account can
   * charge ({@code transfers} once it can also be paid out). Every payment-method capability
   * (ideal_payments, sepa_debit_payments, …) follows {@code card_payments}: this model has one set
   * of requirements for them all.
   */
  static CapabilityStatus capabilityStatus(String name, boolean submitted, boolean rejected, boolean chargesEnabled, boolean payoutsEnabled) {
    if ("transfers".equals(name) && chargesEnabled && !payoutsEnabled) {
      return CapabilityStatus.PENDING;
    }
    return chargesEnabled ? CapabilityStatus.ACTIVE : submitted && !rejected ? CapabilityStatus.PENDING : CapabilityStatus.INACTIVE;
  }

  static List<String> due(Inputs in) {
    ObjectNode account = in.account();
    List<String> due = new ArrayList<>();
    String businessType = text(account, "business_type");
    if (businessType == null) {
      due.add("business_type");
    }
    JsonNode profile = account.path("business_profile");
    if (text(profile, "mcc") == null) {
      due.add("business_profile.mcc");
    }
    if (text(profile, "url") == null && text(profile, "product_description") == null) {
      due.add("business_profile.url");
    }
    if (account.path("external_accounts").path("data").isEmpty()) {
      due.add("external_account");
    }
    boolean us = "US".equals(text(account, "country"));
    if ("individual".equals(businessType)) {
      personDue("individual", account.path("individual"), us, in.sensitive(), due);
    } else if (businessType != null) {
      JsonNode company = account.path("company");
      for (String f : List.of("name", "phone")) {
        if (text(company, f) == null) {
          due.add("company." + f);
        }
      }
      if (!in.sensitive().has("company.tax_id")) {
        due.add("company.tax_id");
      }
      addressDue("company.address", company.path("address"), us, due);
      ObjectNode representative = in.persons().stream()
          .filter(p -> p.path("relationship").path("representative").asBoolean(false))
          .findFirst().orElse(null);
      if (representative == null) {
        personDue("representative", com.fasterxml.jackson.databind.node.MissingNode.getInstance(), us, in.sensitive(), due);
      } else {
        personDue(representative.get("id").asText(), representative, us, in.sensitive(), due);
      }
    }
    JsonNode tos = account.path("tos_acceptance");
    if (!tos.path("date").isNumber()) {
      due.add("tos_acceptance.date");
    }
    if (text(tos, "ip") == null) {
      due.add("tos_acceptance.ip");
    }
    return due;
  }

  private static void verify(Inputs in, List<TestVerification.Failure> failures, boolean[] listed) {
    ObjectNode account = in.account();
    String businessType = text(account, "business_type");
    if ("individual".equals(businessType)) {
      TestVerification.checkPerson("individual", account.path("individual"), text(in.sensitive(), "individual.id_number"), failures, listed);
    } else if (businessType != null) {
      TestVerification.checkCompany(account.path("company"), text(in.sensitive(), "company.tax_id"), failures);
      for (ObjectNode person : in.persons()) {
        String id = person.get("id").asText();
        TestVerification.checkPerson(id, person, text(in.sensitive(), id + ".id_number"), failures, listed);
      }
    }
  }

  private static List<String> eventuallyDue(Inputs in, Set<String> currentlyDue) {
    List<String> eventually = new ArrayList<>(currentlyDue);
    String businessType = text(in.account(), "business_type");
    if ("individual".equals(businessType) && "US".equals(text(in.account(), "country"))
        && !in.sensitive().has("individual.id_number") && !eventually.contains("individual.id_number")) {
      eventually.add("individual.id_number"); // the full SSN, once volume grows
    }
    return eventually;
  }

  private static void personDue(String prefix, JsonNode person, boolean us, ObjectNode sensitive, List<String> due) {
    for (String f : List.of("first_name", "last_name", "email", "phone")) {
      if (text(person, f) == null) {
        due.add(prefix + "." + f);
      }
    }
    for (String f : List.of("day", "month", "year")) {
      if (!person.path("dob").path(f).isNumber()) {
        due.add(prefix + ".dob." + f);
      }
    }
    addressDue(prefix + ".address", person.path("address"), us, due);
    if (us && !sensitive.has(prefix + ".ssn_last_4") && !sensitive.has(prefix + ".id_number")) {
      due.add(prefix + ".ssn_last_4");
    }
  }

  private static void addressDue(String prefix, JsonNode address, boolean us, List<String> due) {
    for (String f : us ? List.of("city", "line1", "postal_code", "state") : List.of("city", "line1", "postal_code")) {
      if (text(address, f) == null) {
        due.add(prefix + "." + f);
      }
    }
  }

  private static void put(ObjectNode requirements, String field, java.util.Collection<String> values) {
    ArrayNode array = requirements.putArray(field);
    values.forEach(array::add);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}

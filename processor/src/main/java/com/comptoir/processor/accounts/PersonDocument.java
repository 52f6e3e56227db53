package com.comptoir.processor.accounts;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The Person object (spec {@code person}): an account's individual, representative or owner. */
final class PersonDocument {
  private PersonDocument() {}

  static ObjectNode blank(String id, String accountId, long created) {
    ObjectNode p = Json.object();
    p.put("id", id);
    p.put("object", "person");
    p.put("account", accountId);
    p.set("address", AccountDocument.nullAddress());
    p.put("created", created);
    ObjectNode dob = p.putObject("dob");
    dob.putNull("day");
    dob.putNull("month");
    dob.putNull("year");
    p.putNull("email");
    p.putNull("first_name");
    p.putArray("full_name_aliases");
    p.put("id_number_provided", false);
    p.putNull("last_name");
    p.putObject("metadata");
    p.putNull("nationality");
    p.putNull("phone");
    ObjectNode relationship = p.putObject("relationship");
    relationship.put("director", false);
    relationship.put("executive", false);
    relationship.put("owner", false);
    relationship.putNull("percent_ownership");
    relationship.put("representative", false);
    relationship.putNull("title");
    ObjectNode requirements = p.putObject("requirements");
    for (String list : List.of("alternatives", "currently_due", "errors", "eventually_due", "past_due", "pending_verification")) {
      requirements.putArray(list);
    }
    p.put("ssn_last_4_provided", false);
    ObjectNode verification = p.putObject("verification");
    verification.set("additional_document", document());
    verification.putNull("details");
    verification.putNull("details_code");
    verification.set("document", document());
    verification.put("status", "unverified");
    return p;
  }

  private static ObjectNode document() {
    ObjectNode d = Json.object();
    d.putNull("back");
    d.putNull("details");
    d.putNull("details_code");
    d.putNull("front");
    return d;
  }

  /** Fills what a write left out or cleared so the person keeps Stripe's shape. */
  static void normalize(ObjectNode person) {
    ObjectNode blank = blank("person_", "acct_", 0);
    for (String field : new String[] {"dob", "address", "relationship", "verification", "requirements", "metadata"}) {
      if (!(person.get(field) instanceof ObjectNode)) {
        person.set(field, blank.get(field));
      } else {
        deepFill((ObjectNode) person.get(field), (ObjectNode) blank.get(field));
      }
    }
    if (person.at("/relationship/percent_ownership").isTextual()) {
      ((ObjectNode) person.get("relationship")).put("percent_ownership", Double.parseDouble(person.at("/relationship/percent_ownership").asText()));
    }
  }

  private static void deepFill(ObjectNode target, ObjectNode defaults) {
    defaults.fields().forEachRemaining(e -> {
      JsonNode current = target.get(e.getKey());
      if (current == null || (current.isNull() && e.getValue().isObject())) {
        target.set(e.getKey(), e.getValue().deepCopy());
      } else if (current instanceof ObjectNode o && e.getValue() instanceof ObjectNode d) {
        deepFill(o, d);
      }
    });
  }

  /** Makes {@code individual} on an account a full person, as Stripe renders it. */
  static ObjectNode ensurePerson(ObjectNode account, String idIfNew) {
    ObjectNode individual = account.get("individual") instanceof ObjectNode o ? o : account.putObject("individual");
    if (!individual.has("id")) {
      ObjectNode person = blank(idIfNew, account.get("id").asText(), account.get("created").asLong());
      person.setAll(individual);
      normalize(person);
      account.set("individual", person);
      return person;
    }
    normalize(individual);
    return individual;
  }
}

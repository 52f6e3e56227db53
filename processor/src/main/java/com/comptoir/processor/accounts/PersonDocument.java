package com.comptoir.processor.accounts;

import com.comptoir.processor.api.Json;
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
    verification.putNull("additional_document");
    verification.putNull("details");
    verification.putNull("details_code");
    verification.putNull("document");
    verification.put("status", "unverified");
    return p;
  }

  /** Makes {@code individual} on an account a full person, as Stripe renders it. */
  static ObjectNode ensurePerson(ObjectNode account, String idIfNew) {
    ObjectNode individual = account.get("individual") instanceof ObjectNode o ? o : account.putObject("individual");
    if (!individual.has("id")) {
      ObjectNode person = blank(idIfNew, account.get("id").asText(), account.get("created").asLong());
      person.setAll(individual);
      account.set("individual", person);
      return person;
    }
    return individual;
  }
}

package com.comptoir.processor.accounts;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * {@code /v1/accounts/{account}/persons}: the people behind a company account. The
 * representative's details are requirements of the account (fact sheet §3.2).
 */
final class PersonsApi {
  private static final Shape.ObjectShape WRITE = AccountParams.person();

  private PersonsApi() {}

  static void register(StripeApi api) {
    api.post("/v1/accounts/{account}/persons", WRITE, PersonsApi::create);
    api.get("/v1/accounts/{account}/persons", Lists.params()
        .field("relationship", Shape.object().field("director", Shape.bool()).field("executive", Shape.bool())
            .field("owner", Shape.bool()).field("representative", Shape.bool())), PersonsApi::list);
    api.get("/v1/accounts/{account}/persons/{person}", Shape.object(), (r, h) -> {
      Accounts.findJson(h, r.caller(), r.pathParam("account"));
      return find(h, r);
    });
    api.post("/v1/accounts/{account}/persons/{person}", WRITE, PersonsApi::update);
    api.delete("/v1/accounts/{account}/persons/{person}", Shape.object(), PersonsApi::delete);
  }

  private static ObjectNode create(ApiRequest r, Handle h) {
    AccountState state = AccountState.load(h, r.caller(), r.pathParam("account"));
    ObjectNode person = PersonDocument.blank(Ids.next("person_"), state.id(), r.now());
    write(state, person, r.params());
    ResourceStore.insert(h, state.id(), person);
    state.persons.add(person);
    state.save(h, EventContext.of(r));
    Events.publish(h, EventContext.of(r), state.id(), "person.created", person, null);
    return person;
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    AccountState state = AccountState.load(h, r.caller(), r.pathParam("account"));
    ObjectNode person = find(h, r);
    ObjectNode before = person.deepCopy();
    write(state, person, r.params());
    ResourceStore.update(h, person);
    state.persons.replaceAll(p -> p.get("id").equals(person.get("id")) ? person : p);
    state.save(h, EventContext.of(r));
    Events.publish(h, EventContext.of(r), state.id(), "person.updated", person,
        com.comptoir.processor.events.PreviousAttributes.of(before, person));
    return person;
  }

  private static ObjectNode delete(ApiRequest r, Handle h) {
    AccountState state = AccountState.load(h, r.caller(), r.pathParam("account"));
    ObjectNode person = find(h, r);
    ResourceStore.delete(h, state.id(), person.get("id").asText());
    state.persons.removeIf(p -> p.get("id").equals(person.get("id")));
    state.save(h, EventContext.of(r));
    Events.publish(h, EventContext.of(r), state.id(), "person.deleted", person, null);
    ObjectNode deleted = Json.object();
    deleted.put("id", person.get("id").asText());
    deleted.put("object", "person");
    deleted.put("deleted", true);
    return deleted;
  }

  private static void write(AccountState state, ObjectNode person, Params p) {
    AccountDocument.merge(person, p, List.of("expand"));
    PersonDocument.normalize(person);
    Sensitive.extract(person, person.get("id").asText(), Sensitive.PERSON_FIELDS, state.sensitive);
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    String account = r.pathParam("account");
    Accounts.findJson(h, r.caller(), account);
    Lists.Filter filter = Lists.Filter.NONE;
    Params relationship = r.params().object("relationship");
    if (relationship != null) {
      for (String role : relationship.names()) {
        filter = filter.and("(r.body -> 'relationship' ->> '" + role + "')::boolean = :" + role, role, relationship.bool(role));
      }
    }
    return Lists.page(h, r.params(), account, "person", "/v1/accounts/" + account + "/persons", filter);
  }

  private static ObjectNode find(Handle h, ApiRequest r) {
    String id = r.pathParam("person");
    return ResourceStore.findJson(h, r.pathParam("account"), id, "person").map(Json::parseObject)
        .orElseThrow(() -> StripeError.noSuch("person", id, "person"));
  }

}

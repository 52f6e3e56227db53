package com.comptoir.processor.accounts;

import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.object;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.paymentmethods.MethodCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * {@code /v1/accounts/{account}/capabilities} (fact sheet §3.2): the account's {@code capabilities}
 * map seen one capability at a time. A capability is requested when it is in the map; its status
 * is the map's value, {@code unrequested} otherwise. Stripe decides a Standard account's
 * capabilities, so the platform cannot request or remove them.
 */
final class Capabilities {
  private static final ObjectShape UPDATE = object().field("requested", bool());

  private Capabilities() {}

  static void register(StripeApi api) {
    api.get("/v1/accounts/{account}/capabilities", object(), Capabilities::list);
    api.get("/v1/accounts/{account}/capabilities/{capability}", object(), Capabilities::retrieve);
    api.post("/v1/accounts/{account}/capabilities/{capability}", UPDATE, Capabilities::update);
    api.expander().register("capability", "account");
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    ObjectNode account = Json.parseObject(Accounts.findJson(h, r.caller(), r.pathParam("account")));
    Map<String, Long> requestedAt = requestedAt(h, account);
    List<ObjectNode> capabilities = new ArrayList<>();
    account.get("capabilities").fieldNames().forEachRemaining(name -> capabilities.add(render(account, name, requestedAt)));
    // Stripe lists the most recently requested first.
    capabilities.sort(Comparator.comparing((ObjectNode c) -> c.get("requested_at").asLong()).reversed()
        .thenComparing(c -> c.get("id").asText()));
    ObjectNode list = Json.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    capabilities.forEach(data::add);
    list.put("has_more", false);
    list.put("url", "/v1/accounts/" + account.get("id").asText() + "/capabilities");
    return list;
  }

  private static ObjectNode retrieve(ApiRequest r, Handle h) {
    ObjectNode account = Json.parseObject(Accounts.findJson(h, r.caller(), r.pathParam("account")));
    String name = known(r.pathParam("capability"));
    return render(account, name, requestedAt(h, account));
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    AccountState state = AccountState.load(h, r.caller(), r.pathParam("account"));
    ObjectNode account = state.account;
    String name = known(r.pathParam("capability"));
    Boolean requested = r.params().bool("requested");
    if (requested != null && "standard".equals(account.get("type").asText())) {
      throw StripeError.invalid("requested",
          "You cannot request or remove capabilities of a Standard account: Stripe manages them. Capabilities can be requested for Express and Custom accounts.");
    }
    String id = account.get("id").asText();
    ObjectNode before = account.deepCopy();
    CapabilityStatus status = CapabilityStatus.of(account, name);
    if (Boolean.TRUE.equals(requested) && MethodCatalog.unavailableIn(name, account.get("country").asText())) {
      throw StripeError.invalid("requested", "The `" + name + "` capability is not available for accounts in " + account.get("country").asText() + ".");
    }
    if (Boolean.TRUE.equals(requested) && status == CapabilityStatus.UNREQUESTED) {
      CapabilityStatus.move(account, name, CapabilityStatus.INACTIVE); // saving derives the status from the requirements
      h.createUpdate("""
              INSERT INTO capability_requests (account_id, name, requested_at) VALUES (:account, :name, :at)
              ON CONFLICT (account_id, name) DO UPDATE SET requested_at = EXCLUDED.requested_at""")
          .bind("account", id).bind("name", name).bind("at", r.now()).execute();
    } else if (Boolean.FALSE.equals(requested) && status != CapabilityStatus.UNREQUESTED) {
      CapabilityStatus.move(account, name, CapabilityStatus.UNREQUESTED);
      h.createUpdate("DELETE FROM capability_requests WHERE account_id = :account AND name = :name")
          .bind("account", id).bind("name", name).execute();
    }
    EventContext context = EventContext.of(r);
    state.save(h, context); // derives the status; account.updated and capability.updated
    return render(account, name, requestedAt(h, account));
  }

  /** The name if it is a capability Stripe has (spec: the account's {@code capabilities} properties), else 404. */
  private static String known(String name) {
    if (!AccountParams.CAPABILITIES.contains(name)) {
      throw StripeError.noSuch("capability", name, "capability");
    }
    return name;
  }

  /**
   * {@code capability.updated} on the account for every capability whose status or request changed
   * between {@code before} and {@code after}: any change of an account can move its capabilities.
   */
  static void publishChanges(Handle h, EventContext context, ObjectNode before, ObjectNode after) {
    JsonNode was = before.get("capabilities");
    JsonNode now = after.get("capabilities");
    TreeSet<String> names = new TreeSet<>();
    was.fieldNames().forEachRemaining(names::add);
    now.fieldNames().forEachRemaining(names::add);
    Map<String, Long> requestedAt = null;
    for (String name : names) {
      CapabilityStatus from = CapabilityStatus.of(before, name);
      CapabilityStatus to = CapabilityStatus.of(after, name);
      if (from == to) {
        continue;
      }
      requestedAt = requestedAt == null ? requestedAt(h, after) : requestedAt;
      ObjectNode old = render(before, name, requestedAt);
      ObjectNode capability = render(after, name, requestedAt);
      Events.publish(h, context, after.get("id").asText(), from.eventTo(to).orElseThrow(), capability, PreviousAttributes.of(old, capability));
    }
  }

  /** The capability object (spec {@code capability}) as the account document holds it. */
  static ObjectNode render(ObjectNode account, String name, Map<String, Long> requestedAt) {
    CapabilityStatus status = CapabilityStatus.of(account, name);
    boolean requested = status != CapabilityStatus.UNREQUESTED;
    ObjectNode c = Json.object();
    c.put("id", name);
    c.put("object", "capability");
    c.put("account", account.get("id").asText());
    // Until they are met, the account's requirements are the capability's: this model has one set.
    boolean waiting = requested && status != CapabilityStatus.ACTIVE;
    c.set("future_requirements", waiting ? requirements(account.get("future_requirements")) : AccountDocument.emptyRequirements());
    c.put("requested", requested);
    if (requested) {
      c.put("requested_at", requestedAt.getOrDefault(name, account.get("created").asLong()));
    } else {
      c.putNull("requested_at");
    }
    c.set("requirements", waiting ? requirements(account.get("requirements")) : AccountDocument.emptyRequirements());
    c.put("status", status.wire());
    return c;
  }

  private static ObjectNode requirements(JsonNode accountRequirements) {
    ObjectNode r = AccountDocument.emptyRequirements();
    if (accountRequirements instanceof ObjectNode source) {
      for (String f : List.of("alternatives", "current_deadline", "currently_due", "disabled_reason", "errors", "eventually_due",
          "past_due", "pending_verification")) {
        if (source.has(f)) {
          r.set(f, source.get(f).deepCopy());
        }
      }
    }
    return r;
  }

  /** When each capability was requested through this API; others count from the account's creation. */
  private static Map<String, Long> requestedAt(Handle h, ObjectNode account) {
    Map<String, Long> at = new HashMap<>();
    for (Map<String, Object> row : h.createQuery("SELECT name, requested_at FROM capability_requests WHERE account_id = :account")
        .bind("account", account.get("id").asText()).mapToMap().list()) {
      at.put((String) row.get("name"), ((Number) row.get("requested_at")).longValue());
    }
    return at;
  }
}

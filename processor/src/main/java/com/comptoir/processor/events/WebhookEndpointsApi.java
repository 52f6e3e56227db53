package com.comptoir.processor.events;

import static com.comptoir.processor.api.Shape.array;
import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Metadata;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.Shape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@code /v1/webhook_endpoints} (fact sheet §8.3). The signing secret is shown once, on create.
 * {@code connect=true} endpoints hear of the platform's connected accounts; the others of the
 * owner's own account.
 */
final class WebhookEndpointsApi {
  private static final Shape EVENTS = array(new EventTypeShape(), 300);
  private static final ObjectShape CREATE = object()
      .required("url", string())
      .required("enabled_events", EVENTS)
      .field("connect", bool())
      .field("api_version", string())
      .field("description", string().emptyable())
      .field("metadata", metadata());
  private static final ObjectShape UPDATE = object()
      .field("url", string())
      .field("enabled_events", EVENTS)
      .field("description", string().emptyable())
      .field("disabled", bool())
      .field("metadata", metadata());

  private WebhookEndpointsApi() {}

  static void register(StripeApi api) {
    api.post("/v1/webhook_endpoints", CREATE, WebhookEndpointsApi::create);
    api.get("/v1/webhook_endpoints", Lists.params(), WebhookEndpointsApi::list);
    api.get("/v1/webhook_endpoints/{id}", object(), (r, h) -> render(find(h, r, false), false));
    api.post("/v1/webhook_endpoints/{id}", UPDATE, WebhookEndpointsApi::update);
    api.delete("/v1/webhook_endpoints/{id}", object(), WebhookEndpointsApi::delete);
  }

  /** One event type name, or {@code *} for all of them. */
  private static final class EventTypeShape extends Shape.Custom {
    @Override
    protected Object checkCustom(Object raw, String param) {
      String type = (String) checkWith(string(), raw, param);
      if (!"*".equals(type) && !EventTypes.known(type)) {
        throw StripeError.invalid(param, "Invalid " + param + ": '" + type + "' is not an event type. Use '*' or one of: "
            + String.join(", ", EventTypes.ALL) + ".");
      }
      return type;
    }
  }

  private static String checkedUrl(String url, String param) {
    return WebhookEndpoints.checkedUrl(url, param);
  }

  private static ObjectNode create(ApiRequest r, Handle h) {
    Params p = r.params();
    String id = WebhookEndpoints.create(h, r.caller().accountId(), checkedUrl(p.string("url"), "url"), Boolean.TRUE.equals(p.bool("connect")),
        p.strings("enabled_events"), p.string("api_version") != null ? p.string("api_version") : r.stripeVersion(), p.string("description"),
        Json.write(Json.MAPPER.valueToTree(p.metadata("metadata") == null ? Map.of() : p.metadata("metadata"))), r.now());
    return render(find(h, r, id, false), true);
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    Row row = find(h, r, true);
    Params p = r.params();
    String url = p.string("url") != null ? checkedUrl(p.string("url"), "url") : row.url();
    List<String> events = p.has("enabled_events") ? p.strings("enabled_events") : row.enabledEvents();
    String description = p.isUnset("description") ? null : p.has("description") ? p.string("description") : row.description();
    String status = p.bool("disabled") == null ? row.status() : p.bool("disabled") ? "disabled" : "enabled";
    ObjectNode holder = Json.object();
    holder.set("metadata", Json.parseObject(row.metadata()));
    Metadata.apply(holder, p);
    ObjectNode metadata = (ObjectNode) holder.get("metadata");
    WebhookEndpoints.update(h, r.caller().accountId(), new WebhookEndpoints.Endpoint(0, row.id(), url, row.connect(), events,
        row.apiVersion(), description, Json.write(metadata), status, row.secret(), row.created()));
    return render(find(h, r, row.id(), false), false);
  }

  private static ObjectNode delete(ApiRequest r, Handle h) {
    Row row = find(h, r, true);
    WebhookEndpoints.delete(h, r.caller().accountId(), row.id());
    ObjectNode deleted = Json.object();
    deleted.put("id", row.id());
    deleted.put("object", "webhook_endpoint");
    deleted.put("deleted", true);
    return deleted;
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Params p = r.params();
    long limit = p.integer("limit") == null ? 10 : p.integer("limit");
    String after = p.string("starting_after");
    String before = p.string("ending_before");
    if (after != null && before != null) {
      throw StripeError.invalidRequest("parameters_exclusive", "ending_before", "You may only specify one of these parameters: starting_after, ending_before.");
    }
    String cursor = after != null ? after : before;
    Long cursorSeq = cursor == null ? null : h.createQuery("SELECT seq FROM webhook_endpoints WHERE id = :id AND owner = :o AND NOT deleted")
        .bind("id", cursor).bind("o", r.caller().accountId()).mapTo(Long.class).findOne()
        .orElseThrow(() -> StripeError.noSuch("webhook endpoint", cursor, after != null ? "starting_after" : "ending_before"));
    String sql = "SELECT * FROM webhook_endpoints WHERE owner = :o AND NOT deleted"
        + (cursorSeq == null ? "" : after != null ? " AND seq < :cursor" : " AND seq > :cursor")
        + (before != null ? " ORDER BY seq ASC" : " ORDER BY seq DESC") + " LIMIT :limit";
    var q = h.createQuery(sql).bind("o", r.caller().accountId()).bind("limit", limit + 1);
    if (cursorSeq != null) {
      q.bind("cursor", cursorSeq);
    }
    List<Row> rows = new ArrayList<>(q.map((rs, ctx) -> Row.of(rs)).list());
    boolean more = rows.size() > limit;
    if (more) {
      rows = new ArrayList<>(rows.subList(0, (int) limit));
    }
    if (before != null) {
      java.util.Collections.reverse(rows);
    }
    ObjectNode list = Json.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    rows.forEach(row -> data.add(render(row, false)));
    list.put("has_more", more);
    list.put("url", "/v1/webhook_endpoints");
    return list;
  }

  record Row(String id, String url, boolean connect, List<String> enabledEvents, String apiVersion, String description,
      String metadata, String status, String secret, long created) {
    static Row of(ResultSet rs) throws SQLException {
      Array events = rs.getArray("enabled_events");
      return new Row(rs.getString("id"), rs.getString("url"), rs.getBoolean("connect"), List.of((String[]) events.getArray()),
          rs.getString("api_version"), rs.getString("description"), rs.getString("metadata"), rs.getString("status"),
          rs.getString("secret"), rs.getLong("created"));
    }
  }

  private static Row find(Handle h, ApiRequest r, boolean forUpdate) {
    return find(h, r, r.pathParam("id"), forUpdate);
  }

  private static Row find(Handle h, ApiRequest r, String id, boolean forUpdate) {
    return h.createQuery("SELECT * FROM webhook_endpoints WHERE id = :id AND owner = :o AND NOT deleted" + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id).bind("o", r.caller().accountId())
        .map((rs, ctx) -> Row.of(rs)).findOne()
        .orElseThrow(() -> StripeError.noSuch("webhook endpoint", id, "id"));
  }

  private static ObjectNode render(Row row, boolean withSecret) {
    ObjectNode we = Json.object();
    we.put("id", row.id());
    we.put("object", "webhook_endpoint");
    we.put("api_version", row.apiVersion());
    we.putNull("application");
    we.put("connect", row.connect());
    we.put("created", row.created());
    we.put("description", row.description());
    ArrayNode events = we.putArray("enabled_events");
    row.enabledEvents().forEach(events::add);
    we.put("livemode", false);
    we.set("metadata", Json.parseObject(row.metadata()));
    if (withSecret) {
      we.put("secret", row.secret());
    }
    we.put("status", row.status());
    we.put("url", row.url());
    return we;
  }
}

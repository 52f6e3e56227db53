package com.comptoir.processor.events;

import static com.comptoir.processor.api.Shape.array;
import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.ApiResponse;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** {@code /v1/events}: what happened on the caller's account, kept for as long as the database keeps it. */
final class EventsApi {
  private static final ObjectShape LIST = Lists.params()
      .field("type", string())
      .field("types", array(string(), 20))
      .field("delivery_success", bool());

  private EventsApi() {}

  static void register(StripeApi api) {
    api.get("/v1/events", LIST, EventsApi::list);
    api.get("/v1/events/{id}", object(), (r, h) -> ApiResponse.raw(ResourceStore.findJson(h, r.caller().accountId(), r.pathParam("id"), "event")
        .orElseThrow(() -> StripeError.noSuch("event", r.pathParam("id"), "id"))));
    // What the Stripe CLI's "events resend" calls: send one event again to one endpoint.
    api.post("/v1/events/{id}/retry", object().required("webhook_endpoint", string()), EventsApi::retry);
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Lists.Filter filter = Lists.Filter.NONE;
    if (r.params().string("type") != null && r.params().has("types")) {
      throw StripeError.invalidRequest("parameters_exclusive", "types", "You may only specify one of these parameters: type, types.");
    }
    String type = r.params().string("type");
    if (type != null) {
      // "charge.*" matches every charge event, as on Stripe
      filter = type.endsWith(".*")
          ? filter.and("(r.body ->> 'type') LIKE :type_prefix", "type_prefix", type.substring(0, type.length() - 1).replace("_", "\\_") + "%")
          : filter.and("(r.body ->> 'type') = :type", "type", type);
    }
    List<String> types = r.params().strings("types");
    if (!types.isEmpty()) {
      filter = filter.and("(r.body ->> 'type') = ANY (:types)", "types", types.toArray(String[]::new));
    }
    Boolean success = r.params().bool("delivery_success");
    if (success != null) {
      filter = filter.and(success ? "(r.body ->> 'pending_webhooks')::int = 0" : "(r.body ->> 'pending_webhooks')::int > 0");
    }
    return Lists.page(h, r.params(), r.caller().accountId(), "event", "/v1/events", filter);
  }

  private static ObjectNode retry(ApiRequest r, Handle h) {
    String eventId = r.pathParam("id");
    String json = ResourceStore.findJson(h, r.caller().accountId(), eventId, "event")
        .orElseThrow(() -> StripeError.noSuch("event", eventId, "id"));
    String endpoint = r.params().string("webhook_endpoint");
    if (!Events.resend(h, r.caller().accountId(), r.caller().platformId(), eventId, endpoint)) {
      throw StripeError.noSuch("webhook endpoint", endpoint, "webhook_endpoint");
    }
    return Json.parseObject(json);
  }
}

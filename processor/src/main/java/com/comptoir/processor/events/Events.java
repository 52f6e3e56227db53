package com.comptoir.processor.events;

import com.comptoir.processor.api.Ids;
import com.comptoir.processor.api.Json;
import com.comptoir.processor.api.ResourceStore;
import com.comptoir.processor.api.StripeApi;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Publishing events through the transactional outbox (DESIGN: events). Called inside the
 * transaction that makes the change: the event and one delivery per matching webhook endpoint
 * commit with it or not at all, and {@code NOTIFY} wakes the delivery workers on commit.
 */
public final class Events {
  /** PostgreSQL channel that wakes webhook workers when deliveries are committed. */
  public static final String WEBHOOK_CHANNEL = "comptoir_webhooks";

  private Events() {}

  /**
   * Records that {@code type} happened to {@code object} on {@code account}.
   *
   * @param previous the old values of what changed, for {@code *.updated} events, else null
   * @return the event's id
   */
  public static String publish(Handle h, EventContext context, String account, String type, ObjectNode object, ObjectNode previous) {
    if (!EventTypes.known(type)) {
      throw new IllegalArgumentException("unknown event type " + type);
    }
    boolean connected = !account.equals(context.platformId());
    List<String> endpoints = h.createQuery("""
            SELECT id FROM webhook_endpoints
            WHERE NOT deleted AND status = 'enabled'
              AND (:type = ANY (enabled_events) OR '*' = ANY (enabled_events))
              AND ((owner = :platform AND connect = :connected) OR (:connected AND owner = :account AND NOT connect))
            ORDER BY seq""")
        .bind("type", type).bind("platform", context.platformId()).bind("account", account).bind("connected", connected)
        .mapTo(String.class).list();
    String id = Ids.next("evt_");
    ObjectNode event = Json.object();
    event.put("id", id);
    event.put("object", "event");
    if (connected) {
      event.put("account", account);
    }
    event.put("api_version", StripeApi.DEFAULT_VERSION);
    event.put("created", Math.floorDiv(context.nowMillis(), 1000));
    ObjectNode data = event.putObject("data");
    data.set("object", object.deepCopy());
    if (previous != null) {
      data.set("previous_attributes", previous);
    }
    event.put("livemode", false);
    event.put("pending_webhooks", endpoints.size());
    ObjectNode request = event.putObject("request");
    request.put("id", context.requestId());
    request.put("idempotency_key", context.idempotencyKey());
    event.put("type", type);
    ResourceStore.insert(h, account, event);
    if (!endpoints.isEmpty()) {
      var batch = h.prepareBatch("""
          INSERT INTO webhook_deliveries (event_id, endpoint_id, status, first_due_ms, next_attempt_ms, committed_at_ms)
          VALUES (:event, :endpoint, 'pending', :due, :due, :wall)""");
      for (String endpoint : endpoints) {
        batch.bind("event", id).bind("endpoint", endpoint).bind("due", context.nowMillis())
            .bind("wall", System.currentTimeMillis()).add();
      }
      batch.execute();
      h.execute("NOTIFY " + WEBHOOK_CHANNEL);
    }
    return id;
  }
}

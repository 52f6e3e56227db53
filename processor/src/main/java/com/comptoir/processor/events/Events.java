package com.comptoir.processor.events;

import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.Notify;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Publishing events through the transactional outbox (DESIGN: events). Called inside the
 * transaction that makes the change: the event and one delivery per matching webhook endpoint
 * commit with it or not at all (written just before the commit, see {@link PublishOnCommit}), and
 * {@code NOTIFY} wakes the delivery workers on commit.
 */
public final class Events {
  /** PostgreSQL channel that wakes webhook workers when deliveries are committed. */
  public static final String WEBHOOK_CHANNEL = "comptoir_webhooks";

  private Events() {}

  /**
   * Where an event goes: the platform's endpoints for its own events, or its Connect endpoints
   * for a connected account's; and a connected account's own endpoints. Oldest first.
   */
  private static List<String> endpointsFor(Handle h, String platform, String account, boolean connected, String type) {
    List<EndpointCache.Endpoint> found = new ArrayList<>();
    for (EndpointCache.Endpoint e : EndpointCache.of(h, platform)) {
      if (e.connect() == connected && e.wants(type)) {
        found.add(e);
      }
    }
    if (connected) {
      for (EndpointCache.Endpoint e : EndpointCache.of(h, account)) {
        if (!e.connect() && e.wants(type)) {
          found.add(e);
        }
      }
    }
    found.sort(Comparator.comparingLong(EndpointCache.Endpoint::seq));
    return found.stream().map(EndpointCache.Endpoint::id).toList();
  }

  /**
   * Records that {@code type} happened to {@code object} on {@code account}.
   *
   * @param previous the old values of what changed, for {@code *.updated} events, else null
   * @return the event's id
   */
  public static String publish(Handle h, EventContext context, String account, String type, ObjectNode object, ObjectNode previous) {
    return publish(h, context, account, type, object, null, previous);
  }

  /** {@code objectJson}: {@code object} already serialised, spliced into the event as it is, or null. */
  private static String publish(Handle h, EventContext context, String account, String type, ObjectNode object, String objectJson,
      ObjectNode previous) {
    if (!EventTypes.known(type)) {
      throw new IllegalArgumentException("unknown event type " + type);
    }
    boolean connected = !account.equals(context.platformId());
    List<String> endpoints = endpointsFor(h, context.platformId(), account, connected, type);
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
    if (objectJson != null) {
      data.putRawValue("object", new RawValue(objectJson)); // a create's object is serialised once, for its row and its event
    } else {
      data.set("object", object); // no copy: the event is serialised below, before anything changes it
    }
    if (previous != null) {
      data.set("previous_attributes", previous);
    }
    event.put("livemode", false);
    event.put("pending_webhooks", endpoints.size());
    ObjectNode request = event.putObject("request");
    request.put("id", context.requestId());
    request.put("idempotency_key", context.idempotencyKey());
    event.put("type", type);
    // Serialised now: the object may change after this point in the transaction; the event must not.
    // Deliveries are timed in real time (a sandbox's clock advance moves its pending ones earlier, see
    // WebhookDelivery), so one due-ordered outbox serves every sandbox.
    var pending = new PublishOnCommit.Pending(id, account, event.get("created").asLong(), Json.write(event), endpoints,
        System.currentTimeMillis());
    if (h.isInTransaction() && PublishOnCommit.installedOn(h)) {
      PublishOnCommit.add(h, pending);
    } else {
      PublishOnCommit.write(h, List.of(pending));
    }
    return id;
  }

  /**
   * Stores the new {@code object} of {@code account} and publishes {@code type} about it, in one
   * round trip inside a transaction (with the events published before it in that transaction);
   * returns the JSON text stored, for a create to answer with.
   */
  public static String insertAndPublish(Handle h, EventContext context, String account, String type, ObjectNode object) {
    if (!(h.isInTransaction() && PublishOnCommit.installedOn(h))) {
      String json = ResourceStore.insert(h, account, object);
      publish(h, context, account, type, object, null);
      return json;
    }
    String json = Json.write(object);
    publish(h, context, account, type, object, json, null);
    PublishOnCommit.flushWith(h, account, object, json);
    return json;
  }

  /**
   * Sends {@code eventId}, an event of {@code accountId}, again to {@code endpointId} (the Stripe
   * CLI's "events resend", {@code POST /v1/events/{id}/retry}, and the Dashboard's Resend button):
   * a new delivery in the outbox, due now (real time, as every delivery). False, and nothing queued,
   * unless the endpoint is live and belongs to the account or to its platform {@code platformId}.
   */
  public static boolean resend(Handle h, String accountId, String platformId, String eventId, String endpointId) {
    boolean allowed = h.createQuery("SELECT count(*) FROM webhook_endpoints WHERE id = :id AND NOT deleted AND owner IN (:a, :p)")
        .bind("id", endpointId).bind("a", accountId).bind("p", platformId)
        .mapTo(Integer.class).one() == 1;
    if (!allowed) {
      return false;
    }
    h.createUpdate("""
            INSERT INTO webhook_deliveries (event_id, endpoint_id, status, first_due_ms, next_attempt_ms, committed_at_ms)
            VALUES (:event, :endpoint, 'pending', :wall, :wall, :wall)""")
        .bind("event", eventId).bind("endpoint", endpointId).bind("wall", System.currentTimeMillis()).execute();
    Notify.afterCommit(h, WEBHOOK_CHANNEL, "");
    return true;
  }
}

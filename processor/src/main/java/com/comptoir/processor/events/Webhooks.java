package com.comptoir.processor.events;

import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.store.Wakeups;
import com.comptoir.processor.time.ProcessorClock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The events feature as the processor is assembled from it: the outbox that publishes events with
 * the transaction that made them ({@link PublishOnCommit}), the webhook endpoints' cache, the
 * {@code /v1/events} and {@code /v1/webhook_endpoints} APIs, and the delivery worker. What the
 * other features use day to day is {@link Events} (publish, resend) and {@link WebhookEndpoints}.
 */
public final class Webhooks {
  private final EndpointCache endpoints;

  private Webhooks(EndpointCache endpoints) {
    this.endpoints = endpoints;
  }

  /** Hangs the outbox and the endpoint cache on {@code jdbi}; call before any handle copies its configuration. */
  public static Webhooks install(Jdbi jdbi) {
    PublishOnCommit.install(jdbi);
    return new Webhooks(EndpointCache.of(jdbi));
  }

  /** Registers {@code /v1/events} and {@code /v1/webhook_endpoints}. */
  public void register(StripeApi api) {
    EventsApi.register(api);
    WebhookEndpointsApi.register(api);
  }

  /** The notification channels this feature listens on: an event to deliver, an endpoint changed on some instance. */
  public List<String> channels() {
    return List.of(Events.WEBHOOK_CHANNEL, EndpointCache.CHANNEL);
  }

  /**
   * Listens on {@code wakeups} for endpoint changes made on any instance, and starts delivering
   * events; closing the answer lets the deliveries in flight finish, then stops.
   */
  public AutoCloseable startDelivery(Jdbi jdbi, ProcessorClock clock, WebhookSettings settings, Wakeups wakeups) {
    wakeups.onPayload(EndpointCache.CHANNEL, endpoints::evict);
    return new WebhookDelivery(jdbi, clock, settings, wakeups);
  }

  /** After a lost connection to the notifications, no cached endpoint can be trusted. */
  public void forgetCachedEndpoints() {
    endpoints.clear();
  }
}

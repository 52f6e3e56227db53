package com.comptoir.platform.webhooks;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe's webhooks: {@code /webhooks/stripe} for the platform account's own events and
 * {@code /webhooks/stripe/connect} for its connected accounts', each verified with its own signing
 * secret by {@code Webhook.constructEvent}. An event is handled once: its id goes into
 * {@code received_events} in the same transaction as the handling, and a repeated delivery finds
 * it there. The answer is 2xx only after that transaction commits; anything else makes Stripe
 * deliver again.
 */
public final class WebhookRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRoutes.class);

  enum Endpoint {
    PLATFORM,
    CONNECT
  }

  private final Jdbi jdbi;
  private final AtomicReference<SigningSecrets> secrets;
  private final Map<String, EventHandler> platformHandlers;
  private final Map<String, EventHandler> connectHandlers;

  /**
   * @param secrets empty until the endpoints are known (registered at start); deliveries before
   *     that get a 503 and come again
   */
  public WebhookRoutes(Jdbi jdbi, AtomicReference<SigningSecrets> secrets, Map<String, EventHandler> platformHandlers,
      Map<String, EventHandler> connectHandlers) {
    this.jdbi = jdbi;
    this.secrets = secrets;
    this.platformHandlers = Map.copyOf(platformHandlers);
    this.connectHandlers = Map.copyOf(connectHandlers);
  }

  public void register(RoutesConfig routes) {
    routes.post("/webhooks/stripe", ctx -> receive(ctx, Endpoint.PLATFORM));
    routes.post("/webhooks/stripe/connect", ctx -> receive(ctx, Endpoint.CONNECT));
  }

  private void receive(Context ctx, Endpoint endpoint) {
    SigningSecrets known = secrets.get();
    if (known == null) {
      ctx.status(503).result("not ready");
      return;
    }
    Event event;
    try {
      event = Webhook.constructEvent(ctx.body(), ctx.header("Stripe-Signature"),
          endpoint == Endpoint.PLATFORM ? known.platform() : known.connect());
    } catch (SignatureVerificationException | RuntimeException e) { // RuntimeException: a body that is not an event
      LOG.warn("refused a {} webhook: {}", endpoint, e.getMessage());
      ctx.status(400).result("bad signature or payload");
      return;
    }
    if (endpoint == Endpoint.CONNECT && event.getAccount() == null) {
      ctx.status(400).result("a Connect event names its account");
      return;
    }
    EventHandler handler = (endpoint == Endpoint.PLATFORM ? platformHandlers : connectHandlers).get(event.getType());
    try {
      boolean first = jdbi.inTransaction(h -> {
        int inserted = h.createUpdate("""
                INSERT INTO received_events (id, type, account) VALUES (:id, :type, :account) ON CONFLICT (id) DO NOTHING""")
            .bind("id", event.getId()).bind("type", event.getType()).bind("account", event.getAccount()).execute();
        if (inserted == 0) {
          return false;
        }
        if (handler != null) {
          handler.handle(h, event);
        }
        return true;
      });
      ctx.status(200).result(first ? "handled" : "already handled");
    } catch (Exception e) {
      LOG.warn("{} event {} ({}) not handled, Stripe will retry: {}", endpoint, event.getId(), event.getType(), e.toString());
      ctx.status(500).result("not handled yet");
    }
  }
}

package com.comptoir.platform.webhooks;

import com.comptoir.platform.stripe.StripeApi;
import com.stripe.Stripe;
import com.stripe.exception.StripeException;
import com.stripe.model.WebhookEndpoint;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the embedded processor: the platform creates its two webhook endpoints itself, through the
 * API, and keeps their ids and secrets (a secret is shown only on create). A restart reuses them
 * while they exist, repairing their URL, events or disabled state; a deleted one, or one from
 * another API base, is replaced. The endpoints use stripe-java's own API version, so events
 * deserialize into typed objects. With real Stripe the endpoints are made in the Dashboard and
 * their secrets configured instead.
 */
public final class WebhookRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookRegistration.class);

  /** What the platform endpoint hears: the platform's own events, accepted and recorded. */
  static final List<String> PLATFORM_EVENTS = List.of("application_fee.created", "application_fee.refunded");

  private WebhookRegistration() {}

  /**
   * Makes sure both endpoints exist at {@code publicUrl} and returns their secrets.
   *
   * @param connectEvents what the Connect endpoint hears: the events the platform handles for its connected accounts
   */
  public static SigningSecrets ensure(Jdbi jdbi, StripeApi stripe, String publicUrl, String apiBase, Collection<String> connectEvents)
      throws StripeException {
    List<String> connectList = connectEvents.stream().sorted().toList();
    return jdbi.inTransaction(h -> {
      // One instance at a time decides, so several starting together register each endpoint once.
      h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('comptoir.webhook_registration', 0))").mapTo(Integer.class).one();
      String platform = ensure(h, stripe, "platform", publicUrl + "/webhooks/stripe", PLATFORM_EVENTS, false, apiBase);
      String connect = ensure(h, stripe, "connect", publicUrl + "/webhooks/stripe/connect", connectList, true, apiBase);
      return new SigningSecrets(platform, connect);
    });
  }

  private record Kept(String endpointId, String secret, String apiBase) {}

  private static String ensure(Handle h, StripeApi stripe, String purpose, String url, List<String> events, boolean connect,
      String apiBase) throws StripeException {
    Optional<Kept> kept = h.createQuery("SELECT endpoint_id, secret, api_base FROM registered_webhook_endpoints WHERE purpose = :p")
        .bind("p", purpose).map((rs, c) -> new Kept(rs.getString(1), rs.getString(2), rs.getString(3))).findOne();
    if (kept.isPresent() && kept.get().apiBase().equals(apiBase)) {
      Optional<WebhookEndpoint> existing = retrieve(stripe, kept.get().endpointId());
      if (existing.isPresent() && Stripe.API_VERSION.equals(existing.get().getApiVersion())) {
        repair(stripe, existing.get(), url, events);
        return kept.get().secret();
      }
      if (existing.isPresent()) {
        // An endpoint's API version cannot be changed: replace it with one at the SDK's version.
        stripe.client().v1().webhookEndpoints().delete(existing.get().getId());
      }
    }
    WebhookEndpointCreateParams.Builder params = WebhookEndpointCreateParams.builder()
        .setUrl(url)
        .setConnect(connect)
        .setDescription("Comptoir platform (" + purpose + ")")
        .putExtraParam("api_version", Stripe.API_VERSION);
    for (String event : events) {
      params.addEnabledEvent(enabledEvent(event));
    }
    WebhookEndpoint created = stripe.client().v1().webhookEndpoints().create(params.build());
    h.createUpdate("""
            INSERT INTO registered_webhook_endpoints (purpose, endpoint_id, secret, url, api_base) VALUES (:p, :id, :secret, :url, :base)
            ON CONFLICT (purpose) DO UPDATE SET endpoint_id = excluded.endpoint_id, secret = excluded.secret, url = excluded.url,
                api_base = excluded.api_base, created_at = now()""")
        .bind("p", purpose).bind("id", created.getId()).bind("secret", created.getSecret()).bind("url", url).bind("base", apiBase)
        .execute();
    LOG.info("registered the {} webhook endpoint {} at {}", purpose, created.getId(), url);
    return created.getSecret();
  }

  private static Optional<WebhookEndpoint> retrieve(StripeApi stripe, String id) throws StripeException {
    try {
      return Optional.of(stripe.client().v1().webhookEndpoints().retrieve(id));
    } catch (StripeException e) {
      if (StripeApi.isMissing(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static void repair(StripeApi stripe, WebhookEndpoint existing, String url, List<String> events) throws StripeException {
    boolean sameEvents = new HashSet<>(existing.getEnabledEvents()).equals(new HashSet<>(events));
    if (url.equals(existing.getUrl()) && sameEvents && "enabled".equals(existing.getStatus())) {
      return;
    }
    WebhookEndpointUpdateParams.Builder update = WebhookEndpointUpdateParams.builder().setUrl(url).setDisabled(false);
    for (String event : events) {
      update.addEnabledEvent(Arrays.stream(WebhookEndpointUpdateParams.EnabledEvent.values())
          .filter(e -> e.getValue().equals(event)).findFirst().orElseThrow());
    }
    stripe.client().v1().webhookEndpoints().update(existing.getId(), update.build());
    LOG.info("updated the webhook endpoint {} to {}", existing.getId(), url);
  }

  private static WebhookEndpointCreateParams.EnabledEvent enabledEvent(String name) {
    return Arrays.stream(WebhookEndpointCreateParams.EnabledEvent.values())
        .filter(e -> e.getValue().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("stripe-java knows no event " + name));
  }
}

package com.comptoir.processor.events;

import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Ids;
import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Webhook endpoints as rows: what {@code /v1/webhook_endpoints} ({@link WebhookEndpointsApi}) and the
 * Dashboard's Developers → Webhooks both change, through these same writes, each of which tells
 * {@link EndpointCache} on every instance, so the next event is matched against the change and
 * the next delivery attempt is signed with the current secret.
 */
public final class WebhookEndpoints {
  private WebhookEndpoints() {}

  /** One endpoint as stored; {@code status} is {@code enabled} or {@code disabled}. */
  public record Endpoint(long seq, String id, String url, boolean connect, List<String> enabledEvents, String apiVersion,
      String description, String metadata, String status, String secret, long created) {
    static Endpoint of(ResultSet rs) throws SQLException {
      Array events = rs.getArray("enabled_events");
      return new Endpoint(rs.getLong("seq"), rs.getString("id"), rs.getString("url"), rs.getBoolean("connect"),
          List.of((String[]) events.getArray()), rs.getString("api_version"), rs.getString("description"), rs.getString("metadata"),
          rs.getString("status"), rs.getString("secret"), rs.getLong("created"));
    }

    public boolean enabled() {
      return "enabled".equals(status);
    }
  }

  /** {@code url} when it is an http(s) URL with a host, as Stripe takes; else Stripe's {@code url_invalid} on {@code param}. */
  public static String checkedUrl(String url, String param) {
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return url;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw StripeError.invalidRequest("url_invalid", param, "Invalid URL: " + url);
  }

  /** Makes an endpoint with a new signing secret; returns its id. The caller checked the URL and the event types. */
  public static String create(Handle h, String owner, String url, boolean connect, List<String> events, String apiVersion,
      String description, String metadataJson, long createdSeconds) {
    String id = Ids.next("we_");
    h.createUpdate("""
            INSERT INTO webhook_endpoints (id, owner, url, connect, enabled_events, api_version, description, metadata, status, secret, created)
            VALUES (:id, :owner, :url, :connect, :events, :version, :description, CAST(:metadata AS jsonb), 'enabled', :secret, :created)""")
        .bind("id", id).bind("owner", owner).bind("url", url).bind("connect", connect)
        .bind("events", events.toArray(String[]::new)).bind("version", apiVersion).bind("description", description)
        .bind("metadata", metadataJson).bind("secret", newSecret()).bind("created", createdSeconds)
        .execute();
    EndpointCache.changed(h, owner);
    return id;
  }

  /** Replaces what an update may change of {@code endpoint} (its id and owner stay). */
  public static void update(Handle h, String owner, Endpoint endpoint) {
    h.createUpdate("""
            UPDATE webhook_endpoints SET url = :url, enabled_events = :events, description = :description, status = :status,
                metadata = CAST(:metadata AS jsonb) WHERE id = :id AND owner = :owner""")
        .bind("url", endpoint.url()).bind("events", endpoint.enabledEvents().toArray(String[]::new))
        .bind("description", endpoint.description()).bind("status", endpoint.status()).bind("metadata", endpoint.metadata())
        .bind("id", endpoint.id()).bind("owner", owner).execute();
    EndpointCache.changed(h, owner);
  }

  /** Deletes the endpoint; deliveries still waiting for it will never be made. */
  public static void delete(Handle h, String owner, String id) {
    h.createUpdate("UPDATE webhook_endpoints SET deleted = true WHERE id = :id AND owner = :owner").bind("id", id).bind("owner", owner).execute();
    EndpointCache.changed(h, owner);
    h.createUpdate("UPDATE webhook_deliveries SET status = 'failed' WHERE endpoint_id = :id AND status = 'pending'").bind("id", id).execute();
  }

  /**
   * A new signing secret for the endpoint, used from its next delivery attempt on (Stripe's "Roll
   * secret" with the old one expiring now); returns it, or empty when there is no such endpoint.
   */
  public static Optional<String> rollSecret(Handle h, String owner, String id) {
    String secret = newSecret();
    int updated = h.createUpdate("UPDATE webhook_endpoints SET secret = :secret WHERE id = :id AND owner = :owner AND NOT deleted")
        .bind("secret", secret).bind("id", id).bind("owner", owner).execute();
    if (updated == 0) {
      return Optional.empty();
    }
    EndpointCache.changed(h, owner);
    return Optional.of(secret);
  }

  public static Optional<Endpoint> find(Handle h, String owner, String id, boolean forUpdate) {
    return h.createQuery("SELECT * FROM webhook_endpoints WHERE id = :id AND owner = :o AND NOT deleted" + (forUpdate ? " FOR UPDATE" : ""))
        .bind("id", id).bind("o", owner).map((rs, ctx) -> Endpoint.of(rs)).findOne();
  }

  /** {@code owner}'s endpoints older than {@code afterSeq} (0: from the newest), newest first, at most {@code limit}. */
  public static List<Endpoint> page(Handle h, String owner, long afterSeq, int limit) {
    return h.createQuery("SELECT * FROM webhook_endpoints WHERE owner = :o AND NOT deleted"
            + (afterSeq > 0 ? " AND seq < :after" : "") + " ORDER BY seq DESC LIMIT :limit")
        .bind("o", owner).bind("after", afterSeq).bind("limit", limit).map((rs, ctx) -> Endpoint.of(rs)).list();
  }

  private static String newSecret() {
    return "whsec_" + Ids.random(32);
  }
}

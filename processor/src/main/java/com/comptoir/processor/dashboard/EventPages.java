package com.comptoir.processor.dashboard;

import com.comptoir.processor.events.Events;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Developers → Events of the platform's Dashboard: the events of the platform and of every
 * connected account, newest first, paged by cursor and filtered by type ({@code charge.*} as the
 * API's filter) and account; an event's page shows its JSON and every delivery attempt of it
 * (read from what the webhook worker records), with a Resend button that queues a delivery
 * through {@link Events#resend}, the code {@code POST /v1/events/{id}/retry} runs.
 */
public final class EventPages {
  static final int PAGE_SIZE = 25;
  private static final int MAX_FILTER_LENGTH = 255;

  private final Jdbi jdbi;
  private final ProcessorClock clock;
  private final PlatformPages platform;

  private EventPages(Jdbi jdbi, ProcessorClock clock, PlatformPages platform) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.platform = platform;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, PlatformPages platform) {
    EventPages pages = new EventPages(jdbi, clock, platform);
    config.routes.get("/dashboard/events", ctx -> platform.withPlatform(ctx, "/dashboard/events", (s, nav) -> pages.list(ctx, s.accountId(), nav)));
    config.routes.get("/dashboard/events/{id}", ctx -> platform.withPlatform(ctx, "/dashboard/events",
        (s, nav) -> pages.show(ctx, 200, s.accountId(), nav, resentNotice(ctx.queryParam("resent")))));
    config.routes.post("/dashboard/events/{id}/resend", ctx -> platform.withPlatform(ctx, "/dashboard/events",
        (s, nav) -> pages.resend(ctx, s.accountId(), nav)));
  }

  public record Row(String id, String type, String account, String created, int pendingWebhooks) {}

  private void list(Context ctx, String platformId, PlatformNav nav) {
    String type = filter(ctx.queryParam("type"));
    String account = filter(ctx.queryParam("account"));
    IdCursor cursor = IdCursor.of(ctx);
    IdCursor.Page<Row> page = cursor.page(jdbi.withHandle(h -> page(h, platformId, type, account, cursor.after(), cursor.before())),
        PAGE_SIZE, Row::id, "/dashboard/events?" + DashboardLinks.query("type", type, "account", account));
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("rows", page.rows());
    params.put("type", type);
    params.put("account", account);
    params.put("olderUrl", page.olderUrl());
    params.put("newerUrl", page.newerUrl());
    Pages.render(ctx, 200, "dashboard/platform/events.jte", params);
  }

  /** One more row than a page, so the page knows whether another follows. */
  private static List<Row> page(Handle h, String platformId, String type, String account, String after, String before) {
    StringBuilder sql = new StringBuilder("""
        SELECT r.id, r.owner, r.created, r.body ->> 'type' AS type, coalesce((r.body ->> 'pending_webhooks')::int, 0) AS pending
        FROM resources r
        WHERE r.object = 'event' AND r.owner IN (SELECT id FROM accounts WHERE id = :platform OR platform_id = :platform)""");
    if (!type.isEmpty()) {
      sql.append(type.endsWith(".*") ? " AND (r.body ->> 'type') LIKE :type_prefix" : " AND (r.body ->> 'type') = :type");
    }
    if (!account.isEmpty()) {
      sql.append(" AND r.owner = :account");
    }
    if (!after.isEmpty()) {
      sql.append(" AND r.seq < (SELECT seq FROM resources WHERE id = :after AND object = 'event') ORDER BY r.seq DESC");
    } else if (!before.isEmpty()) {
      sql.append(" AND r.seq > (SELECT seq FROM resources WHERE id = :before AND object = 'event') ORDER BY r.seq ASC");
    } else {
      sql.append(" ORDER BY r.seq DESC");
    }
    sql.append(" LIMIT ").append(PAGE_SIZE + 1);
    Query q = h.createQuery(sql.toString()).bind("platform", platformId).bind("type", type)
        .bind("type_prefix", type.endsWith(".*") ? type.substring(0, type.length() - 1).replace("\\", "\\\\").replace("_", "\\_")
            .replace("%", "\\%") + "%" : "")
        .bind("account", account).bind("after", after).bind("before", before);
    return q.map((rs, c) -> new Row(rs.getString("id"), rs.getString("type"), rs.getString("owner"),
        DashboardLinks.time(rs.getLong("created")), rs.getInt("pending"))).list();
  }

  public record Attempt(String time, String httpStatus, boolean ok, int durationMs, String response, String error) {}

  public record Delivery(long id, String endpointId, String url, String status, String nextRetry, List<Attempt> attempts) {}

  private record Event(String id, String owner, String json) {}

  /** After a resend's redirect: which endpoint the event was queued for (only an endpoint id is echoed). */
  private static String resentNotice(String endpoint) {
    return endpoint != null && endpoint.matches("we_[A-Za-z0-9]{1,64}")
        ? "Sent again: a new delivery to " + endpoint + " is on its way; reload to see its attempt." : null;
  }

  private void show(Context ctx, int status, String platformId, PlatformNav nav, String notice) {
    String id = ctx.pathParam("id");
    Optional<Event> event = jdbi.withHandle(h -> event(h, platformId, id));
    if (event.isEmpty()) {
      Pages.message(ctx, 404, "There is no such event", "No event " + id + " belongs to your platform or its connected accounts.",
          "/dashboard/events", "All events");
      return;
    }
    List<Delivery> deliveries = jdbi.withHandle(h -> deliveries(h, id));
    var body = Json.parseObject(event.get().json());
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("id", id);
    params.put("type", body.path("type").asText());
    params.put("account", event.get().owner());
    params.put("created", DashboardLinks.time(body.path("created").asLong()));
    params.put("json", DashboardLinks.pretty(body));
    params.put("deliveries", deliveries);
    params.put("notice", notice);
    params.put("csrf", nav.csrf());
    Pages.render(ctx, status, "dashboard/platform/event.jte", params);
  }

  private static Optional<Event> event(Handle h, String platformId, String id) {
    return h.createQuery("""
            SELECT r.id, r.owner, r.body::text FROM resources r
            WHERE r.id = :id AND r.object = 'event'
              AND r.owner IN (SELECT id FROM accounts WHERE id = :platform OR platform_id = :platform)""")
        .bind("id", id).bind("platform", platformId)
        .map((rs, c) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3))).findOne();
  }

  /** Every delivery of the event, oldest first, each with its attempts (time, status, duration, the first KB of the answer). */
  private static List<Delivery> deliveries(Handle h, String eventId) {
    record D(long id, String endpointId, String url, String status, long nextAttemptMs) {}
    List<D> found = h.createQuery("""
            SELECT d.id, d.endpoint_id, e.url, d.status, d.next_attempt_ms FROM webhook_deliveries d
            JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.event_id = :event ORDER BY d.id""")
        .bind("event", eventId)
        .map((rs, c) -> new D(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5))).list();
    List<Delivery> out = new ArrayList<>();
    for (D d : found) {
      List<Attempt> attempts = h.createQuery("""
              SELECT attempted_at, http_status, latency_ms, response, error FROM webhook_attempts
              WHERE delivery_id = :d ORDER BY id""")
          .bind("d", d.id())
          .map((rs, c) -> {
            Integer status = (Integer) rs.getObject(2);
            return new Attempt(DashboardLinks.time(rs.getLong(1)), status == null ? "no answer" : status.toString(),
                status != null && status >= 200 && status < 300, rs.getInt(3), rs.getString(4), rs.getString(5));
          }).list();
      String nextRetry = "pending".equals(d.status()) ? DashboardLinks.time(Math.floorDiv(d.nextAttemptMs(), 1000)) : null;
      out.add(new Delivery(d.id(), d.endpointId(), d.url(), d.status(), nextRetry, attempts));
    }
    return out;
  }

  private void resend(Context ctx, String platformId, PlatformNav nav) {
    String id = ctx.pathParam("id");
    String endpoint = filter(ctx.formParam("webhook_endpoint"));
    Optional<Boolean> queued = jdbi.inTransaction(h -> event(h, platformId, id)
        .map(e -> Events.resend(h, e.owner(), platformId, id, endpoint)));
    if (queued.isEmpty()) {
      Pages.message(ctx, 404, "There is no such event", "No event " + id + " belongs to your platform or its connected accounts.",
          "/dashboard/events", "All events");
    } else if (!queued.get()) {
      show(ctx, 400, platformId, nav, "That webhook endpoint no longer exists, so nothing was sent.");
    } else {
      // Post/redirect/get: a reload of the event's page does not send it once more.
      ctx.redirect("/dashboard/events/" + id + "?resent=" + endpoint, HttpStatus.SEE_OTHER);
    }
  }

  /** A typed filter or cursor: trimmed, bounded, NUL-free (PostgreSQL cannot hold a NUL). */
  private static String filter(String value) {
    if (value == null) {
      return "";
    }
    String v = value.strip().replace("\0", "");
    return v.length() > MAX_FILTER_LENGTH ? v.substring(0, MAX_FILTER_LENGTH) : v;
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Json;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Developers → Logs of the platform's Dashboard: the API requests its keys made (kept, redacted
 * and bounded by {@code logs.RequestLog}), newest first, paged by cursor and filtered by status,
 * path and account; a request's page shows its headers, parameters and the answer it got.
 */
public final class LogPages {
  static final int PAGE_SIZE = 50;
  private static final int MAX_FILTER_LENGTH = 255;

  private final Jdbi jdbi;

  private LogPages(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static void install(JavalinConfig config, Jdbi jdbi, PlatformPages platform) {
    LogPages pages = new LogPages(jdbi);
    config.routes.get("/dashboard/logs", ctx -> platform.withPlatform(ctx, "/dashboard/logs", (s, nav) -> pages.list(ctx, s.accountId(), nav)));
    config.routes.get("/dashboard/logs/{id}", ctx -> platform.withPlatform(ctx, "/dashboard/logs", (s, nav) -> pages.show(ctx, s.accountId(), nav)));
  }

  public record Row(long seq, String requestId, String time, String method, String path, int status, String account, int durationMs) {
    public boolean failed() {
      return status >= 400;
    }
  }

  public record Option(String value, String label) {}

  public static final List<Option> STATUSES = List.of(new Option("", "All"), new Option("succeeded", "Succeeded (2xx)"),
      new Option("failed", "Failed (4xx and 5xx)"));

  private void list(Context ctx, String platformId, PlatformNav nav) {
    String status = filter(ctx.queryParam("status"));
    String path = filter(ctx.queryParam("path"));
    String account = filter(ctx.queryParam("account"));
    long after = cursor(ctx.queryParam("after"));
    long before = after > 0 ? 0 : cursor(ctx.queryParam("before"));
    List<Row> rows = jdbi.withHandle(h -> page(h, platformId, status, path, account, after, before));
    boolean more = rows.size() > PAGE_SIZE;
    List<Row> shown = new ArrayList<>(rows.subList(0, Math.min(rows.size(), PAGE_SIZE)));
    if (before > 0) {
      Collections.reverse(shown);
    }
    boolean older = before > 0 ? !shown.isEmpty() : more;
    boolean newer = before > 0 ? more : after > 0 && !shown.isEmpty();
    String query = DashboardLinks.query("status", status, "path", path, "account", account);
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("rows", shown);
    params.put("status", status);
    params.put("path", path);
    params.put("account", account);
    params.put("olderUrl", older && !shown.isEmpty() ? "/dashboard/logs?" + query + "after=" + shown.getLast().seq() : null);
    params.put("newerUrl", newer && !shown.isEmpty() ? "/dashboard/logs?" + query + "before=" + shown.getFirst().seq() : null);
    Pages.render(ctx, 200, "dashboard/platform/logs.jte", params);
  }

  private static List<Row> page(Handle h, String platformId, String status, String path, String account, long after, long before) {
    StringBuilder sql = new StringBuilder("""
        SELECT id, request_id, created_ms, method, path, status, account_id, duration_ms FROM api_request_logs
        WHERE platform_id = :platform""");
    switch (status) {
      case "succeeded" -> sql.append(" AND status < 400");
      case "failed" -> sql.append(" AND status >= 400");
      default -> {
        if (status.matches("[1-5][0-9]{2}")) {
          sql.append(" AND status = ").append(Integer.parseInt(status));
        }
      }
    }
    if (!path.isEmpty()) {
      sql.append(" AND path LIKE :path ESCAPE '\\'"); // a path beginning with what was typed
    }
    if (!account.isEmpty()) {
      sql.append(" AND account_id = :account");
    }
    if (after > 0) {
      sql.append(" AND id < :after ORDER BY id DESC");
    } else if (before > 0) {
      sql.append(" AND id > :before ORDER BY id ASC");
    } else {
      sql.append(" ORDER BY id DESC");
    }
    sql.append(" LIMIT ").append(PAGE_SIZE + 1);
    return h.createQuery(sql.toString()).bind("platform", platformId)
        .bind("path", path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        .bind("account", account).bind("after", after).bind("before", before)
        .map((rs, c) -> new Row(rs.getLong(1), rs.getString(2), DashboardLinks.time(Math.floorDiv(rs.getLong(3), 1000)), rs.getString(4),
            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getInt(8))).list();
  }

  public record Detail(String requestId, String time, String method, String path, int status, String account, String stripeAccount,
      String idempotencyKey, int durationMs, String params, String response) {}

  private void show(Context ctx, String platformId, PlatformNav nav) {
    String id = ctx.pathParam("id");
    Optional<Detail> detail = jdbi.withHandle(h -> h.createQuery("""
            SELECT request_id, created_ms, method, path, status, account_id, stripe_account, idempotency_key, duration_ms, params, response
            FROM api_request_logs WHERE request_id = :id AND platform_id = :platform ORDER BY id DESC LIMIT 1""")
        .bind("id", id).bind("platform", platformId)
        .map((rs, c) -> new Detail(rs.getString(1), DashboardLinks.time(Math.floorDiv(rs.getLong(2), 1000)), rs.getString(3),
            rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
            pretty(rs.getString(10)), pretty(rs.getString(11))))
        .findOne());
    if (detail.isEmpty()) {
      Pages.message(ctx, 404, "There is no such request", "No request " + id + " of your platform is in the log: it may be older than"
          + " the log keeps.", "/dashboard/logs", "All requests");
      return;
    }
    Pages.render(ctx, 200, "dashboard/platform/log.jte", Map.of("nav", nav, "r", detail.get()));
  }

  /** JSON indented for reading; anything else (a cut-short answer) as it is. */
  private static String pretty(String text) {
    try {
      return DashboardLinks.pretty(Json.parse(text));
    } catch (RuntimeException e) {
      return text;
    }
  }

  private static long cursor(String value) {
    return value != null && value.matches("[0-9]{1,18}") ? Long.parseLong(value) : 0;
  }

  private static String filter(String value) {
    if (value == null) {
      return "";
    }
    String v = value.strip().replace("\0", "");
    return v.length() > MAX_FILTER_LENGTH ? v.substring(0, MAX_FILTER_LENGTH) : v;
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform Dashboard's search box: any id the processor issues opens its page, looked up only
 * among the platform's own objects and its connected accounts' (another platform's id is simply not
 * found, as the API answers). An object with no page of its own (a product, a payout, a checkout
 * session) is shown as it is stored, with the account that owns it; an unknown id is said to be so.
 */
public final class SearchPage {
  static final String PATH = "/dashboard/search";

  private final Jdbi jdbi;

  private SearchPage(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static void install(JavalinConfig config, Jdbi jdbi, PlatformPages platform) {
    SearchPage page = new SearchPage(jdbi);
    config.routes.get(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> page.search(ctx, s.accountId(), nav)));
  }

  /** What an id turned out to be: where to send the browser, or what to show here. */
  private sealed interface Found {
    record Page(String path) implements Found {}

    record Shown(String object, String owner, String json) implements Found {}

    record Endpoint(String url) implements Found {}
  }

  private void search(Context ctx, String platformId, PlatformNav nav) {
    String q = DashboardFilters.text(ctx.queryParam("q"));
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("q", q);
    params.put("object", null);
    params.put("owner", null);
    params.put("json", null);
    params.put("message", null);
    if (q.isEmpty()) {
      params.put("message", "Type or paste an id: acct_…, pi_…, ch_…, evt_…, req_… or any other the processor gives.");
      Pages.render(ctx, 200, "dashboard/platform/search.jte", params);
      return;
    }
    Optional<Found> found = jdbi.withHandle(h -> find(h, platformId, q));
    switch (found.orElse(null)) {
      case Found.Page p -> ctx.redirect(p.path(), HttpStatus.SEE_OTHER);
      case Found.Shown s -> {
        params.put("object", s.object());
        params.put("owner", s.owner());
        params.put("json", s.json());
        params.put("message", "There is no page for this kind of object (" + s.object() + ") in the Dashboard: here it is as the API"
            + " returns it.");
        Pages.render(ctx, 200, "dashboard/platform/search.jte", params);
      }
      case Found.Endpoint e -> {
        params.put("message", q + " is one of your webhook endpoints, sending to " + e.url()
            + ". Its events' deliveries are on each event's page, under Developers: Events.");
        Pages.render(ctx, 200, "dashboard/platform/search.jte", params);
      }
      case null -> {
        params.put("message", "Nothing with the id " + q + " belongs to your platform or its connected accounts.");
        Pages.render(ctx, 404, "dashboard/platform/search.jte", params);
      }
    }
  }

  private static Optional<Found> find(Handle h, String platformId, String id) {
    if (id.equals(platformId)) {
      return Optional.of(new Found.Page("/dashboard"));
    }
    if (id.startsWith("req_")) {
      return h.createQuery("SELECT request_id FROM api_request_logs WHERE request_id = :id AND platform_id = :platform LIMIT 1")
          .bind("id", id).bind("platform", platformId).mapTo(String.class).findOne().map(r -> new Found.Page(IdLinks.href(r)));
    }
    if (id.startsWith("we_")) {
      return h.createQuery("""
              SELECT url FROM webhook_endpoints WHERE id = :id AND NOT deleted
                AND owner IN (SELECT id FROM accounts WHERE id = :platform OR platform_id = :platform)""")
          .bind("id", id).bind("platform", platformId).mapTo(String.class).findOne().map(Found.Endpoint::new);
    }
    record Stored(String owner, String object, ObjectNode body) {}
    Optional<Stored> stored = h.createQuery("""
            SELECT owner, object, body::text FROM resources
            WHERE id = :id AND owner IN (SELECT id FROM accounts WHERE id = :platform OR platform_id = :platform)""")
        .bind("id", id).bind("platform", platformId)
        .map((rs, c) -> new Stored(rs.getString(1), rs.getString(2), Json.parseObject(rs.getString(3)))).findOne();
    return stored.map(s -> switch (s.object()) {
      case "account", "payment_intent", "charge", "event" -> new Found.Page(IdLinks.href(id));
      // the objects of a payment's timeline open the payment's page
      case "refund", "dispute", "application_fee" -> new Found.Page(IdLinks.href(s.body().path("charge").asText(id)));
      case "balance_transaction" -> s.body().path("source").asText("").matches("(ch|py)_[A-Za-z0-9]+")
          ? new Found.Page(IdLinks.href(s.body().path("source").asText()))
          : new Found.Shown(s.object(), s.owner(), DashboardLinks.pretty(s.body()));
      default -> new Found.Shown(s.object(), s.owner(), DashboardLinks.pretty(s.body()));
    });
  }
}

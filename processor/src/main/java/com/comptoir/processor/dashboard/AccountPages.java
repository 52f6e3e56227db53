package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Json;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Connected accounts in the platform's Dashboard: the platform's accounts, newest first, paged by
 * cursor and filtered by type, state and country, each with where it stands and what it still
 * needs in words; an account's page ({@link AccountView}) and its actions ({@link AccountActions}).
 */
public final class AccountPages {
  static final int PAGE_SIZE = 25;
  static final String PATH = "/dashboard/accounts";

  private final Jdbi jdbi;

  private AccountPages(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, PlatformPages platform) {
    AccountPages pages = new AccountPages(jdbi);
    AccountActions actions = new AccountActions(jdbi, clock);
    config.routes.get(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.list(ctx, s.accountId(), nav)));
    config.routes.get(PATH + "/{id}", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> {
      if (ctx.pathParam("id").equals(s.accountId())) {
        ctx.redirect("/dashboard"); // the platform's own account: its Home
      } else {
        AccountView.render(ctx, jdbi, 200, s.accountId(), nav, ctx.pathParam("id"), AccountView.Outcome.NONE);
      }
    }));
    config.routes.post(PATH + "/{id}/account_link", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> actions.accountLink(ctx, s, nav)));
    config.routes.post(PATH + "/{id}/reject", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> actions.reject(ctx, s, nav)));
    config.routes.post(PATH + "/{id}/login_link", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> actions.loginLink(ctx, s, nav)));
  }

  public record Row(String id, String name, String type, String country, boolean chargesEnabled, boolean payoutsEnabled,
      String state, String requirements, String created) {}

  public record Option(String value, String label) {}

  public static final List<Option> TYPES = List.of(new Option("", "All"), new Option("standard", "Standard"),
      new Option("express", "Express"), new Option("custom", "Custom"));

  public static final List<Option> STATES = List.of(new Option("", "All"), new Option("enabled", "Enabled"),
      new Option("restricted", "Restricted"), new Option("rejected", "Rejected"));

  private void list(Context ctx, String platformId, PlatformNav nav) {
    String type = DashboardFilters.text(ctx.queryParam("type"));
    String state = DashboardFilters.text(ctx.queryParam("state"));
    String country = DashboardFilters.text(ctx.queryParam("country")).toUpperCase(java.util.Locale.ROOT);
    IdCursor cursor = IdCursor.of(ctx);
    IdCursor.Page<Row> page = cursor.page(jdbi.withHandle(h -> page(h, platformId, type, state, country, cursor.after(), cursor.before())),
        PAGE_SIZE, Row::id, PATH + "?" + DashboardLinks.query("type", type, "state", state, "country", country));
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("rows", page.rows());
    params.put("type", type);
    params.put("state", state);
    params.put("country", country);
    params.put("olderUrl", page.olderUrl());
    params.put("newerUrl", page.newerUrl());
    Pages.render(ctx, 200, "dashboard/platform/accounts.jte", params);
  }

  /**
   * One more row than a page; newest first through the platform's (owner, object, seq) index: a
   * connected account's document is the platform's, and seq keeps the order of accounts made in
   * the same second.
   */
  private static List<Row> page(Handle h, String platformId, String type, String state, String country, String after, String before) {
    StringBuilder sql = new StringBuilder("""
        SELECT r.body::text FROM resources r JOIN accounts a ON a.id = r.id
        WHERE r.owner = :platform AND r.object = 'account' AND a.platform_id = :platform AND NOT a.deleted""");
    if (!type.isEmpty()) {
      sql.append(" AND (r.body ->> 'type') = :type");
    }
    if (!country.isEmpty()) {
      sql.append(" AND (r.body ->> 'country') = :country");
    }
    switch (state) {
      case "enabled" -> sql.append(" AND (r.body ->> 'charges_enabled')::boolean AND (r.body ->> 'payouts_enabled')::boolean");
      case "restricted" -> sql.append(" AND NOT ((r.body ->> 'charges_enabled')::boolean AND (r.body ->> 'payouts_enabled')::boolean)"
          + " AND coalesce(r.body #>> '{requirements,disabled_reason}', '') NOT LIKE 'rejected.%'");
      case "rejected" -> sql.append(" AND (r.body #>> '{requirements,disabled_reason}') LIKE 'rejected.%'");
      default -> { }
    }
    if (!after.isEmpty()) {
      sql.append(" AND r.seq < (SELECT seq FROM resources WHERE id = :after AND object = 'account') ORDER BY r.seq DESC");
    } else if (!before.isEmpty()) {
      sql.append(" AND r.seq > (SELECT seq FROM resources WHERE id = :before AND object = 'account') ORDER BY r.seq ASC");
    } else {
      sql.append(" ORDER BY r.seq DESC");
    }
    sql.append(" LIMIT ").append(PAGE_SIZE + 1);
    return h.createQuery(sql.toString()).bind("platform", platformId).bind("type", type).bind("country", country)
        .bind("after", after).bind("before", before)
        .mapTo(String.class).map(Json::parseObject).map(AccountPages::row).list();
  }

  private static Row row(ObjectNode a) {
    JsonNode req = a.path("requirements");
    return new Row(a.path("id").asText(), Overview.businessName(a), a.path("type").asText(), a.path("country").asText(),
        a.path("charges_enabled").asBoolean(), a.path("payouts_enabled").asBoolean(), state(a), RequirementWords.summary(req),
        DashboardLinks.time(a.path("created").asLong()));
  }

  /** Where the account stands, in a word or a few: Enabled, or why it is not. */
  static String state(JsonNode a) {
    String disabled = RequirementWords.disabledReason(a.at("/requirements/disabled_reason").asText(null));
    if (disabled != null) {
      return disabled;
    }
    if (a.path("charges_enabled").asBoolean() && a.path("payouts_enabled").asBoolean()) {
      return "Enabled";
    }
    return a.path("details_submitted").asBoolean() ? "Restricted: more information needed" : "Onboarding not finished";
  }

  /** The platform's connected account {@code id}, if it is one (never another platform's, never the platform itself). */
  static Optional<ObjectNode> find(Handle h, String platformId, String id) {
    return h.createQuery("""
            SELECT r.body::text FROM accounts a JOIN resources r ON r.id = a.id AND r.object = 'account'
            WHERE a.id = :id AND a.platform_id = :platform AND NOT a.deleted""")
        .bind("id", id).bind("platform", platformId).mapTo(String.class).findOne().map(Json::parseObject);
  }
}

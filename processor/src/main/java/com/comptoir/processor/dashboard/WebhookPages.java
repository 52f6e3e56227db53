package com.comptoir.processor.dashboard;

import com.comptoir.processor.events.WebhookEndpoints;
import com.comptoir.processor.events.WebhookEndpoints.Endpoint;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Developers → Webhooks of the platform's Dashboard: its endpoints, paged by cursor, a form that
 * adds one, and an endpoint's page that changes its events and description, disables, enables or
 * deletes it, and reveals or rolls its signing secret. Every change is one of {@link WebhookEndpoints}'
 * writes, the ones {@code /v1/webhook_endpoints} makes, so deliveries follow it at once. A secret
 * is shown only in answer to a POST (no-store), never in a URL.
 */
public final class WebhookPages {
  static final String PATH = "/dashboard/webhooks";
  static final int PAGE_SIZE = 50;

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  private WebhookPages(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, PlatformPages platform) {
    WebhookPages pages = new WebhookPages(jdbi, clock);
    config.routes.get(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) ->
        pages.list(ctx, 200, s.accountId(), nav, EndpointForm.blank(), "deleted".equals(ctx.queryParam("done")) ? "The endpoint is deleted." : null)));
    config.routes.post(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.create(ctx, s.accountId(), nav)));
    config.routes.get(PATH + "/{id}", ctx -> platform.withPlatform(ctx, PATH, (s, nav) ->
        pages.show(ctx, 200, s.accountId(), nav, notice(ctx.queryParam("done")), null, false)));
    config.routes.post(PATH + "/{id}/events", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.edit(ctx, s.accountId(), nav)));
    config.routes.post(PATH + "/{id}/status", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.status(ctx, s.accountId())));
    config.routes.post(PATH + "/{id}/delete", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.delete(ctx, s.accountId())));
    config.routes.post(PATH + "/{id}/reveal", ctx -> platform.withPlatform(ctx, PATH, (s, nav) ->
        pages.show(ctx, 200, s.accountId(), nav, null, null, true)));
    config.routes.post(PATH + "/{id}/roll", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.roll(ctx, s.accountId())));
  }

  private static String notice(String done) {
    return switch (done == null ? "" : done) {
      case "created" -> "The endpoint is added. Reveal its signing secret below to verify what it receives.";
      case "events" -> "The endpoint's events are saved; the next events follow them.";
      case "enabled" -> "The endpoint is enabled: events are sent to it again.";
      case "disabled" -> "The endpoint is disabled: no events are sent to it until you enable it.";
      case "rolled" -> "The signing secret is rolled: deliveries from now on are signed with the new one. Reveal it below.";
      default -> null;
    };
  }

  private void list(Context ctx, int status, String platformId, PlatformNav nav, EndpointForm form, String notice) {
    long after = ctx.queryParam("after") != null && ctx.queryParam("after").matches("[0-9]{1,18}") ? Long.parseLong(ctx.queryParam("after")) : 0;
    List<Endpoint> rows = jdbi.withHandle(h -> WebhookEndpoints.page(h, platformId, after, PAGE_SIZE + 1));
    List<Endpoint> shown = rows.subList(0, Math.min(rows.size(), PAGE_SIZE));
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("rows", shown);
    params.put("form", form);
    params.put("notice", notice);
    params.put("olderUrl", rows.size() > PAGE_SIZE ? PATH + "?after=" + shown.getLast().seq() : null);
    params.put("firstUrl", after > 0 ? PATH : null);
    Pages.render(ctx, status, "dashboard/platform/webhooks.jte", params);
  }

  private void create(Context ctx, String platformId, PlatformNav nav) {
    EndpointForm form = EndpointForm.read(ctx, true);
    if (!form.errors.isEmpty()) {
      list(ctx, 400, platformId, nav, form, null);
      return;
    }
    String description = form.value("description").isEmpty() ? null : form.value("description");
    String id = jdbi.inTransaction(h -> WebhookEndpoints.create(h, platformId, form.value("url"), form.connect(), form.enabledEvents(),
        form.value("api_version"), description, "{}", clock.now(platformId)));
    ctx.redirect(PATH + "/" + id + "?done=created", HttpStatus.SEE_OTHER);
  }

  private void edit(Context ctx, String platformId, PlatformNav nav) {
    EndpointForm form = EndpointForm.read(ctx, false);
    if (!form.errors.isEmpty()) {
      show(ctx, 400, platformId, nav, null, form, false);
      return;
    }
    String description = form.value("description").isEmpty() ? null : form.value("description");
    change(ctx, platformId, "events", e -> new Endpoint(e.seq(), e.id(), e.url(), e.connect(), form.enabledEvents(), e.apiVersion(),
        description, e.metadata(), e.status(), e.secret(), e.created()));
  }

  private void status(Context ctx, String platformId) {
    boolean enable = "enabled".equals(ctx.formParam("status"));
    change(ctx, platformId, enable ? "enabled" : "disabled", e -> new Endpoint(e.seq(), e.id(), e.url(), e.connect(), e.enabledEvents(),
        e.apiVersion(), e.description(), e.metadata(), enable ? "enabled" : "disabled", e.secret(), e.created()));
  }

  private void change(Context ctx, String platformId, String done, java.util.function.UnaryOperator<Endpoint> changed) {
    String id = ctx.pathParam("id");
    boolean found = jdbi.inTransaction(h -> {
      Optional<Endpoint> e = WebhookEndpoints.find(h, platformId, id, true);
      e.ifPresent(endpoint -> WebhookEndpoints.update(h, platformId, changed.apply(endpoint)));
      return e.isPresent();
    });
    if (!found) {
      missing(ctx, id);
      return;
    }
    ctx.redirect(PATH + "/" + id + "?done=" + done, HttpStatus.SEE_OTHER);
  }

  private void delete(Context ctx, String platformId) {
    String id = ctx.pathParam("id");
    boolean found = jdbi.inTransaction(h -> {
      boolean present = WebhookEndpoints.find(h, platformId, id, true).isPresent();
      if (present) {
        WebhookEndpoints.delete(h, platformId, id);
      }
      return present;
    });
    if (!found) {
      missing(ctx, id);
      return;
    }
    ctx.redirect(PATH + "?done=deleted", HttpStatus.SEE_OTHER);
  }

  private void roll(Context ctx, String platformId) {
    String id = ctx.pathParam("id");
    if (jdbi.inTransaction(h -> WebhookEndpoints.rollSecret(h, platformId, id)).isEmpty()) {
      missing(ctx, id);
      return;
    }
    ctx.redirect(PATH + "/" + id + "?done=rolled", HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, int status, String platformId, PlatformNav nav, String notice, EndpointForm typed, boolean reveal) {
    String id = ctx.pathParam("id");
    Optional<Endpoint> endpoint = jdbi.withHandle(h -> WebhookEndpoints.find(h, platformId, id, false));
    if (endpoint.isEmpty()) {
      missing(ctx, id);
      return;
    }
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("e", endpoint.get());
    params.put("created", DashboardLinks.time(endpoint.get().created()));
    params.put("form", typed != null ? typed : EndpointForm.of(endpoint.get()));
    params.put("notice", notice);
    params.put("secret", reveal ? endpoint.get().secret() : null);
    Pages.render(ctx, status, "dashboard/platform/webhook.jte", params);
  }

  private static void missing(Context ctx, String id) {
    Pages.message(ctx, 404, "There is no such endpoint", "Your platform has no webhook endpoint " + id + ": it may have been deleted.",
        PATH, "All webhook endpoints");
  }
}

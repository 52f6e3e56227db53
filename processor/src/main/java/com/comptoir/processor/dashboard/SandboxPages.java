package com.comptoir.processor.dashboard;

import com.comptoir.processor.accounts.PlatformAccount;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.sandboxes.Sandbox;
import com.comptoir.processor.sandboxes.Sandboxes;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Developers → Sandboxes of the platform's Dashboard (issue #17): the live sandboxes with each
 * one's keys and Dashboard sign-in, a form that makes one (name, colour, country) and a button
 * that deletes one. Both go through {@link Sandboxes}, the code behind
 * {@code /v1/test_helpers/sandboxes}, so the page and the API cannot disagree on a limit or a
 * rule. As with the API, only the default sandbox's owner manages sandboxes; signed in to another
 * sandbox, the page says where to go. "Open its Dashboard" signs this browser in to a sandbox
 * (its owner may read every sandbox's keys already), since a sandbox's password is shown once.
 */
public final class SandboxPages {
  static final String PATH = "/dashboard/sandboxes";
  /** The page lists this many, newest first; the processor's limit is 50 unless set otherwise. */
  private static final int SHOWN = 100;

  private final Jdbi jdbi;
  private final ProcessorClock clock;
  private final Sandboxes sandboxes;

  private SandboxPages(Jdbi jdbi, ProcessorClock clock, Sandboxes sandboxes) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.sandboxes = sandboxes;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, Sandboxes sandboxes, PlatformPages platform) {
    SandboxPages pages = new SandboxPages(jdbi, clock, sandboxes);
    config.routes.get(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.render(ctx, 200, s.accountId(), nav,
        deletedNotice(ctx.queryParam("deleted")), null, Form.blank())));
    config.routes.post(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.create(ctx, s.accountId(), nav)));
    config.routes.post(PATH + "/{id}/delete", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.delete(ctx, s.accountId(), nav)));
    config.routes.post(PATH + "/{id}/open", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.open(ctx, s, nav)));
  }

  /** What the user typed, kept when the form comes back with an error; {@code errors} by field. */
  public record Form(String name, String color, String country, Map<String, String> errors) {
    static Form blank() {
      return new Form("", Sandboxes.DEFAULT_COLOR, "US", Map.of());
    }
  }

  /** A sandbox as a row of the page. */
  public record Row(String id, String name, String color, String country, String created, String email, String publishableKey,
      String maskedSecretKey, boolean isDefault) {}

  /** The sandbox just made, shown once: its password exists nowhere else. */
  public record Made(String id, String name, String secretKey, String email, String password, String signInUrl) {}

  public record Country(String code, String name) {}

  public static List<Country> countries() {
    return PlatformAccount.supportedCountries().stream()
        .map(c -> new Country(c, Locale.of("", c).getDisplayCountry(Locale.ENGLISH))).toList();
  }

  private void create(Context ctx, String platformId, PlatformNav nav) {
    if (!sandboxes.managedBy(platformId)) {
      render(ctx, 403, platformId, nav, null, null, Form.blank());
      return;
    }
    String name = value(ctx, "name");
    String color = value(ctx, "color");
    String country = value(ctx, "country");
    Map<String, Object> params = new LinkedHashMap<>();
    if (!name.isEmpty()) {
      params.put("name", name);
    }
    params.put("country", country);
    params.put("branding", Map.of("primary_color", color));
    try {
      Sandboxes.Created created = jdbi.inTransaction(h -> sandboxes.create(h, params));
      Sandbox made = created.sandbox();
      render(ctx, 201, platformId, nav, null, new Made(made.id(), made.name(), made.secretKey(), made.dashboardEmail(),
          created.password(), sandboxes.signInUrl()), Form.blank());
    } catch (StripeError e) {
      // The API's own message, put beside the field it names; the limit names none.
      String field = e.param() == null ? "form" : e.param().startsWith("branding") ? "color" : e.param();
      render(ctx, e.status(), platformId, nav, null, null, new Form(name, color, country, Map.of(field, e.getMessage())));
    }
  }

  private void delete(Context ctx, String platformId, PlatformNav nav) {
    if (!sandboxes.managedBy(platformId)) {
      render(ctx, 403, platformId, nav, null, null, Form.blank());
      return;
    }
    String id = ctx.pathParam("id");
    try {
      Sandbox deleted = jdbi.inTransaction(h -> sandboxes.delete(h, id));
      ctx.redirect(PATH + "?deleted=" + deleted.id(), HttpStatus.SEE_OTHER);
    } catch (StripeError e) {
      Pages.message(ctx, e.status(), "That sandbox was not deleted", e.getMessage(), PATH, "All sandboxes");
    }
  }

  private void open(Context ctx, Sessions.Session current, PlatformNav nav) {
    if (!sandboxes.managedBy(current.accountId())) {
      render(ctx, 403, current.accountId(), nav, null, null, Form.blank());
      return;
    }
    String id = ctx.pathParam("id");
    Optional<String> session = jdbi.inTransaction(h -> sandboxes.find(h, id).filter(s -> !s.isDefault()).map(s -> {
          Sessions.close(h, current.id());
          return Sessions.open(h, s.accountId(), clock.now());
        }));
    if (session.isEmpty()) {
      Pages.message(ctx, 404, "There is no such sandbox", "No live sandbox is called " + id + ": it may have been deleted.", PATH,
          "All sandboxes");
      return;
    }
    Sessions.setCookie(ctx, session.get());
    ctx.redirect("/dashboard", HttpStatus.SEE_OTHER);
  }

  private static String deletedNotice(String id) {
    return id != null && id.matches("sbx_[A-Za-z0-9]{1,64}")
        ? "Sandbox " + id + " is deleted: its keys and sign-in stopped working, and its data is being removed." : null;
  }

  private static String value(Context ctx, String field) {
    String v = ctx.formParam(field);
    return v == null ? "" : v.strip();
  }

  private void render(Context ctx, int status, String platformId, PlatformNav nav, String notice, Made made, Form form) {
    boolean manager = sandboxes.managedBy(platformId);
    List<Row> rows = manager ? jdbi.withHandle(h -> sandboxes.newest(h, SHOWN)).stream().map(SandboxPages::row).toList() : List.of();
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("manager", manager);
    params.put("rows", rows);
    params.put("notice", notice);
    params.put("made", made);
    params.put("form", form);
    params.put("signInUrl", sandboxes.signInUrl());
    Pages.render(ctx, status, "dashboard/platform/sandboxes.jte", params);
  }

  private static Row row(Sandbox s) {
    String secret = s.secretKey() == null ? "" : s.secretKey();
    String masked = secret.length() < 12 ? secret : secret.substring(0, 8) + "…" + secret.substring(secret.length() - 4);
    return new Row(s.id(), s.name(), s.primaryColor(), s.country(), DashboardLinks.time(s.created()), s.dashboardEmail(),
        s.publishableKey(), masked, s.isDefault());
  }
}

package com.comptoir.processor.accounts;

import com.comptoir.processor.accounts.OnboardingView.Progress;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stripe-hosted onboarding, served by the processor (fact sheet §4). An account link opens it once:
 * the visit becomes a session bound to this browser by a cookie, the holder confirms what the
 * platform prefilled and gives only what is still due, accepts the terms, and is sent to
 * {@code return_url} with no state on it. A used, expired or dead link goes to {@code refresh_url}.
 */
final class HostedOnboarding {
  private static final String COOKIE = "comptoir_onboarding";
  private static final long SESSION_SECONDS = Duration.ofHours(4).toSeconds();
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  private HostedOnboarding(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock) {
    HostedOnboarding pages = new HostedOnboarding(jdbi, clock);
    config.routes.get("/setup/{kind}/{account}/{token}", pages::openLink);
    config.routes.get("/onboarding", ctx -> pages.withSession(ctx, s -> ctx.redirect("/onboarding/" + jdbi.withHandle(h -> pages.firstStep(h, s)).slug)));
    config.routes.get("/onboarding/{step}", ctx -> pages.withSession(ctx, s -> pages.show(ctx, s)));
    config.routes.post("/onboarding/leave", ctx -> pages.withSession(ctx, s -> pages.leave(ctx, s)));
    config.routes.post("/onboarding/{step}", ctx -> pages.withSession(ctx, s -> pages.submit(ctx, s)));
    BrandStyle.install(config);
    config.routes.get("/assets/hosted.css", ctx -> ctx.contentType("text/css")
        .header("Cache-Control", "public, max-age=3600")
        .result(HostedOnboarding.class.getResourceAsStream("/assets/hosted.css")));
  }

  record Session(String id, String accountId, String platformId, String linkToken, String csrf, boolean phoneVerified,
      String collect, String returnUrl, String refreshUrl) {}

  // ----- the link -----

  private void openLink(Context ctx) {
    String token = ctx.pathParam("token");
    // The link expires on the clock of the account's sandbox.
    long nowMillis = jdbi.withHandle(h -> clock.nowMillisOfAccount(h, ctx.pathParam("account")));
    long now = Math.floorDiv(nowMillis, 1000);
    Optional<Map<String, Object>> link = jdbi.inTransaction(h -> {
      Optional<Map<String, Object>> row = h.createQuery("""
              SELECT l.*, a.deleted, r.body ->> 'type' AS account_type,
                     r.body -> 'requirements' ->> 'disabled_reason' AS disabled_reason
              FROM account_links l JOIN accounts a ON a.id = l.account_id
              LEFT JOIN resources r ON r.id = l.account_id
              WHERE l.token = :t AND l.account_id = :a FOR UPDATE OF l""")
          .bind("t", token).bind("a", ctx.pathParam("account")).mapToMap().findOne();
      if (row.isPresent() && row.get().get("used_at") == null) {
        // single use: the first visit spends it, whatever happens next
        h.createUpdate("UPDATE account_links SET used_at = :now WHERE token = :t").bind("now", now).bind("t", token).execute();
      }
      return row;
    });
    if (link.isEmpty()) {
      noStore(ctx);
      ctx.status(404).contentType("text/html").result(message("This link is not valid",
          "Go back to the site that sent you here and start again."));
      return;
    }
    Map<String, Object> l = link.get();
    String disabled = (String) l.get("disabled_reason");
    boolean dead = l.get("used_at") != null
        || ((Number) l.get("expires_at")).longValue() < now
        || Boolean.TRUE.equals(l.get("deleted"))
        || (disabled != null && disabled.startsWith("rejected."));
    if (dead) {
      ctx.redirect((String) l.get("refresh_url"));
      return;
    }
    String sessionId = Ids.random(32);
    jdbi.useHandle(h -> {
      // The steps this visit will walk through, fixed now: each stops being due once answered, and
      // the step list must still show it, done, on the pages after it.
      List<String> due = due(h, AccountState.loadById(h, (String) l.get("account_id")), (String) l.get("collect"));
      String[] steps = OnboardingStep.expected(due).stream().map(step -> step.slug).toArray(String[]::new);
      h.createUpdate("""
              INSERT INTO onboarding_sessions (id, account_id, platform_id, link_token, csrf, created, expires_at, steps)
              VALUES (:id, :account, :platform, :token, :csrf, :now, :expires, :steps)""")
          .bind("id", sessionId).bind("account", l.get("account_id")).bind("platform", l.get("platform_id"))
          .bind("token", token).bind("csrf", Ids.random(32)).bind("now", now).bind("expires", now + SESSION_SECONDS)
          .bind("steps", steps).execute();
    });
    // name, value, path, max age, secure, HttpOnly, comment, SameSite
    ctx.cookie(new Cookie(COOKIE, sessionId, "/", (int) SESSION_SECONDS, "https".equals(ctx.scheme()), true, null, SameSite.LAX));
    noStore(ctx);
    ctx.redirect("/onboarding");
  }

  @FunctionalInterface
  private interface SessionHandler {
    void handle(Session session) throws Exception;
  }

  private void withSession(Context ctx, SessionHandler handler) throws Exception {
    noStore(ctx);
    ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self' http: https:; frame-ancestors 'none'");
    ctx.header("X-Frame-Options", "DENY");
    String id = ctx.cookie(COOKIE);
    Optional<Session> session = id == null ? Optional.empty() : jdbi.withHandle(h -> h.createQuery("""
            SELECT s.id, s.account_id, s.platform_id, s.link_token, s.csrf, s.phone_verified, l.collect, l.return_url, l.refresh_url,
                   s.expires_at
            FROM onboarding_sessions s JOIN account_links l ON l.token = s.link_token
            WHERE s.id = :id""")
        .bind("id", id)
        // The session expires on its sandbox's clock.
        .map((rs, c) -> rs.getLong(10) < clock.now(rs.getString(3)) ? Optional.<Session>empty()
            : Optional.of(new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getString(9))))
        .findOne().flatMap(found -> found));
    if (session.isEmpty()) {
      ctx.status(401).contentType("text/html").result(message("Your session has ended",
          "For your security, onboarding links work once and sessions expire. Go back to the site that sent you here to get a new link."));
      return;
    }
    if ("POST".equals(ctx.method().name()) && !constantTimeEquals(session.get().csrf(), ctx.formParam("csrf"))) {
      ctx.status(403).contentType("text/html").result(message("This form has expired", "Reload the page and try again."));
      return;
    }
    handler.handle(session.get());
  }

  // ----- steps -----

  /**
   * What the holder still has to give: the account's requirements, and first, for a Standard
   * account without one, the holder's Dashboard login (also for accounts onboarded before logins
   * existed, which a new account link brings back here).
   */
  private static List<String> due(Handle h, AccountState state, Session s) {
    return due(h, state, s.collect());
  }

  private static List<String> due(Handle h, AccountState state, String collect) {
    JsonNode list = state.account.path("requirements").path("eventually_due".equals(collect) ? "eventually_due" : "currently_due");
    List<String> due = new ArrayList<>();
    if (DashboardLogins.due(h, state)) {
      due.add(DashboardLogins.REQUIREMENT);
    }
    list.forEach(item -> due.add(item.asText()));
    return due;
  }

  private static OnboardingStep firstStep(Handle h, Session s) {
    if (!s.phoneVerified()) {
      return OnboardingStep.VERIFY;
    }
    AccountState state = AccountState.loadById(h, s.accountId());
    return OnboardingStep.after(OnboardingStep.VERIFY, due(h, state, s));
  }

  /** Whether {@code step} can be shown now: after the phone check, and the login step only while the login is due. */
  private static boolean open(Handle h, Session s, AccountState state, OnboardingStep step) {
    if (step == null || (step != OnboardingStep.VERIFY && !s.phoneVerified())) {
      return false;
    }
    // An existing login is the holder's: no account link, and so no platform, may replace it.
    return step != OnboardingStep.LOGIN || DashboardLogins.due(h, state);
  }

  private void show(Context ctx, Session s) {
    OnboardingStep step = OnboardingStep.bySlug(ctx.pathParam("step"));
    boolean shown = jdbi.withHandle(h -> {
      AccountState state = AccountState.loadById(h, s.accountId());
      if (!open(h, s, state, step)) {
        return false;
      }
      render(ctx, h, s, state, step, OnboardingForms.prefill(step, state), Map.of());
      return true;
    });
    if (!shown) {
      ctx.redirect("/onboarding");
    }
  }

  private void submit(Context ctx, Session s) {
    OnboardingStep step = OnboardingStep.bySlug(ctx.pathParam("step"));
    Map<String, String> in = new LinkedHashMap<>();
    ctx.formParamMap().forEach((k, v) -> in.put(k, v.isEmpty() ? "" : v.get(0)));
    // Where the holder goes next: another step, back to the platform, or this step again with errors.
    String next = jdbi.inTransaction(h -> {
      AccountState state = AccountState.loadById(h, s.accountId());
      if (!open(h, s, state, step)) {
        return "/onboarding";
      }
      long nowMillis = clock.nowMillis(s.platformId());
      Map<String, String> errors = OnboardingForms.check(step, state.account, in, nowMillis);
      if (errors.isEmpty() && step == OnboardingStep.LOGIN) {
        saveLogin(h, state, in, nowMillis, errors);
      }
      if (errors.isEmpty() && step == OnboardingStep.REVIEW && DashboardLogins.due(h, state)) {
        errors.put(DashboardLogins.REQUIREMENT, "Create your Stripe login before you finish: you will need it to see your payments"
            + " and choose when you are paid out.");
      }
      if (!errors.isEmpty()) {
        Map<String, String> typed = new LinkedHashMap<>(in);
        typed.remove("password"); // a password is never sent back, not even to the one who typed it
        render(ctx, h, s, state, step, typed, errors);
        return null;
      }
      switch (step) {
        case VERIFY -> h.createUpdate("UPDATE onboarding_sessions SET phone_verified = true WHERE id = :id").bind("id", s.id()).execute();
        case LOGIN -> state.save(h, EventContext.automatic(s.platformId(), nowMillis)); // the e-mail, if the account had none
        case REVIEW -> {
          ObjectNode tos = (ObjectNode) state.account.get("tos_acceptance");
          tos.put("date", Math.floorDiv(nowMillis, 1000));
          tos.put("ip", ctx.ip());
          tos.put("user_agent", truncate(ctx.userAgent(), 500));
          state.account.put("details_submitted", true);
          state.save(h, EventContext.automatic(s.platformId(), nowMillis));
          return FINISHED;
        }
        default -> {
          OnboardingForms.apply(h, step, state, in, Math.floorDiv(nowMillis, 1000));
          state.save(h, EventContext.automatic(s.platformId(), nowMillis));
        }
      }
      OnboardingStep following = "review".equals(ctx.queryParam("from")) ? OnboardingStep.REVIEW : OnboardingStep.after(step, due(h, state, s));
      return "/onboarding/" + following.slug;
    });
    if (FINISHED.equals(next)) {
      finish(ctx, s);
    } else if (next != null) {
      ctx.redirect(next);
    }
  }

  private static final String FINISHED = "finished";

  /** The holder's Dashboard login, from a checked login step; what went wrong goes into {@code errors}. */
  private static void saveLogin(Handle h, AccountState state, Map<String, String> in, long nowMillis, Map<String, String> errors) {
    String email = in.get("email").strip();
    if (DashboardLogins.emailTakenByAnother(h, email, state.id())
        || !DashboardLogins.create(h, state.id(), email, in.get("password"), Math.floorDiv(nowMillis, 1000))) {
      errors.put("email", "This email already signs in to another Stripe account. Use another email address.");
      return;
    }
    if (Requirements.text(state.account, "email") == null) {
      state.account.put("email", email); // on Stripe, a Standard account's email is its owner's login
    }
  }

  private void finish(Context ctx, Session s) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM onboarding_sessions WHERE id = :id").bind("id", s.id()).execute());
    ctx.removeCookie(COOKIE, "/");
    ctx.redirect(s.returnUrl());
  }

  /** "Save and finish later": back to the platform, which reads the account to see what is left. */
  private void leave(Context ctx, Session s) {
    finish(ctx, s);
  }

  private static void render(Context ctx, Handle h, Session s, AccountState state, OnboardingStep step, Map<String, String> values,
      Map<String, String> errors) {
    JsonNode platform = h.createQuery("SELECT body::text FROM resources WHERE id = :id").bind("id", s.platformId())
        .mapTo(String.class).findOne().map(Json::parseObject).orElseThrow();
    String name = Optional.ofNullable(Requirements.text(platform.path("settings").path("dashboard"), "display_name"))
        .orElse(Optional.ofNullable(Requirements.text(platform.path("business_profile"), "name")).orElse("Stripe"));
    String color = Optional.ofNullable(Requirements.text(platform.path("settings").path("branding"), "primary_color")).orElse("#635bff");
    String icon = Requirements.text(platform.path("settings").path("branding"), "icon");
    String accent = Requirements.text(platform.path("settings").path("branding"), "secondary_color");
    List<String> due = due(h, state, s);
    List<Progress> progress = progress(h, s, step, due);
    String intro = switch (step) {
      case VERIFY -> name + " uses Stripe to get you paid. First, confirm it is you.";
      case LOGIN -> "With this email and password you sign in to your own Stripe Dashboard, where you see your payments and"
          + " choose when you are paid out.";
      case BUSINESS -> "Tell us about your business. We have filled in what " + name + " already knows: check it.";
      case PERSON -> "company".equals(state.account.path("business_type").asText())
          ? "We need to know who represents the company." : "We need to verify who you are.";
      case COMPANY -> "The legal details of your company.";
      case BANK -> "Your earnings are paid out to this account.";
      case REVIEW -> "Check your details, then accept the agreement to finish.";
    };
    List<String> formErrors = new ArrayList<>(errors.values());
    if (errors.isEmpty()) {
      // what Stripe could not verify comes back as a message on the step that asks for it
      for (JsonNode e : state.account.path("requirements").path("errors")) {
        if (step.answers.stream().anyMatch(prefix -> e.path("requirement").asText().startsWith(prefix))) {
          formErrors.add(e.path("reason").asText());
        }
      }
    }
    String action = "/onboarding/" + step.slug + ("review".equals(ctx.queryParam("from")) ? "?from=review" : "");
    OnboardingView view = new OnboardingView(name, color, icon == null ? null : "/files/" + icon, step.title, intro, action, s.csrf(),
        OnboardingForms.fields(step, state.account), values, errors, formErrors, progress,
        step == OnboardingStep.REVIEW ? OnboardingReview.summary(state) : List.of(),
        step == OnboardingStep.REVIEW ? OnboardingReview.readable(due.stream().filter(d -> !d.startsWith("tos_acceptance.")).toList()) : List.of(),
        step == OnboardingStep.REVIEW ? "Agree and submit" : "Continue", accent);
    StringOutput out = new StringOutput();
    TEMPLATES.render("onboarding/step.jte", view, out);
    ctx.status(errors.isEmpty() ? 200 : 400).contentType("text/html; charset=utf-8").result(out.toString());
  }

  /**
   * Every step of this visit with its state: the ones it started with (kept once answered, so the
   * list does not shrink as the holder goes), any that became due since, and the current one. A
   * step is done when nothing it answers is due or about to be (the phone check once passed); the
   * review is done only by finishing.
   */
  private static List<Progress> progress(Handle h, Session s, OnboardingStep current, List<String> due) {
    List<String> started = h.createQuery("SELECT unnest(steps) FROM onboarding_sessions WHERE id = :id").bind("id", s.id())
        .mapTo(String.class).list();
    List<OnboardingStep> ahead = OnboardingStep.expected(due);
    List<Progress> progress = new ArrayList<>();
    for (OnboardingStep each : OnboardingStep.values()) {
      if (each == current || ahead.contains(each) || started.contains(each.slug)) {
        boolean done = each != current && switch (each) {
          case VERIFY -> s.phoneVerified();
          case REVIEW -> false;
          default -> !ahead.contains(each);
        };
        progress.add(new Progress(each.title, each == current, done));
      }
    }
    return progress;
  }

  private static String message(String title, String text) {
    OnboardingView view = new OnboardingView("Stripe", "#635bff", null, title, text, null, "", List.of(), Map.of(), Map.of(),
        List.of(), List.of(), List.of(), List.of(), "", null);
    StringOutput out = new StringOutput();
    TEMPLATES.render("onboarding/step.jte", view, out);
    return out.toString();
  }

  private static void noStore(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer"); // the link's token must not leak to the next site
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static String truncate(String s, int max) {
    return s == null ? null : s.length() <= max ? s : s.substring(0, max);
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.accounts.HolderSettings;
import com.comptoir.processor.accounts.LoginLinks;
import com.comptoir.processor.api.Ids;
import com.comptoir.processor.api.Json;
import com.comptoir.processor.checkout.PaymentMethodSettings;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The Express dashboard (fact sheet §3.1), served by the processor: a login link opens it once and
 * becomes a session bound to this browser by a cookie. The holder sees where the account stands
 * and changes what is theirs to change: which payment methods Checkout offers and the payout
 * schedule. Every change goes through the code the API uses, so the platform hears of it the same way.
 */
public final class Dashboard {
  private static final String COOKIE = "comptoir_dashboard";
  private static final String COOKIE_PATH = "/dashboard";
  private static final long SESSION_SECONDS = Duration.ofHours(1).toSeconds();
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  private Dashboard(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock) {
    Dashboard pages = new Dashboard(jdbi, clock);
    config.routes.get("/dashboard/{account}/login/{token}", pages::login);
    config.routes.get("/dashboard", ctx -> pages.withSession(ctx, s -> pages.render(ctx, s, null, null, Map.of())));
    config.routes.post("/dashboard/payment_methods", ctx -> pages.withSession(ctx, s -> pages.savePaymentMethods(ctx, s)));
    config.routes.post("/dashboard/payout_schedule", ctx -> pages.withSession(ctx, s -> pages.savePayoutSchedule(ctx, s)));
    config.routes.post("/dashboard/logout", ctx -> pages.withSession(ctx, s -> pages.logout(ctx, s)));
  }

  record Session(String id, String accountId, String csrf) {}

  private void login(Context ctx) {
    securityHeaders(ctx);
    String accountId = ctx.pathParam("account");
    long now = clock.now();
    Optional<String> sessionId = jdbi.inTransaction(h -> {
      // single use: redeeming spends the link whatever happens next
      if (!LoginLinks.redeem(h, accountId, ctx.pathParam("token"), now) || isDeleted(h, accountId)) {
        return Optional.empty();
      }
      String id = Ids.random(32);
      h.createUpdate("""
              INSERT INTO dashboard_sessions (id, account_id, csrf, created, expires_at)
              VALUES (:id, :account, :csrf, :now, :expires)""")
          .bind("id", id).bind("account", accountId).bind("csrf", Ids.random(32)).bind("now", now)
          .bind("expires", now + SESSION_SECONDS).execute();
      return Optional.of(id);
    });
    if (sessionId.isEmpty()) {
      message(ctx, 401, "This link has expired", "Dashboard links work once and only for a few minutes. Go back to the"
          + " platform that sent you here and ask it for a new link to your dashboard.");
      return;
    }
    // name, value, path, max age, secure, HttpOnly, comment, SameSite
    ctx.cookie(new Cookie(COOKIE, sessionId.get(), COOKIE_PATH, (int) SESSION_SECONDS, "https".equals(ctx.scheme()), true, null, SameSite.LAX));
    ctx.redirect("/dashboard");
  }

  @FunctionalInterface
  private interface SessionHandler {
    void handle(Session session) throws Exception;
  }

  private void withSession(Context ctx, SessionHandler handler) throws Exception {
    securityHeaders(ctx);
    String id = ctx.cookie(COOKIE);
    Optional<Session> session = id == null ? Optional.empty() : jdbi.withHandle(h -> h.createQuery("""
            SELECT s.id, s.account_id, s.csrf FROM dashboard_sessions s JOIN accounts a ON a.id = s.account_id
            WHERE s.id = :id AND s.expires_at >= :now AND NOT a.deleted""")
        .bind("id", id).bind("now", clock.now())
        .map((rs, c) -> new Session(rs.getString(1), rs.getString(2), rs.getString(3)))
        .findOne());
    if (session.isEmpty()) {
      message(ctx, 401, "Your session has ended", "For your security, dashboard sessions expire. Go back to the site that"
          + " sent you here and ask for a new link to your dashboard.");
      return;
    }
    if ("POST".equals(ctx.method().name()) && !constantTimeEquals(session.get().csrf(), ctx.formParam("csrf"))) {
      message(ctx, 403, "This form has expired", "Nothing was changed. Go back to your dashboard, reload the page and try again.");
      return;
    }
    handler.handle(session.get());
  }

  private void savePaymentMethods(Context ctx, Session s) {
    Set<String> on = new HashSet<>(ctx.formParams("method"));
    boolean saved = jdbi.inTransaction(h -> {
      if (!PaymentMethodSettings.choices(h, s.accountId(), clock.now()).keySet().containsAll(on)) {
        return false;
      }
      PaymentMethodSettings.choose(h, s.accountId(), on, clock.now());
      return true;
    });
    if (!saved) {
      message(ctx, 400, "That payment method is not offered", "Nothing was changed. Go back to your dashboard and try again.");
      return;
    }
    render(ctx, s, "Your payment methods are saved.", null, Map.of());
  }

  private void savePayoutSchedule(Context ctx, Session s) {
    Map<String, String> in = new LinkedHashMap<>();
    for (String field : List.of(PayoutScheduleForm.INTERVAL, PayoutScheduleForm.WEEKLY_ANCHOR, PayoutScheduleForm.MONTHLY_ANCHOR,
        PayoutScheduleForm.DELAY_DAYS)) {
      in.put(field, Optional.ofNullable(ctx.formParam(field)).orElse(""));
    }
    Map<String, String> errors = jdbi.inTransaction(h -> {
      int minimum = HolderSettings.minimumPayoutDelayDays(account(h, s.accountId()).path("country").asText());
      Map<String, String> problems = PayoutScheduleForm.check(in, minimum);
      if (problems.isEmpty()) {
        HolderSettings.savePayoutSchedule(h, s.accountId(), PayoutScheduleForm.schedule(in), clock.nowMillis());
      }
      return problems;
    });
    if (errors.isEmpty()) {
      render(ctx, s, "Your payout schedule is saved.", null, Map.of());
    } else {
      render(ctx, s, null, in, errors);
    }
  }

  private void logout(Context ctx, Session s) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM dashboard_sessions WHERE id = :id").bind("id", s.id()).execute());
    ctx.removeCookie(COOKIE, COOKIE_PATH);
    message(ctx, 200, "You have signed out", "To open your dashboard again, ask " + platformName(s.accountId()) + " for a new link.");
  }

  /** The dashboard, with {@code typed} in the schedule form when it is shown back with {@code errors}. */
  private void render(Context ctx, Session s, String confirmation, Map<String, String> typed, Map<String, String> errors) {
    DashboardView view = jdbi.inTransaction(h -> {
      JsonNode account = account(h, s.accountId());
      List<DashboardView.Method> methods = Overview.methods(PaymentMethodSettings.choices(h, s.accountId(), clock.now()));
      Map<String, String> schedule = typed != null ? typed : PayoutScheduleForm.values(account.at("/settings/payouts/schedule"));
      return new DashboardView(Overview.businessName(account), s.csrf(), confirmation, Overview.rows(account, methods),
          Overview.due(account), methods, schedule, errors, HolderSettings.minimumPayoutDelayDays(account.path("country").asText()));
    });
    StringOutput out = new StringOutput();
    TEMPLATES.render("dashboard/page.jte", view, out);
    ctx.status(errors.isEmpty() ? 200 : 400).contentType("text/html; charset=utf-8").result(out.toString());
  }

  private static JsonNode account(Handle h, String accountId) {
    return h.createQuery("SELECT body::text FROM resources WHERE id = :id AND object = 'account'").bind("id", accountId)
        .mapTo(String.class).findOne().map(Json::parseObject).orElseThrow(() -> new IllegalStateException("no account " + accountId));
  }

  private static boolean isDeleted(Handle h, String accountId) {
    return h.createQuery("SELECT deleted FROM accounts WHERE id = :id").bind("id", accountId).mapTo(Boolean.class).findOne().orElse(true);
  }

  /** The platform's name as its holders know it, for telling them where to get a new link. */
  private String platformName(String accountId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT p.body::text FROM accounts a JOIN resources p ON p.id = a.platform_id WHERE a.id = :id""")
        .bind("id", accountId).mapTo(String.class).findOne().map(Json::parseObject)
        .map(Overview::businessName).orElse("the platform that sent you here"));
  }

  private static void message(Context ctx, int status, String title, String text) {
    StringOutput out = new StringOutput();
    TEMPLATES.render("dashboard/message.jte", Map.of("title", title, "text", text), out);
    ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer"); // the link's token must not leak to the next site
    ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'");
    ctx.header("X-Frame-Options", "DENY");
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.accounts.HolderSettings;
import com.comptoir.processor.accounts.LoginLinks;
import com.comptoir.processor.paymentmethods.PaymentMethodConfigurations;
import com.comptoir.processor.sandboxes.Sandboxes;
import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.time.Jobs;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The account holder's dashboard, served by the processor: for an Express account, opened once by
 * a login link (fact sheet §3.1); for a Standard account, by its holder's own sign-in
 * ({@link SignIn}). Either becomes a session bound to this browser by a cookie. The holder sees
 * where the account stands and changes what is theirs to change: which payment methods Checkout
 * offers and the payout schedule (on a Standard account, only its holder can, fact sheet §7.7).
 * Every change goes through the code the API uses, so the platform hears of it the same way.
 */
public final class Dashboard {

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  private Dashboard(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, Jobs jobs, Sandboxes sandboxes) {
    Dashboard pages = new Dashboard(jdbi, clock);
    PlatformPages platform = new PlatformPages(jdbi, clock);
    HolderPages holder = new HolderPages(jdbi, clock);
    BusinessHome home = new BusinessHome(jdbi, clock);
    BusinessPaymentPages.install(config, jdbi, clock, holder);
    DisputePages.install(config, jdbi, clock, holder);
    PayoutPages.install(config, jdbi, holder);
    config.routes.get("/dashboard/{account}/login/{token}", pages::login);
    SignIn.install(config, jdbi, clock);
    EventPages.install(config, jdbi, clock, platform);
    LogPages.install(config, jdbi, platform);
    ClockPage.install(config, jdbi, clock, jobs, platform);
    AuditPage.install(config, jdbi, platform);
    PaymentPages.install(config, jdbi, clock, platform);
    AccountPages.install(config, jdbi, clock, platform);
    SearchPage.install(config, jdbi, platform);
    ConnectSettingsPages.install(config, jdbi, clock, platform);
    ApiKeyPages.install(config, jdbi, clock, platform);
    WebhookPages.install(config, jdbi, clock, platform);
    LogRetentionPage.install(config, jdbi, platform);
    SandboxPages.install(config, jdbi, clock, sandboxes, platform);
    config.routes.get("/dashboard", ctx -> pages.withSession(ctx, s -> {
      if (jdbi.withHandle(h -> PlatformPages.isPlatform(h, s.accountId()))) {
        platform.home(ctx, s); // the platform signed in with its own login: its Dashboard, not a holder's
      } else {
        holder.withHolder(ctx, BusinessNav.HOME, (session, nav) -> home.show(ctx, session, nav));
      }
    }));
    config.routes.get(BusinessNav.SETTINGS, ctx -> holder.withHolder(ctx, BusinessNav.SETTINGS, (s, nav) -> pages.render(ctx, s, null, null, Map.of())));
    config.routes.post("/dashboard/payment_methods", ctx -> pages.withSession(ctx, s -> pages.savePaymentMethods(ctx, s)));
    config.routes.post("/dashboard/payout_schedule", ctx -> pages.withSession(ctx, s -> pages.savePayoutSchedule(ctx, s)));
    config.routes.post("/dashboard/logout", ctx -> pages.withSession(ctx, s -> pages.logout(ctx, s)));
  }

  private void login(Context ctx) {
    Pages.securityHeaders(ctx);
    String accountId = ctx.pathParam("account");
    Optional<String> sessionId = jdbi.inTransaction(h -> {
      // single use: redeeming spends the link whatever happens next; the link's five minutes are on
      // its sandbox's clock (the API made it on that clock), the session's hours on the default one
      if (!LoginLinks.redeem(h, accountId, ctx.pathParam("token"), clock.nowOfAccount(h, accountId)) || isDeleted(h, accountId)) {
        return Optional.empty();
      }
      return Optional.of(Sessions.open(h, accountId, clock.now()));
    });
    if (sessionId.isEmpty()) {
      Pages.message(ctx, 401, "This link has expired", "Dashboard links work once and only for a few minutes. Go back to the"
          + " platform that sent you here and ask it for a new link to your dashboard.");
      return;
    }
    Sessions.setCookie(ctx, sessionId.get());
    ctx.redirect("/dashboard");
  }

  @FunctionalInterface
  private interface SessionHandler {
    void handle(Session session) throws Exception;
  }

  private void withSession(Context ctx, SessionHandler handler) throws Exception {
    Optional<Session> session = SignedIn.session(jdbi, clock, ctx, SignedIn.HOLDER_SESSION_ENDED);
    if (session.isEmpty() || !SignedIn.formTokenHolds(ctx, session.get(), SignedIn.HOLDER_FORM_EXPIRED)) {
      return;
    }
    handler.handle(session.get());
  }

  private void savePaymentMethods(Context ctx, Session s) {
    Set<String> on = new HashSet<>(ctx.formParams("method"));
    boolean saved = jdbi.inTransaction(h -> {
      if (!PaymentMethodConfigurations.choices(h, s.accountId(), clock.nowOfAccount(h, s.accountId())).keySet().containsAll(on)) {
        return false;
      }
      PaymentMethodConfigurations.choose(h, s.accountId(), on, clock.nowOfAccount(h, s.accountId()));
      return true;
    });
    if (!saved) {
      Pages.message(ctx, 400, "That payment method is not offered", "Nothing was changed. Go back to your dashboard and try again.");
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
    boolean standard = jdbi.inTransaction(h -> {
      Sessions.close(h, s.id());
      return "standard".equals(account(h, s.accountId()).path("type").asText());
    });
    Sessions.removeCookie(ctx);
    if (standard) {
      Pages.message(ctx, 200, "You have signed out", "Sign in again with your email and password whenever you need your Dashboard.",
          SignIn.PATH, "Sign in to your Dashboard");
    } else {
      Pages.message(ctx, 200, "You have signed out", "To open your dashboard again, ask " + platformName(s.accountId()) + " for a new link.");
    }
  }

  /** The dashboard, with {@code typed} in the schedule form when it is shown back with {@code errors}. */
  private void render(Context ctx, Session s, String confirmation, Map<String, String> typed, Map<String, String> errors) {
    DashboardView view = jdbi.inTransaction(h -> {
      JsonNode account = account(h, s.accountId());
      List<DashboardView.Method> methods = Overview.methods(PaymentMethodConfigurations.choices(h, s.accountId(), clock.nowOfAccount(h, s.accountId())));
      Map<String, String> schedule = typed != null ? typed : PayoutScheduleForm.values(account.at("/settings/payouts/schedule"));
      return new DashboardView(Overview.businessName(account), Overview.kind(account), s.csrf(), confirmation, Overview.rows(account, methods),
          Overview.due(account), methods, schedule, errors, HolderSettings.minimumPayoutDelayDays(account.path("country").asText()));
    });
    BusinessNav nav = BusinessNav.of(view.businessName(), view.accountKind(), s.csrf(), BusinessNav.SETTINGS);
    Pages.render(ctx, errors.isEmpty() ? 200 : 400, "dashboard/page.jte", Map.of("view", view, "nav", nav));
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
}

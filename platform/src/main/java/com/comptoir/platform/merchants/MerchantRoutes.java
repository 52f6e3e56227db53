package com.comptoir.platform.merchants;

import com.comptoir.platform.merchants.MerchantPages.HomePage;
import com.comptoir.platform.merchants.MerchantPages.LoginPage;
import com.comptoir.platform.merchants.MerchantPages.SignupPage;
import com.comptoir.platform.onboarding.ConnectedAccounts;
import com.comptoir.platform.stores.Countries;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.web.Form;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import com.stripe.exception.StripeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signing up, logging in and out. */
public final class MerchantRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(MerchantRoutes.class);
  private static final List<String> SIGNUP_FIELDS = List.of("email", "password", "store_name", "country");
  private static final List<String> LOGIN_FIELDS = List.of("email", "password");
  static final String REALM = "merchant";

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final ConnectedAccounts accounts;

  public MerchantRoutes(Jdbi jdbi, Sessions sessions, Pages pages, ConnectedAccounts accounts) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.accounts = accounts;
  }

  public void register(RoutesConfig routes) {
    routes.get("/", this::home);
    routes.get("/signup", ctx -> showSignup(ctx, Form.empty().with("country", "US"), 200));
    routes.post("/signup", this::signup);
    routes.get("/login", ctx -> showLogin(ctx, Form.empty(), null, 200));
    routes.post("/login", this::login);
    routes.post("/logout", ctx -> {
      sessions.signOut(ctx);
      ctx.redirect("/login?signed_out=1", HttpStatus.SEE_OTHER);
    });
  }

  private void home(Context ctx) {
    if (sessions.current(ctx).map(Sessions.Session::merchantId).isPresent()) {
      ctx.redirect("/dashboard", HttpStatus.SEE_OTHER);
      return;
    }
    pages.render(ctx, "home.jte", new HomePage(sessions.chrome(ctx, "public")));
  }

  private void showSignup(Context ctx, Form form, int status) {
    pages.render(ctx, status, "merchants/signup.jte", new SignupPage(sessions.chrome(ctx, "public"), form.without("password"),
        Countries.all()));
  }

  /**
   * The merchant, their store and its connected account. The account is created and its id saved
   * before the redirect to onboarding; if Stripe cannot be reached, the merchant is signed in all
   * the same and the dashboard offers to try again (with the same Idempotency-Key).
   */
  private void signup(Context ctx) {
    Form form = Form.of(ctx, SIGNUP_FIELDS);
    Optional.ofNullable(Merchants.problemWithEmail(form.value("email"))).ifPresent(m -> form.error("email", m));
    Optional.ofNullable(Passwords.problemWith(form.value("password"), form.value("email"))).ifPresent(m -> form.error("password", m));
    if (form.isBlank("store_name")) {
      form.error("store_name", "Enter the name of your store.");
    } else if (form.value("store_name").length() > 100) {
      form.error("store_name", "Use at most 100 characters for the store name.");
    }
    Optional<Countries.Country> country = Countries.find(form.value("country"));
    if (country.isEmpty()) {
      form.error("country", "Choose the country your business is in.");
    }
    if (form.hasErrors()) {
      showSignup(ctx, form, 422);
      return;
    }
    String hash = Passwords.hash(form.value("password"));
    Optional<Long> merchantId;
    try {
      merchantId = jdbi.inTransaction(h -> {
        if (Merchants.emailTaken(h, form.value("email"))) {
          return Optional.<Long>empty();
        }
        long id = Merchants.insert(h, form.value("email"), hash);
        Stores.create(h, id, form.value("store_name"), country.get());
        return Optional.of(id);
      });
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      if (!isUniqueViolation(e)) {
        throw e;
      }
      merchantId = Optional.empty(); // the same e-mail signed up in a parallel request
    }
    if (merchantId.isEmpty()) {
      form.error("email", "There is already an account with this e-mail address. Log in, or reset your password.");
      showSignup(ctx, form, 422);
      return;
    }
    sessions.signInMerchant(ctx, merchantId.get(), form.value("email"));
    try {
      accounts.ensureAccount(merchantId.get(), form.value("email"));
    } catch (StripeException e) {
      LOG.warn("connected account for new merchant {} not created yet: {}", merchantId.get(), e.getMessage());
      ctx.redirect("/dashboard", HttpStatus.SEE_OTHER);
      return;
    }
    ctx.redirect("/onboarding/start", HttpStatus.SEE_OTHER);
  }

  private void showLogin(Context ctx, Form form, String message, int status) {
    String next = safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
    String notice = message != null ? message
        : ctx.queryParam("signed_out") != null ? "You have logged out."
        : ctx.queryParam("reset") != null ? "Your password has been changed. Log in with the new one." : null;
    pages.render(ctx, status, "merchants/login.jte", new LoginPage(sessions.chrome(ctx, "public"), form.without("password"), next, notice));
  }

  private void login(Context ctx) {
    Form form = Form.of(ctx, LOGIN_FIELDS);
    if (form.hasErrors()) {
      showLogin(ctx, form, null, 400);
      return;
    }
    PasswordLogin.Outcome<Merchants.Merchant> outcome = PasswordLogin.attempt(jdbi, REALM, ctx, form.value("email"), form.value("password"),
        Merchants::byEmail, Merchants.Merchant::passwordHash);
    if (outcome.throttled()) {
      form.error("email", LoginThrottle.waitMessage(outcome.retryAfter()));
      showLogin(ctx, form, null, 429);
      return;
    }
    if (!outcome.succeeded()) {
      form.error("email", "That e-mail address and password do not match an account.");
      showLogin(ctx, form, null, 401);
      return;
    }
    sessions.signInMerchant(ctx, outcome.user().id(), outcome.user().email());
    String next = safeNext(ctx.formParam("next"));
    ctx.redirect(next != null ? next : "/dashboard", HttpStatus.SEE_OTHER);
  }

  /** A path on this site, never another site: {@code /x} but not {@code //evil.example} or {@code https://...}. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length() > 200
        || next.chars().anyMatch(c -> c < 0x20)) {
      return null;
    }
    return next;
  }

  static boolean isUniqueViolation(RuntimeException e) {
    return e.getCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState());
  }
}

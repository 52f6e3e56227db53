package com.comptoir.processor.dashboard;

import com.comptoir.processor.accounts.DashboardLogins;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /dashboard/login}: a Standard account's holder signs in to their Dashboard with the
 * e-mail and password they chose in hosted onboarding (on Stripe, dashboard.stripe.com; login
 * links are for Express accounts only, fact sheet §3.1). The form is guarded by a CSRF token that
 * must match a cookie of its own; a failure says only that the pair did not match; repeated
 * failures are throttled per address, per e-mail and per device ({@link SignInThrottle}), and a
 * browser that signs in is remembered as the holder's ({@link TrustedDevice}), so strangers'
 * failures do not lock it out. Success opens the same session an Express login link opens, for the
 * holder's one account.
 */
final class SignIn {
  static final String PATH = "/dashboard/login";
  static final String WRONG = "That email and password do not match a Dashboard login. Check both and try again.";
  private static final String CSRF_COOKIE = "comptoir_dashboard_sign_in";
  private static final int TOKEN_LENGTH = 32;
  /** The longest address SMTP allows; no login has a longer one. */
  private static final int MAX_EMAIL_LENGTH = 254;

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  private SignIn(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock) {
    SignIn page = new SignIn(jdbi, clock);
    config.routes.get(PATH, page::show);
    config.routes.post(PATH, page::submit);
  }

  private void show(Context ctx) {
    Pages.securityHeaders(ctx);
    if (jdbi.withHandle(h -> Sessions.current(h, ctx, clock.now())).isPresent()) {
      ctx.redirect("/dashboard");
      return;
    }
    form(ctx, 200, "", null);
  }

  /** The outcome of one attempt: a new session, or how long to wait, or neither (no match). */
  private record Attempt(String sessionId, OptionalLong waitSeconds) {}

  private void submit(Context ctx) {
    Pages.securityHeaders(ctx);
    String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    if (!Pages.constantTimeEquals(ctx.cookie(CSRF_COOKIE), ctx.formParam("csrf"))) {
      form(ctx, 403, email, "This form had expired, so you were not signed in. Please try again.");
      return;
    }
    if (email.indexOf('\0') >= 0 || password.indexOf('\0') >= 0) {
      // No one types a NUL, and PostgreSQL cannot store one: the form again, with the e-mail as typed less the NUL.
      form(ctx, 400, email.replace("\0", ""), "Your email or password has a NUL character, which cannot be used. Remove it and try again.");
      return;
    }
    if (email.isEmpty() || password.isEmpty()) {
      form(ctx, 400, email, "Enter your email and your password.");
      return;
    }
    if (email.length() > MAX_EMAIL_LENGTH) {
      form(ctx, 401, "", WRONG);
      return;
    }
    String key = DashboardLogins.normalizedEmail(email);
    long now = clock.now();
    Attempt attempt = jdbi.inTransaction(h -> {
      Optional<String> device = TrustedDevice.of(h, ctx, key);
      SignInThrottle.Attempt who = new SignInThrottle.Attempt(key, ctx.ip(), device.orElse(null));
      SignInThrottle.lock(h, who);
      OptionalLong wait = SignInThrottle.secondsToWait(h, who, now);
      if (wait.isPresent()) {
        return new Attempt(null, wait); // refused before any password is hashed
      }
      Optional<String> account = DashboardLogins.accountFor(h, key, password);
      if (account.isEmpty()) {
        SignInThrottle.recordFailure(h, who, now);
        return new Attempt(null, OptionalLong.empty());
      }
      SignInThrottle.clear(h, who);
      TrustedDevice.remember(h, ctx, key, device);
      // a new session id at every sign-in; whatever session this browser had ends here
      Sessions.current(h, ctx, now).ifPresent(old -> Sessions.close(h, old.id()));
      return new Attempt(Sessions.open(h, account.get(), now), OptionalLong.empty());
    });
    if (attempt.waitSeconds().isPresent()) {
      form(ctx, 429, email, SignInThrottle.waitMessage(attempt.waitSeconds().getAsLong()));
    } else if (attempt.sessionId() == null) {
      form(ctx, 401, email, WRONG);
    } else {
      ctx.removeCookie(CSRF_COOKIE, PATH);
      Sessions.setCookie(ctx, attempt.sessionId());
      ctx.redirect("/dashboard", HttpStatus.SEE_OTHER);
    }
  }

  /** The form, with the e-mail as typed; the password is never sent back. */
  private static void form(Context ctx, int status, String email, String error) {
    String token = ctx.cookie(CSRF_COOKIE);
    if (token == null || !token.matches("[A-Za-z0-9]{" + TOKEN_LENGTH + "}")) {
      token = Ids.random(TOKEN_LENGTH);
      // name, value, path, max age (-1: until the browser closes), secure, HttpOnly, domain, SameSite
      ctx.cookie(new Cookie(CSRF_COOKIE, token, PATH, -1, "https".equals(ctx.scheme()), true, null, SameSite.STRICT));
    }
    Pages.render(ctx, status, "dashboard/sign_in.jte", new SignInView(email, token, error));
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.http.Context;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The checks every signed-in Dashboard page makes before anything runs, the platform's and a
 * holder's alike: a live session (its hour on the default sandbox's clock), and on a POST the
 * session's CSRF token. Each answers the page saying why when it fails; the caller then stops.
 */
final class SignedIn {
  /** Holders reach their Dashboard two ways, so the page says both. */
  static final String HOLDER_SESSION_ENDED = "For your security, dashboard sessions expire. With a Standard"
      + " account, sign in again. With an Express account, go back to the site that sent you here and ask for a new"
      + " link to your dashboard.";
  static final String HOLDER_FORM_EXPIRED = "Nothing was changed. Go back to your dashboard, reload the page and try again.";

  private SignedIn() {}

  /** The request's session, with the security headers set; empty (a 401 page answered, saying {@code ended}) when there is none. */
  static Optional<Session> session(Jdbi jdbi, ProcessorClock clock, Context ctx, String ended) {
    Pages.securityHeaders(ctx);
    Optional<Session> session = jdbi.withHandle(h -> Sessions.current(h, ctx, clock.now()));
    if (session.isEmpty()) {
      Pages.message(ctx, 401, "Your session has ended", ended, SignIn.PATH, "Sign in to your Dashboard");
    }
    return session;
  }

  /** Whether the request may go on: not a POST, or a POST with the session's form token; else a 403 page saying {@code expired}. */
  static boolean formTokenHolds(Context ctx, Session session, String expired) {
    if ("POST".equals(ctx.method().name()) && !Pages.constantTimeEquals(session.csrf(), ctx.formParam("csrf"))) {
      Pages.message(ctx, 403, "This form has expired", expired);
      return false;
    }
    return true;
  }
}

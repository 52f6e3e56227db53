package com.comptoir.processor.dashboard;

import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.http.Context;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform's Dashboard (on Stripe, the platform's own dashboard.stripe.com): signed in through
 * {@link SignIn} with the platform's login ({@code PlatformLogin}), it shows what a connected
 * account's holder must never see, so every page here checks that the session's account is the
 * platform itself (an account with no platform above it), not just that a session exists.
 */
final class PlatformPages {
  private final Jdbi jdbi;
  private final ProcessorClock clock;

  PlatformPages(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Whether {@code accountId} is a platform: the Dashboard then shows the platform's pages, not a holder's. */
  static boolean isPlatform(Handle h, String accountId) {
    return h.createQuery("SELECT platform_id IS NULL FROM accounts WHERE id = :id").bind("id", accountId)
        .mapTo(Boolean.class).findOne().orElse(false);
  }

  @FunctionalInterface
  interface PlatformHandler {
    void handle(Session session, PlatformNav nav) throws Exception;
  }

  /**
   * Runs {@code handler} for a signed-in platform, its POSTs carrying the session's CSRF token;
   * anyone else gets a page saying why, and nothing runs.
   */
  void withPlatform(Context ctx, String navPath, PlatformHandler handler) throws Exception {
    Optional<Session> session = SignedIn.session(jdbi, clock, ctx, "For your security, Dashboard sessions expire. Sign in again.");
    if (session.isEmpty()) {
      return;
    }
    if (!jdbi.withHandle(h -> isPlatform(h, session.get().accountId()))) {
      Pages.message(ctx, 404, "There is no such page", "This page belongs to the platform's Dashboard.", "/dashboard", "Go to your dashboard");
      return;
    }
    if (!SignedIn.formTokenHolds(ctx, session.get(), "Nothing was changed. Go back, reload the page and try again.")) {
      return;
    }
    handler.handle(session.get(), nav(session.get(), navPath));
  }

  PlatformNav nav(Session s, String navPath) {
    String name = jdbi.withHandle(h -> h.createQuery("SELECT body::text FROM resources WHERE id = :id AND object = 'account'")
        .bind("id", s.accountId()).mapTo(String.class).findOne().map(Json::parseObject).map(Overview::businessName)
        .orElse(s.accountId()));
    return PlatformNav.of(name, s.csrf(), navPath);
  }

  void home(Context ctx, Session s) throws Exception {
    withPlatform(ctx, "/dashboard", (session, nav) -> new PlatformHome(jdbi, clock).render(ctx, session, nav));
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What every page of a business's Dashboard shares: the holder's session (an Express login link or
 * a Standard sign-in), checked before anything runs, the CSRF token of its forms, and its header.
 * A platform signed in with its own login is sent to its own Dashboard: these pages act for a
 * connected account only, on that account's objects only.
 */
final class HolderPages {
  private final Jdbi jdbi;
  private final ProcessorClock clock;

  HolderPages(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @FunctionalInterface
  interface HolderHandler {
    void handle(Session session, BusinessNav nav) throws Exception;
  }

  /** Runs {@code handler} for a signed-in holder, its POSTs carrying the session's CSRF token; anyone else gets a page saying why. */
  void withHolder(Context ctx, String navPath, HolderHandler handler) throws Exception {
    Optional<Session> session = SignedIn.session(jdbi, clock, ctx, SignedIn.HOLDER_SESSION_ENDED);
    if (session.isEmpty()) {
      return;
    }
    if (jdbi.withHandle(h -> PlatformPages.isPlatform(h, session.get().accountId()))) {
      Pages.message(ctx, 404, "There is no such page", "This page belongs to a connected account's Dashboard.", "/dashboard",
          "Go to your Dashboard");
      return;
    }
    if (!SignedIn.formTokenHolds(ctx, session.get(), SignedIn.HOLDER_FORM_EXPIRED)) {
      return;
    }
    handler.handle(session.get(), nav(session.get(), navPath));
  }

  BusinessNav nav(Session s, String navPath) {
    JsonNode account = jdbi.withHandle(h -> account(h, s.accountId()));
    return BusinessNav.of(Overview.businessName(account), Overview.kind(account), s.csrf(), navPath);
  }

  static JsonNode account(Handle h, String accountId) {
    return h.createQuery("SELECT body::text FROM resources WHERE id = :id AND object = 'account'").bind("id", accountId)
        .mapTo(String.class).findOne().map(Json::parseObject).orElseThrow(() -> new IllegalStateException("no account " + accountId));
  }
}

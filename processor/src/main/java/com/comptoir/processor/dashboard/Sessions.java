package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Ids;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Dashboard sessions: one row in {@code dashboard_sessions} per signed-in browser, however it
 * signed in (an Express login link or a Standard holder's password), named by a random id in an
 * HttpOnly, SameSite=Lax cookie, Secure over https. A session acts for its one account only.
 */
final class Sessions {
  static final String COOKIE = "comptoir_dashboard";
  static final String COOKIE_PATH = "/dashboard";
  static final long SESSION_SECONDS = Duration.ofHours(1).toSeconds();
  private static final int ID_LENGTH = 32;

  private Sessions() {}

  record Session(String id, String accountId, String csrf) {}

  /** A new session of {@code accountId}, with its own CSRF token; returns its id. */
  static String open(Handle h, String accountId, long nowSeconds) {
    String id = Ids.random(ID_LENGTH);
    h.createUpdate("""
            INSERT INTO dashboard_sessions (id, account_id, csrf, created, expires_at)
            VALUES (:id, :account, :csrf, :now, :expires)""")
        .bind("id", id).bind("account", accountId).bind("csrf", Ids.random(ID_LENGTH)).bind("now", nowSeconds)
        .bind("expires", nowSeconds + SESSION_SECONDS).execute();
    return id;
  }

  static void setCookie(Context ctx, String sessionId) {
    // name, value, path, max age, secure, HttpOnly, domain, SameSite
    ctx.cookie(new Cookie(COOKIE, sessionId, COOKIE_PATH, (int) SESSION_SECONDS, "https".equals(ctx.scheme()), true, null, SameSite.LAX));
  }

  static void removeCookie(Context ctx) {
    ctx.removeCookie(COOKIE, COOKIE_PATH);
  }

  /** The live session the browser's cookie names, if any: not expired, of an account not deleted. */
  static Optional<Session> current(Handle h, Context ctx, long nowSeconds) {
    String id = ctx.cookie(COOKIE);
    if (id == null || id.length() != ID_LENGTH) {
      return Optional.empty();
    }
    return h.createQuery("""
            SELECT s.id, s.account_id, s.csrf FROM dashboard_sessions s JOIN accounts a ON a.id = s.account_id
            WHERE s.id = :id AND s.expires_at >= :now AND NOT a.deleted""")
        .bind("id", id).bind("now", nowSeconds)
        .map((rs, c) -> new Session(rs.getString(1), rs.getString(2), rs.getString(3)))
        .findOne();
  }

  static void close(Handle h, String sessionId) {
    h.createUpdate("DELETE FROM dashboard_sessions WHERE id = :id").bind("id", sessionId).execute();
  }
}

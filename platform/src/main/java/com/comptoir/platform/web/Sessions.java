package com.comptoir.platform.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Server-side sessions in PostgreSQL. The browser holds a random token in an HttpOnly, SameSite=Lax
 * cookie (Secure, and {@code __Host-} prefixed, when the platform is served over https); the
 * database holds its SHA-256, who is signed in, and the session's CSRF token. Every visitor who is
 * shown a form gets a session cookie, so the sign-up and log-in forms are protected too; signing in
 * replaces it with a new one, so a token planted before sign-in is worthless after.
 *
 * <p>An anonymous visitor's session is written to the database only once it holds something
 * ({@link #ensure}, for a cart): reading pages must not cost a write each, or a crawler fills the
 * table. Until then its CSRF token is derived from the cookie's token ({@link #derivedCsrf}), so a
 * form posted back is checked against the cookie the browser sends, with no row to look up: a
 * cross-site page can make the browser send the cookie but cannot read it, nor the token in our page.
 */
public final class Sessions {
  /** A visitor who is not signed in keeps a session this long: long enough to fill in a form. */
  static final Duration ANONYMOUS_LIFETIME = Duration.ofHours(2);
  /** A signed-in session ends after this long without a request... */
  static final Duration IDLE_TIMEOUT = Duration.ofHours(12);
  /** ...and after this long whatever happens. */
  static final Duration ABSOLUTE_LIFETIME = Duration.ofDays(7);
  /** Touching {@code last_seen_at} on every request would write on every page view. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(5);
  private static final String ATTRIBUTE = "comptoir.session";
  /** What {@link Tokens#random} makes: 32 bytes in unpadded base64url. Any other cookie value is ignored. */
  private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");

  /**
   * One session; exactly one of merchant and operator is set once signed in, neither before.
   * {@code stored} is false for an anonymous session that nothing has needed to write yet.
   */
  public record Session(byte[] tokenHash, Long merchantId, Long operatorId, String csrf, String email, boolean stored) {}

  private final Jdbi jdbi;
  private final boolean secure;
  private final String cookieName;

  public Sessions(Jdbi jdbi, boolean secure) {
    this.jdbi = jdbi;
    this.secure = secure;
    this.cookieName = secure ? "__Host-comptoir_session" : "comptoir_session";
  }

  /** The request's live session, if its cookie names one. */
  public Optional<Session> current(Context ctx) {
    Session cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return Optional.of(cached);
    }
    String token = ctx.cookie(cookieName);
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    byte[] hash = Tokens.hash(token);
    record Row(Session session, boolean stale) {}
    Optional<Row> row = jdbi.withHandle(h -> h.createQuery("""
            SELECT s.token_hash, s.merchant_id, s.operator_id, s.csrf_token, coalesce(m.email, o.email),
                   s.last_seen_at < now() - make_interval(secs => :touch) AS stale
            FROM sessions s
            LEFT JOIN merchants m ON m.id = s.merchant_id
            LEFT JOIN operators o ON o.id = s.operator_id
            WHERE s.token_hash = :hash AND s.expires_at > now()""")
        .bind("hash", hash).bind("touch", TOUCH_EVERY.toSeconds())
        .map((rs, c) -> new Row(
            new Session(rs.getBytes(1), (Long) rs.getObject(2), (Long) rs.getObject(3), rs.getString(4), rs.getString(5), true),
            rs.getBoolean(6)))
        .findOne());
    row.filter(r -> r.stale() && (r.session().merchantId() != null || r.session().operatorId() != null))
        .ifPresent(r -> jdbi.useHandle(h -> touch(h, hash)));
    // No row: an anonymous session nothing has stored yet, or one that ended (then it is anonymous now).
    Session found = row.map(Row::session).orElseGet(() -> unstored(token));
    ctx.attribute(ATTRIBUTE, found);
    return Optional.of(found);
  }

  private static Session unstored(String token) {
    return new Session(Tokens.hash(token), null, null, derivedCsrf(token), null, false);
  }

  /**
   * An anonymous session's CSRF token: SHA-256 of the cookie's token under a label of its own, so
   * it is not the hash the database keys sessions by, and the page that shows it does not give
   * away the cookie.
   */
  static String derivedCsrf(String token) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Tokens.hash("csrf:" + token));
  }

  private static void touch(Handle h, byte[] hash) {
    h.createUpdate("""
            UPDATE sessions SET last_seen_at = now(),
                   expires_at = least(created_at + make_interval(secs => :absolute), now() + make_interval(secs => :idle))
            WHERE token_hash = :hash""")
        .bind("hash", hash).bind("absolute", ABSOLUTE_LIFETIME.toSeconds()).bind("idle", IDLE_TIMEOUT.toSeconds())
        .execute();
  }

  /**
   * The request's session, written to the database: for a visitor whose session is about to hold
   * something (a cart). Starts an anonymous one if there is none; keeps the CSRF token of forms
   * already shown.
   */
  public Session ensure(Context ctx) {
    Session session = forForms(ctx);
    if (session.stored()) {
      return session;
    }
    // ON CONFLICT: two first requests of one browser may race to store the same session.
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO sessions (token_hash, csrf_token, expires_at)
            VALUES (:hash, :csrf, now() + make_interval(secs => :lifetime)) ON CONFLICT (token_hash) DO NOTHING""")
        .bind("hash", session.tokenHash()).bind("csrf", session.csrf()).bind("lifetime", ANONYMOUS_LIFETIME.toSeconds())
        .execute());
    Session stored = new Session(session.tokenHash(), null, null, session.csrf(), null, true);
    ctx.attribute(ATTRIBUTE, stored);
    return stored;
  }

  /**
   * The request's session, or a new anonymous one that lives in its cookie only: what a page needs
   * to show forms (their CSRF token). Writes nothing to the database.
   */
  public Session forForms(Context ctx) {
    return current(ctx).orElseGet(() -> {
      String token = Tokens.random();
      Session session = unstored(token);
      ctx.cookie(cookie(token, -1));
      ctx.attribute(ATTRIBUTE, session);
      return session;
    });
  }

  /** Ends whatever session the browser had and starts a signed-in one for the merchant. */
  public Session signInMerchant(Context ctx, long merchantId, String email) {
    signOut(ctx);
    return start(ctx, merchantId, null, email, IDLE_TIMEOUT);
  }

  public Session signInOperator(Context ctx, long operatorId, String email) {
    signOut(ctx);
    return start(ctx, null, operatorId, email, IDLE_TIMEOUT);
  }

  public void signOut(Context ctx) {
    String token = ctx.cookie(cookieName);
    if (token != null) {
      jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :hash").bind("hash", Tokens.hash(token)).execute());
      ctx.cookie(cookie("", 0));
    }
    ctx.attribute(ATTRIBUTE, null);
  }

  /** Ends every session of a merchant, as after a password reset: whoever knew the old password is out. */
  public static void endAllFor(Handle h, long merchantId) {
    h.createUpdate("DELETE FROM sessions WHERE merchant_id = :m").bind("m", merchantId).execute();
  }

  /** The signed-in merchant's id, or a redirect to the log-in page that comes back here. */
  public long requireMerchant(Context ctx) {
    return current(ctx).map(Session::merchantId)
        .orElseThrow(() -> new HttpErrors.SignInRequired("/login", returnPath(ctx)));
  }

  public long requireOperator(Context ctx) {
    return current(ctx).map(Session::operatorId)
        .orElseThrow(() -> new HttpErrors.SignInRequired("/operator/login", returnPath(ctx)));
  }

  private static String returnPath(Context ctx) {
    return "GET".equals(ctx.method().name()) ? ctx.path() : null;
  }

  /** The frame of a page in {@code area} ({@code merchant}, {@code operator}, {@code public}), with a session for its forms. */
  public Chrome chrome(Context ctx, String area) {
    Session session = forForms(ctx);
    return new Chrome(session.csrf(), session.email(), area, ctx.path());
  }

  /** Deletes expired sessions; called by the maintenance job. */
  public static int deleteExpired(Handle h) {
    return h.createUpdate("DELETE FROM sessions WHERE expires_at < now()").execute();
  }

  private Session start(Context ctx, Long merchantId, Long operatorId, String email, Duration lifetime) {
    String token = Tokens.random();
    Session session = new Session(Tokens.hash(token), merchantId, operatorId, Tokens.random(), email, true);
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO sessions (token_hash, merchant_id, operator_id, csrf_token, expires_at)
            VALUES (:hash, :merchant, :operator, :csrf, now() + make_interval(secs => :lifetime))""")
        .bind("hash", session.tokenHash()).bind("merchant", merchantId).bind("operator", operatorId)
        .bind("csrf", session.csrf()).bind("lifetime", lifetime.toSeconds())
        .execute());
    // A signed-in cookie outlives the browser window up to the absolute lifetime; an anonymous one does not.
    ctx.cookie(cookie(token, merchantId == null && operatorId == null ? -1 : (int) ABSOLUTE_LIFETIME.toSeconds()));
    ctx.attribute(ATTRIBUTE, session);
    return session;
  }

  private Cookie cookie(String value, int maxAgeSeconds) {
    return new Cookie(cookieName, value, "/", maxAgeSeconds, secure, true, null, SameSite.LAX);
  }
}

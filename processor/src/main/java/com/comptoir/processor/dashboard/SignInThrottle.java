package com.comptoir.processor.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * Slows password guessing at {@code /dashboard/login} without handing strangers a way to lock a
 * holder out, the way the better sign-in pages do (OWASP's "device cookie" scheme): failures are
 * counted per scope, and once a scope has had its free failures each further one doubles the wait
 * before the next attempt, up to {@link #MAX_WAIT}.
 *
 * <ul>
 *   <li><b>e-mail from one address</b> ({@value #PAIR_FREE} free, then 1 minute, 2, 4, ...): the
 *       ordinary brake on someone guessing one login.
 *   <li><b>one address, any e-mail</b> ({@value #CLIENT_FREE} free, then 30 seconds, 1 minute, 2, ...):
 *       spraying many e-mails from one address is bounded too.
 *   <li><b>e-mail from any address</b> ({@value #ACCOUNT_FREE} free, then 30 seconds, 1 minute, 2, ...):
 *       guessing one login from many addresses is bounded. This is the scope a stranger could use
 *       to lock the holder out, so it does not apply to a browser holding a {@link TrustedDevice}
 *       cookie for that e-mail (one that signed in with the password before): there only that
 *       device's own failures count ({@value #PAIR_FREE} free, then 1 minute, 2, 4, ...), and a
 *       stranger's failures elsewhere never slow it.
 * </ul>
 *
 * <p>A throttled attempt is refused before the password is looked at, so it costs no Argon2 hash,
 * and is not counted, so waits do not grow while refused. Scopes are counted per e-mail known or
 * not, so the refusal says nothing about whether a login exists. A success clears the scopes of
 * that e-mail on that address or device. Failures count for {@link #WINDOW}; times are on the
 * processor clock. Callers hold {@link #lock} for the check, the password check and the record, so
 * parallel guesses are counted one by one.
 */
final class SignInThrottle {
  static final int PAIR_FREE = 5;
  static final int CLIENT_FREE = 50;
  static final int ACCOUNT_FREE = 20;
  static final long WINDOW_SECONDS = Duration.ofHours(1).toSeconds();
  static final long MAX_WAIT = Duration.ofMinutes(15).toSeconds();
  private static final long PAIR_FIRST_WAIT = Duration.ofMinutes(1).toSeconds();
  private static final long WIDE_FIRST_WAIT = 30;

  /** Who is signing in with what: the e-mail (normalized), the client's address, and its trusted device, if any. */
  record Attempt(String email, String address, String device) {
    private String pairKey() {
      return device != null ? "device:" + email + " " + device : "pair:" + email + " " + address;
    }
  }

  private SignInThrottle() {}

  /** Serialises attempts from the address, then for the e-mail (always in that order), until the transaction ends. */
  static void lock(Handle h, Attempt a) {
    for (String key : List.of("dashboard_sign_in:client:" + a.address(), "dashboard_sign_in:" + a.email())) {
      h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))").bind("key", key).mapTo(Integer.class).one();
    }
  }

  /** Seconds until another attempt is allowed, or empty if one is allowed now. */
  static OptionalLong secondsToWait(Handle h, Attempt a, long nowSeconds) {
    long until = wait(h, a.pairKey(), PAIR_FREE, PAIR_FIRST_WAIT, nowSeconds);
    if (a.device() == null) {
      until = Math.max(until, wait(h, "client:" + a.address(), CLIENT_FREE, WIDE_FIRST_WAIT, nowSeconds));
      until = Math.max(until, wait(h, "account:" + a.email(), ACCOUNT_FREE, WIDE_FIRST_WAIT, nowSeconds));
    }
    return until > nowSeconds ? OptionalLong.of(until - nowSeconds) : OptionalLong.empty();
  }

  /** When the scope {@code key} allows its next attempt: after its latest failure, by a wait that doubles per failure past the free ones. */
  private static long wait(Handle h, String key, int free, long firstWaitSeconds, long nowSeconds) {
    record Count(int failures, long latest) {}
    Count c = h.createQuery("""
            SELECT count(*), coalesce(max(failed_at), 0) FROM dashboard_sign_in_failures WHERE email = :key AND failed_at > :since""")
        .bind("key", key).bind("since", nowSeconds - WINDOW_SECONDS)
        .map((rs, ctx) -> new Count(rs.getInt(1), rs.getLong(2))).one();
    if (c.failures() < free) {
      return 0;
    }
    int doublings = Math.min(c.failures() - free, 20); // 2^20 s is far past MAX_WAIT: no overflow
    return c.latest() + Math.min(MAX_WAIT, firstWaitSeconds << doublings);
  }

  static void recordFailure(Handle h, Attempt a, long nowSeconds) {
    List<String> keys = a.device() != null ? List.of(a.pairKey())
        : List.of(a.pairKey(), "client:" + a.address(), "account:" + a.email());
    // The table's email column holds the scope's key ("pair:...", "client:...", "account:...", "device:...").
    for (String key : keys) {
      h.createUpdate("INSERT INTO dashboard_sign_in_failures (email, failed_at) VALUES (:key, :now)")
          .bind("key", key).bind("now", nowSeconds).execute();
    }
    // Failures older than the window count for nothing: keep the table to what can still matter.
    h.createUpdate("DELETE FROM dashboard_sign_in_failures WHERE failed_at <= :cutoff")
        .bind("cutoff", nowSeconds - WINDOW_SECONDS).execute();
  }

  /** After a success: this e-mail's failures on this address or device are forgiven; the wider scopes keep theirs. */
  static void clear(Handle h, Attempt a) {
    h.createUpdate("DELETE FROM dashboard_sign_in_failures WHERE email = :key").bind("key", a.pairKey()).execute();
  }

  /** "Try again in 12 minutes", rounded up to a whole minute. */
  static String waitMessage(long seconds) {
    long minutes = Math.max(1, (seconds + 59) / 60);
    return "Too many failed attempts to sign in with this email. For your security, try again in " + minutes
        + (minutes == 1 ? " minute." : " minutes.");
  }
}

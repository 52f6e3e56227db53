package com.comptoir.platform.merchants;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed log-ins for one e-mail from one
 * client address within {@link #WINDOW}, further attempts from there are refused, without checking
 * the password, until the oldest of those failures is {@link #WINDOW} old. A success clears the
 * count. Attempts made while refused are not recorded, so the wait does not grow without bound.
 * Callers hold {@link #lock} for the check, the verification and the record, so parallel guesses
 * cannot slip past the count.
 */
public final class LoginThrottle {
  public static final int MAX_FAILURES = 5;
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private LoginThrottle() {}

  /** Serialises attempts for one e-mail and address until the transaction ends. */
  public static void lock(Handle h, String realm, String email, String ip) {
    h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .bind("key", "login:" + realm + ":" + normalize(email) + ":" + ip).mapTo(Integer.class).one();
  }

  /** How long until another attempt is allowed, or empty if one is allowed now. */
  public static Optional<Duration> waitBeforeNextAttempt(Handle h, String realm, String email, String ip) {
    Optional<OffsetDateTime> unlocksAt = h.createQuery("""
            WITH recent AS (
              SELECT succeeded, attempted_at FROM login_attempts
              WHERE realm = :realm AND email = :email AND ip = :ip
                AND attempted_at > now() - make_interval(secs => :window)
              ORDER BY attempted_at DESC LIMIT :max
            )
            SELECT min(attempted_at) + make_interval(secs => :window) FROM recent
            HAVING count(*) = :max AND bool_and(NOT succeeded)""")
        .bind("realm", realm).bind("email", normalize(email)).bind("ip", ip)
        .bind("window", WINDOW.toSeconds()).bind("max", MAX_FAILURES)
        .mapTo(OffsetDateTime.class).findOne();
    OffsetDateTime now = h.createQuery("SELECT now()").mapTo(OffsetDateTime.class).one();
    return unlocksAt.filter(t -> t.isAfter(now)).map(t -> Duration.between(now, t));
  }

  public static void record(Handle h, String realm, String email, String ip, boolean succeeded) {
    h.createUpdate("INSERT INTO login_attempts (realm, email, ip, succeeded) VALUES (:realm, :email, :ip, :ok)")
        .bind("realm", realm).bind("email", normalize(email)).bind("ip", ip).bind("ok", succeeded).execute();
  }

  /** Forgets attempts too old to matter; called by the maintenance job. */
  public static int deleteOld(Handle h) {
    return h.createUpdate("DELETE FROM login_attempts WHERE attempted_at < now() - interval '1 day'").execute();
  }

  /** "Try again in 12 minutes", rounded up to a whole minute. */
  public static String waitMessage(Duration wait) {
    long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
    return "Too many failed attempts. For your security, try again in " + minutes + (minutes == 1 ? " minute" : " minutes")
        + ", or reset your password.";
  }

  static String normalize(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }
}

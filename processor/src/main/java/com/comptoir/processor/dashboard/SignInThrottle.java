package com.comptoir.processor.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * Slows password guessing at {@code /dashboard/login}: after {@value #MAX_FAILURES} failed
 * sign-ins for one e-mail within {@link #WINDOW_SECONDS}, further attempts for it are refused,
 * without checking the password, until the oldest of those failures is a window old. Counted per
 * e-mail, known or not, so the refusal says nothing about whether a login exists. Attempts made
 * while refused are not counted, so the wait does not grow without bound; a success clears the
 * count. Times are on the processor clock. Callers hold {@link #lock} for the check, the password
 * check and the record, so parallel guesses are counted one by one.
 */
final class SignInThrottle {
  static final int MAX_FAILURES = 5;
  static final long WINDOW_SECONDS = Duration.ofMinutes(15).toSeconds();

  private SignInThrottle() {}

  /** Serialises attempts for {@code email} until the transaction ends. */
  static void lock(Handle h, String email) {
    h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .bind("key", "dashboard_sign_in:" + email).mapTo(Integer.class).one();
  }

  /** Seconds until another attempt for {@code email} is allowed, or empty if one is allowed now. */
  static OptionalLong secondsToWait(Handle h, String email, long nowSeconds) {
    List<Long> recent = h.createQuery("""
            SELECT failed_at FROM dashboard_sign_in_failures WHERE email = :email AND failed_at > :since
            ORDER BY failed_at DESC LIMIT :max""")
        .bind("email", email).bind("since", nowSeconds - WINDOW_SECONDS).bind("max", MAX_FAILURES)
        .mapTo(Long.class).list();
    if (recent.size() < MAX_FAILURES) {
      return OptionalLong.empty();
    }
    long oldest = recent.get(recent.size() - 1);
    return OptionalLong.of(Math.max(1, oldest + WINDOW_SECONDS - nowSeconds));
  }

  static void recordFailure(Handle h, String email, long nowSeconds) {
    h.createUpdate("INSERT INTO dashboard_sign_in_failures (email, failed_at) VALUES (:email, :now)")
        .bind("email", email).bind("now", nowSeconds).execute();
    // Failures older than the window count for nothing: keep the table to what can still matter.
    h.createUpdate("DELETE FROM dashboard_sign_in_failures WHERE failed_at <= :cutoff")
        .bind("cutoff", nowSeconds - WINDOW_SECONDS).execute();
  }

  static void clear(Handle h, String email) {
    h.createUpdate("DELETE FROM dashboard_sign_in_failures WHERE email = :email").bind("email", email).execute();
  }

  /** "Try again in 12 minutes", rounded up to a whole minute. */
  static String waitMessage(long seconds) {
    long minutes = Math.max(1, (seconds + 59) / 60);
    return "Too many failed attempts to sign in with this email. For your security, try again in " + minutes
        + (minutes == 1 ? " minute." : " minutes.");
  }
}

package com.comptoir.platform.merchants;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Slows password guessing without handing strangers a way to lock a merchant or operator out, the
 * way the better sign-in pages do (OWASP's "device cookie" scheme). Every attempt is recorded;
 * failures are counted per scope, and once a scope has had its free failures each further one
 * doubles the wait before the next attempt, up to {@link #MAX_WAIT}:
 *
 * <ul>
 *   <li><b>e-mail from one client</b> ({@value #PAIR_FREE} free, then 1 minute, 2, 4, ...; a
 *       success starts the count again): the ordinary brake on guessing one password.
 *   <li><b>one client address, any e-mail</b> ({@value #CLIENT_FREE} free, then 30 seconds, 1 minute,
 *       2, ...): spraying many e-mails from one address is bounded.
 *   <li><b>e-mail from any address</b> ({@value #ACCOUNT_FREE} free, then 30 seconds, 1 minute, 2, ...):
 *       guessing one password from many addresses is bounded. A stranger could use this scope to
 *       lock the owner out, so it does not apply to a browser holding a {@link TrustedDevice}
 *       cookie for that e-mail (one that signed in with the password before): there the "client"
 *       is the device, and only its own failures count.
 * </ul>
 *
 * A throttled attempt is refused before any password is hashed, and is not recorded, so waits do
 * not grow while refused. Counted per e-mail known or not, so a refusal says nothing about whether
 * an account exists. Callers hold {@link #lock} for the check, the verification and the record, so
 * parallel guesses cannot slip past the count.
 */
public final class LoginThrottle {
  public static final int PAIR_FREE = 5;
  public static final int CLIENT_FREE = 50;
  public static final int ACCOUNT_FREE = 20;
  public static final Duration WINDOW = Duration.ofHours(1);
  public static final Duration MAX_WAIT = Duration.ofMinutes(15);
  private static final Duration PAIR_FIRST_WAIT = Duration.ofMinutes(1);
  private static final Duration WIDE_FIRST_WAIT = Duration.ofSeconds(30);
  /** How a trusted device is written in the {@code ip} column, so that it is not taken for an address. */
  static final String DEVICE_PREFIX = "device:";

  /**
   * Who is logging in: the realm ({@code merchant}, {@code operator}), the e-mail, the client's
   * address, and the nonce of its trusted device for this e-mail, if it has one.
   */
  public record Attempt(String realm, String email, String address, String device) {
    public Attempt {
      email = normalize(email);
    }

    /** The {@code ip} column's value: the device when there is one, so its failures are its own. */
    String client() {
      return device != null ? DEVICE_PREFIX + device : address;
    }
  }

  private LoginThrottle() {}

  /** Serialises attempts from one address, then for one e-mail (always in that order), until the transaction ends. */
  public static void lock(Handle h, Attempt a) {
    for (String key : new String[] {"login:" + a.realm() + ":client:" + a.address(), "login:" + a.realm() + ":" + a.email()}) {
      h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))").bind("key", key).mapTo(Integer.class).one();
    }
  }

  /** How long until another attempt is allowed, or empty if one is allowed now. */
  public static Optional<Duration> waitBeforeNextAttempt(Handle h, Attempt a) {
    OffsetDateTime now = h.createQuery("SELECT now()").mapTo(OffsetDateTime.class).one();
    // The pair's failures since its last success; the wider scopes' failures whatever succeeded since.
    OffsetDateTime until = allowedFrom(h, a, """
        email = :email AND ip = :client AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempts
          WHERE realm = :realm AND email = :email AND ip = :client AND succeeded), '-infinity')""", PAIR_FREE, PAIR_FIRST_WAIT);
    if (a.device() == null) {
      until = later(until, allowedFrom(h, a, "ip = :address", CLIENT_FREE, WIDE_FIRST_WAIT));
      until = later(until, allowedFrom(h, a, "email = :email AND ip NOT LIKE '" + DEVICE_PREFIX + "%'", ACCOUNT_FREE, WIDE_FIRST_WAIT));
    }
    return until != null && until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  /** When the scope allows its next attempt: after its latest failure, by a wait that doubles per failure past the free ones. */
  private static OffsetDateTime allowedFrom(Handle h, Attempt a, String scope, int free, Duration firstWait) {
    record Count(int failures, OffsetDateTime latest) {}
    Count c = h.createQuery("SELECT count(*), max(attempted_at) FROM login_attempts WHERE realm = :realm AND NOT succeeded"
            + " AND attempted_at > now() - make_interval(secs => :window) AND " + scope)
        .bind("realm", a.realm()).bind("email", a.email()).bind("client", a.client()).bind("address", a.address())
        .bind("window", WINDOW.toSeconds())
        .map((rs, ctx) -> new Count(rs.getInt(1), rs.getObject(2, OffsetDateTime.class))).one();
    if (c.failures() < free) {
      return null;
    }
    int doublings = Math.min(c.failures() - free, 20); // 2^20 s is far past MAX_WAIT: no overflow
    Duration wait = firstWait.multipliedBy(1L << doublings);
    return c.latest().plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
  }

  private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  public static void record(Handle h, Attempt a, boolean succeeded) {
    h.createUpdate("INSERT INTO login_attempts (realm, email, ip, succeeded) VALUES (:realm, :email, :ip, :ok)")
        .bind("realm", a.realm()).bind("email", a.email()).bind("ip", a.client()).bind("ok", succeeded).execute();
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

package com.comptoir.processor.accounts;

import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform's own Dashboard login (on Stripe, the platform's team member at
 * dashboard.stripe.com): an e-mail and password that the launcher generates on first start or
 * takes from {@code COMPTOIR_DASHBOARD_EMAIL} / {@code COMPTOIR_DASHBOARD_PASSWORD}. It is kept as
 * the platform account's row in {@code dashboard_logins}, so it signs in through the same form,
 * CSRF check and throttle as a Standard holder's login; only its Argon2id hash is stored.
 */
public record PlatformLogin(String email, String password) {

  public PlatformLogin {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(password, "password");
    if (!email.strip().matches("[^@\\s]+@[^@\\s]+") || email.strip().length() > 254) {
      throw new IllegalArgumentException("the Dashboard e-mail must look like someone@example.com");
    }
    String problem = Passwords.problemWith(password, email);
    if (problem != null) {
      throw new IllegalArgumentException("the Dashboard password is not usable: " + problem);
    }
  }

  /** Never the password, so settings can be logged. */
  @Override
  public String toString() {
    return "PlatformLogin[" + email + ", password ...]";
  }

  /**
   * Makes {@code login} the platform account's Dashboard login: created on first start, and
   * changed when the e-mail or password given at this start differ from the kept ones (a password
   * is re-hashed only then, so a restart costs one Argon2 check, not a new hash).
   *
   * @throws IllegalStateException if a connected account's holder already signs in with that e-mail
   */
  public static void ensure(Jdbi jdbi, String platformAccountId, PlatformLogin login, long nowSeconds) {
    jdbi.useTransaction(h -> ensure(h, platformAccountId, login, nowSeconds));
  }

  /** As {@link #ensure(Jdbi, String, PlatformLogin, long)}, in {@code h}'s transaction (a sandbox's creation). */
  public static void ensure(Handle h, String platformAccountId, PlatformLogin login, long nowSeconds) {
    String email = DashboardLogins.normalizedEmail(login.email());
    h.execute("SELECT pg_advisory_xact_lock(hashtext('comptoir.platform_login'))");
    if (DashboardLogins.emailTakenByAnother(h, email, platformAccountId)) {
      throw new IllegalStateException("the Dashboard e-mail " + email + " is already a connected account holder's login;"
          + " choose another COMPTOIR_DASHBOARD_EMAIL");
    }
    Optional<String> keptHash = keptHash(h, platformAccountId, email);
    if (keptHash.isPresent() && Passwords.matches(login.password(), keptHash.get())) {
      return;
    }
    h.createUpdate("""
            INSERT INTO dashboard_logins (account_id, email, password_hash, created) VALUES (:account, :email, :hash, :now)
            ON CONFLICT (account_id) DO UPDATE SET email = excluded.email, password_hash = excluded.password_hash""")
        .bind("account", platformAccountId).bind("email", email).bind("hash", Passwords.hash(login.password()))
        .bind("now", nowSeconds).execute();
  }

  private static Optional<String> keptHash(Handle h, String accountId, String email) {
    return h.createQuery("SELECT password_hash FROM dashboard_logins WHERE account_id = :id AND email = :email")
        .bind("id", accountId).bind("email", email).mapTo(String.class).findOne();
  }
}

package com.comptoir.processor.accounts;

import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The Dashboard logins of Standard account holders (fact sheet §3.3: a Standard account has the
 * full Stripe Dashboard, and its holder, not the platform, controls its payouts). The holder
 * chooses an e-mail and a password during hosted onboarding; the processor's Dashboard signs them
 * in with it. Only an Argon2id hash of the password is stored, and none of it is ever logged.
 */
public final class DashboardLogins {
  /** What hosted onboarding lists as due while a Standard holder has no login; never in the account's requirements. */
  static final String REQUIREMENT = "dashboard_login";

  private DashboardLogins() {}

  /** E-mails compare without case or surrounding spaces, as people type them. */
  public static String normalizedEmail(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The account that {@code email} and {@code password} sign in to, or empty when they do not
   * match a login of an account that still exists. An unknown e-mail costs the time of a wrong
   * password, so timing does not tell which one was wrong.
   */
  public static Optional<String> accountFor(Handle h, String email, String password) {
    record Login(String accountId, String hash) {}
    Optional<Login> login = h.createQuery("""
            SELECT l.account_id, l.password_hash FROM dashboard_logins l JOIN accounts a ON a.id = l.account_id
            WHERE l.email = :email AND NOT a.deleted""")
        .bind("email", normalizedEmail(email))
        .map((rs, c) -> new Login(rs.getString(1), rs.getString(2))).findOne();
    if (login.isEmpty()) {
      Passwords.spendCheckingTime(password);
      return Optional.empty();
    }
    return Passwords.matches(password, login.get().hash()) ? Optional.of(login.get().accountId()) : Optional.empty();
  }

  static boolean exists(Handle h, String accountId) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM dashboard_logins WHERE account_id = :id)")
        .bind("id", accountId).mapTo(Boolean.class).one();
  }

  /** Whether the holder of {@code account} still has to choose a login: Standard accounts only. */
  static boolean due(Handle h, AccountState state) {
    return "standard".equals(state.account.path("type").asText()) && !exists(h, state.id());
  }

  static boolean emailTakenByAnother(Handle h, String email, String accountId) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM dashboard_logins WHERE email = :email AND account_id <> :id)")
        .bind("email", normalizedEmail(email)).bind("id", accountId).mapTo(Boolean.class).one();
  }

  /**
   * Gives {@code accountId} its login. False, and nothing written, if the account has one already
   * (a holder's login is theirs: a new account link must not replace it) or another account signs
   * in with {@code email}.
   */
  static boolean create(Handle h, String accountId, String email, String password, long nowSeconds) {
    // DO NOTHING on either unique key: a race between two tabs ends in a refusal, not an error page.
    return h.createUpdate("""
            INSERT INTO dashboard_logins (account_id, email, password_hash, created) VALUES (:account, :email, :hash, :now)
            ON CONFLICT DO NOTHING""")
        .bind("account", accountId).bind("email", normalizedEmail(email)).bind("hash", Passwords.hash(password))
        .bind("now", nowSeconds).execute() == 1;
  }
}

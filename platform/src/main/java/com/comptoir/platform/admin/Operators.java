package com.comptoir.platform.admin;

import com.comptoir.platform.PlatformSettings.OperatorLogin;
import com.comptoir.platform.merchants.Passwords;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The {@code operators} table: who runs the platform. The configured operator is ensured at start. */
public final class Operators {
  private Operators() {}

  record Operator(long id, String email, String passwordHash) {}

  /** Creates the configured operator, or sets its password if it changed. */
  public static void ensure(Jdbi jdbi, OperatorLogin login) {
    jdbi.useTransaction(h -> {
      Optional<Operator> existing = byEmail(h, login.email());
      if (existing.isEmpty()) {
        h.createUpdate("INSERT INTO operators (email, password_hash) VALUES (:email, :hash) ON CONFLICT DO NOTHING")
            .bind("email", login.email()).bind("hash", Passwords.hash(login.password())).execute();
      } else if (!Passwords.matches(login.password(), existing.get().passwordHash())) {
        h.createUpdate("UPDATE operators SET password_hash = :hash WHERE id = :id")
            .bind("hash", Passwords.hash(login.password())).bind("id", existing.get().id()).execute();
      }
    });
  }

  static Optional<Operator> byEmail(Handle h, String email) {
    return h.createQuery("SELECT id, email, password_hash FROM operators WHERE lower(email) = lower(:email)")
        .bind("email", email.strip())
        .map((rs, c) -> new Operator(rs.getLong(1), rs.getString(2), rs.getString(3))).findOne();
  }
}

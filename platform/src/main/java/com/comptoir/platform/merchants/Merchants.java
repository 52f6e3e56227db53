package com.comptoir.platform.merchants;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code merchants} table: who can sign in to run a store. E-mail is unique without regard to case. */
final class Merchants {
  private Merchants() {}

  record Merchant(long id, String email, String passwordHash) {}

  static Optional<Merchant> byEmail(Handle h, String email) {
    return h.createQuery("SELECT id, email, password_hash FROM merchants WHERE lower(email) = lower(:email)")
        .bind("email", email.strip())
        .map((rs, c) -> new Merchant(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .findOne();
  }

  static boolean emailTaken(Handle h, String email) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM merchants WHERE lower(email) = lower(:email))")
        .bind("email", email.strip()).mapTo(Boolean.class).one();
  }

  static long insert(Handle h, String email, String passwordHash) {
    return h.createUpdate("INSERT INTO merchants (email, password_hash) VALUES (:email, :hash)")
        .bind("email", email.strip()).bind("hash", passwordHash)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  static void setPassword(Handle h, long merchantId, String passwordHash) {
    h.createUpdate("UPDATE merchants SET password_hash = :hash, password_changed_at = now() WHERE id = :id")
        .bind("hash", passwordHash).bind("id", merchantId).execute();
  }

  /** A plausible e-mail address: something, an at sign, a domain with a dot; 254 characters at most. */
  static String problemWithEmail(String email) {
    if (email == null || email.isBlank()) {
      return "Enter your e-mail address.";
    }
    if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      return "Enter an e-mail address such as name@example.com.";
    }
    return null;
  }
}

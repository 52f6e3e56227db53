package com.comptoir.platform.merchants;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashing with Argon2id (password4j), at OWASP's recommended cost: 19 MiB of memory, two
 * passes, one lane. Hashes are PHC strings that carry their own parameters, so verifying an old
 * hash still works after the cost is raised.
 */
public final class Passwords {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int HASH_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);

  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 200;

  /** Verified against when an e-mail is unknown, so an unknown address takes as long as a wrong password. */
  private static final String DECOY_HASH = hash("decoy password that no one has");

  private Passwords() {}

  public static String hash(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2ID).getResult();
  }

  public static boolean matches(String password, String hash) {
    if (password == null || hash == null) {
      return false;
    }
    return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
  }

  /** Spends the time of one verification, for an e-mail that has no account. */
  public static void spendVerificationTime(String password) {
    matches(password == null ? "" : password, DECOY_HASH);
  }

  /** Why {@code password} cannot be used, or null if it can. */
  public static String problemWith(String password, String email) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "Choose a password of at least " + MIN_LENGTH + " characters.";
    }
    if (password.length() > MAX_LENGTH) {
      return "Choose a password of at most " + MAX_LENGTH + " characters.";
    }
    if (email != null && password.equalsIgnoreCase(email.strip())) {
      return "Your password cannot be your e-mail address.";
    }
    return null;
  }
}

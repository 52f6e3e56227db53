package com.comptoir.processor.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Dashboard passwords, hashed with Argon2id (password4j) at OWASP's recommended cost: 19 MiB of
 * memory, two passes, one lane. Hashes are PHC strings carrying their own salt and parameters, so a
 * hash made at an older cost still verifies after the cost is raised.
 */
final class Passwords {
  static final int MIN_LENGTH = 10;
  /** Long enough for any passphrase, short enough that hashing one costs a bounded time. */
  static final int MAX_LENGTH = 200;

  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int PARALLELISM = 1;
  private static final int HASH_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final Argon2Function ARGON2ID = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);

  private Passwords() {}

  /** Made on first use: checked against when an e-mail has no login, so that costs what a wrong password costs. */
  private static final class Decoy {
    static final String HASH = hash("a decoy password that no one has");
  }

  static String hash(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2ID).getResult();
  }

  static boolean matches(String password, String hash) {
    if (password == null || password.length() > MAX_LENGTH) {
      return false;
    }
    return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
  }

  /** Spends the time of one check, for an e-mail that has no login. */
  static void spendCheckingTime(String password) {
    matches(password == null ? "" : password, Decoy.HASH);
  }

  /** Why {@code password} cannot be a Dashboard password, or null if it can. */
  static String problemWith(String password, String email) {
    if (password == null || password.length() < MIN_LENGTH) {
      return "Choose a password of at least " + MIN_LENGTH + " characters.";
    }
    if (password.length() > MAX_LENGTH) {
      return "Choose a password of at most " + MAX_LENGTH + " characters.";
    }
    if (email != null && password.strip().equalsIgnoreCase(email.strip())) {
      return "Your password cannot be your e-mail address.";
    }
    return null;
  }
}

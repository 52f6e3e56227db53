package com.comptoir.platform.merchants;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One log-in attempt, for merchants and operators alike: throttled per e-mail and client address
 * ({@link LoginThrottle}), checked against an Argon2id hash, and recorded, all under one lock so
 * parallel guesses are counted one by one. An unknown e-mail costs the same time as a wrong
 * password.
 */
public final class PasswordLogin {
  private PasswordLogin() {}

  /** Who signed in, or how long to wait, or neither (wrong e-mail or password). */
  public record Outcome<U>(U user, Duration retryAfter) {
    public boolean succeeded() {
      return user != null;
    }

    public boolean throttled() {
      return retryAfter != null;
    }
  }

  public static <U> Outcome<U> attempt(Jdbi jdbi, String realm, String email, String password, String ip,
      BiFunction<Handle, String, Optional<U>> findByEmail, Function<U, String> passwordHash) {
    return jdbi.inTransaction(h -> {
      LoginThrottle.lock(h, realm, email, ip);
      Optional<Duration> wait = LoginThrottle.waitBeforeNextAttempt(h, realm, email, ip);
      if (wait.isPresent()) {
        return new Outcome<U>(null, wait.get());
      }
      Optional<U> user = findByEmail.apply(h, email);
      boolean ok;
      if (user.isPresent()) {
        ok = Passwords.matches(password, passwordHash.apply(user.get()));
      } else {
        Passwords.spendVerificationTime(password);
        ok = false;
      }
      LoginThrottle.record(h, realm, email, ip, ok);
      return new Outcome<U>(ok ? user.get() : null, null);
    });
  }
}

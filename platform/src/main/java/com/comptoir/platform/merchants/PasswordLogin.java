package com.comptoir.platform.merchants;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One log-in attempt, for merchants and operators alike: throttled per client address, per e-mail
 * and per trusted device ({@link LoginThrottle}), checked against an Argon2id hash, and recorded,
 * all under one lock so parallel guesses are counted one by one. An unknown e-mail costs the same
 * time as a wrong password; a throttled attempt costs no hash at all. A success remembers the
 * browser as the account's ({@link TrustedDevice}).
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

  public static <U> Outcome<U> attempt(Jdbi jdbi, String realm, Context ctx, String email, String password,
      BiFunction<Handle, String, Optional<U>> findByEmail, Function<U, String> passwordHash) {
    String normalized = LoginThrottle.normalize(email);
    return jdbi.inTransaction(h -> {
      Optional<U> user = findByEmail.apply(h, email);
      Optional<String> device = user.flatMap(u -> TrustedDevice.of(ctx, realm, normalized, passwordHash.apply(u)));
      LoginThrottle.Attempt who = new LoginThrottle.Attempt(realm, email, ctx.ip(), device.orElse(null));
      LoginThrottle.lock(h, who);
      Optional<Duration> wait = LoginThrottle.waitBeforeNextAttempt(h, who);
      if (wait.isPresent()) {
        return new Outcome<U>(null, wait.get()); // refused before any password is hashed
      }
      boolean ok;
      if (user.isPresent()) {
        ok = Passwords.matches(password, passwordHash.apply(user.get()));
      } else {
        Passwords.spendVerificationTime(password);
        ok = false;
      }
      LoginThrottle.record(h, who, ok);
      if (ok) {
        TrustedDevice.remember(ctx, realm, normalized, passwordHash.apply(user.get()), device);
      }
      return new Outcome<U>(ok ? user.get() : null, null);
    });
  }
}

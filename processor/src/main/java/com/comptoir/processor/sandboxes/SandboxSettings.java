package com.comptoir.processor.sandboxes;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits on sandboxes, as data: how many may exist at once besides the default
 * ({@code COMPTOIR_SANDBOX_LIMIT}), and how long one may sit unused before it is deleted
 * ({@code COMPTOIR_SANDBOX_IDLE_EXPIRY}; empty: never).
 */
public record SandboxSettings(int limit, Optional<Duration> idleExpiry) {
  public static final int DEFAULT_LIMIT = 50;
  /** A bound for the setting itself: each sandbox is a platform with its own clock and jobs. */
  public static final int MAX_LIMIT = 10_000;
  public static final SandboxSettings DEFAULTS = new SandboxSettings(DEFAULT_LIMIT, Optional.empty());

  public SandboxSettings {
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("the sandbox limit must be 0 to " + MAX_LIMIT + ", was " + limit);
    }
    if (idleExpiry.isPresent() && (idleExpiry.get().isNegative() || idleExpiry.get().toMinutes() < 1)) {
      throw new IllegalArgumentException("the sandbox idle expiry must be a minute or more, was " + idleExpiry.get());
    }
  }
}

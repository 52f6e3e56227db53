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
  /**
   * The shortest idle expiry: the launcher's setting is in whole minutes, a test's may be seconds
   * (SandboxIdleExpiryTest), but never so short that a sandbox dies between two of its requests.
   */
  public static final Duration MIN_IDLE_EXPIRY = Duration.ofSeconds(5);
  public static final SandboxSettings DEFAULTS = new SandboxSettings(DEFAULT_LIMIT, Optional.empty());

  public SandboxSettings {
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("the sandbox limit must be 0 to " + MAX_LIMIT + ", was " + limit);
    }
    if (idleExpiry.isPresent() && idleExpiry.get().compareTo(MIN_IDLE_EXPIRY) < 0) {
      throw new IllegalArgumentException("the sandbox idle expiry must be " + MIN_IDLE_EXPIRY.toSeconds() + " seconds or more, was "
          + idleExpiry.get());
    }
  }
}

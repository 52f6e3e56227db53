package com.comptoir.processor.accounts;

import com.comptoir.processor.store.HotCache;
import com.comptoir.processor.store.Ids;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A platform's API keys as its Dashboard (Developers → API keys) shows and rolls them. Rolling a
 * secret key, as on Stripe, makes a new one at once and lets the old one live for a chosen while
 * (none, an hour, a day, a week); the expiry is real time, since Stripe's test clocks never touch
 * keys. Every instance stops taking an expired key at once: its account's keys are evicted from
 * {@link HotCache} here and, by notification, everywhere.
 */
public final class ApiKeys {
  /** Stripe's roll dialog offers these, from "now" to seven days. */
  public static final long MAX_EXPIRY_DELAY_MS = java.time.Duration.ofDays(7).toMillis();

  /** One key: {@code kind} is {@code secret} or {@code publishable}; {@code expiresAtMs} null while it never expires. */
  public record Key(String secret, String kind, long createdSeconds, Long expiresAtMs) {
    public boolean expired(long nowMs) {
      return expiresAtMs != null && nowMs >= expiresAtMs;
    }

    /** The key as the Dashboard shows it until revealed: its prefix and last four characters. */
    public String masked() {
      int prefix = secret.indexOf('_', secret.indexOf('_') + 1) + 1;
      return secret.substring(0, prefix) + "…" + secret.substring(secret.length() - 4);
    }
  }

  private ApiKeys() {}

  /** {@code accountId}'s keys that still work at {@code nowMs} and those that expired within the last week, newest first. */
  public static List<Key> of(Handle h, String accountId, long nowMs) {
    return h.createQuery("""
            SELECT secret, kind, created, expires_at_ms FROM api_keys
            WHERE account_id = :account AND (expires_at_ms IS NULL OR expires_at_ms > :since)
            ORDER BY kind DESC, created DESC, secret""")
        .bind("account", accountId).bind("since", nowMs - MAX_EXPIRY_DELAY_MS)
        .map((rs, c) -> new Key(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Long.class))).list();
  }

  static boolean isExpired(Handle h, String secret) {
    return h.createQuery("SELECT expires_at_ms FROM api_keys WHERE secret = :s").bind("s", secret).mapTo(Long.class).findOne()
        .map(at -> at <= System.currentTimeMillis()).orElse(false);
  }

  /**
   * Rolls {@code accountId}'s secret key {@code secret}: a new secret key now, and the old one
   * expiring {@code expiryDelayMs} from now (0: at once; at most {@link #MAX_EXPIRY_DELAY_MS}).
   * Empty when {@code secret} is not a live secret key of the account: nothing changes then.
   */
  public static Optional<String> roll(Handle h, String accountId, String secret, long expiryDelayMs, long createdSeconds) {
    if (expiryDelayMs < 0 || expiryDelayMs > MAX_EXPIRY_DELAY_MS) {
      throw new IllegalArgumentException("an expiry delay is 0 to 7 days, not " + expiryDelayMs + " ms");
    }
    long nowMs = System.currentTimeMillis();
    int updated = h.createUpdate("""
            UPDATE api_keys SET expires_at_ms = :at WHERE secret = :secret AND account_id = :account AND kind = 'secret'
            AND (expires_at_ms IS NULL OR expires_at_ms > :now)""")
        .bind("at", nowMs + expiryDelayMs).bind("secret", secret).bind("account", accountId).bind("now", nowMs).execute();
    if (updated == 0) {
      return Optional.empty();
    }
    String fresh = "sk_test_" + Ids.random(24);
    h.createUpdate("INSERT INTO api_keys (secret, account_id, kind, created) VALUES (:secret, :account, 'secret', :created)")
        .bind("secret", fresh).bind("account", accountId).bind("created", createdSeconds).execute();
    HotCache.keysChanged(h, accountId);
    return Optional.of(fresh);
  }
}

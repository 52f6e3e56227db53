package com.comptoir.processor.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What nearly every request reads and almost nothing changes: API keys, and account documents
 * (authentication, {@code Stripe-Account}, {@code GET /v1/accounts/{id}}). Kept in memory so a read
 * need not wait on PostgreSQL.
 *
 * <p>Still stateless over the database: a change evicts the entry here at once and, through
 * {@code NOTIFY} on commit, on every other instance; entries also expire after a short while, so a
 * missed notification only delays, never keeps, a change. API keys are never changed in place.
 */
public final class HotCache {
  /** PostgreSQL channel carrying the id of each changed account to every instance. */
  public static final String CHANNEL = "comptoir_cache";
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final int MAX_ENTRIES = 100_000;

  /** An API key's owner and kind. */
  public record Key(String accountId, String kind) {}

  /** An account document as stored, with the account that owns it (its platform, or itself). */
  public record Account(String owner, String json) {}

  private static final Cache<String, Key> KEYS = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TTL).build();
  private static final Cache<String, Account> ACCOUNTS = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TTL).build();

  private HotCache() {}

  static Optional<Key> key(Handle h, String secret) {
    Key cached = KEYS.getIfPresent(secret);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Key> found = h.createQuery("SELECT account_id, kind FROM api_keys WHERE secret = :key").bind("key", secret)
        .map((rs, c) -> new Key(rs.getString(1), rs.getString(2))).findOne();
    found.ifPresent(k -> KEYS.put(secret, k));
    return found;
  }

  /** The account document with this id, whoever owns it; callers check the owner. */
  public static Optional<Account> account(Handle h, String id) {
    Account cached = ACCOUNTS.getIfPresent(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Account> found = h.createQuery("SELECT owner, body::text FROM resources WHERE id = :id AND object = 'account'")
        .bind("id", id).map((rs, c) -> new Account(rs.getString(1), rs.getString(2))).findOne();
    found.ifPresent(a -> ACCOUNTS.put(id, a));
    return found;
  }

  /** Drops an account here now, and everywhere once {@code h}'s transaction commits. */
  public static void changed(Handle h, String accountId) {
    ACCOUNTS.invalidate(accountId);
    h.createQuery("SELECT pg_notify(:channel, :id)").bind("channel", CHANNEL).bind("id", accountId).mapToMap().one();
  }

  /** Another instance (or this one) committed a change to this account. */
  public static void evict(String accountId) {
    ACCOUNTS.invalidate(accountId);
  }

  /** Everything: after a lost connection to the notifications nothing cached can be trusted. */
  public static void clear() {
    ACCOUNTS.invalidateAll();
  }
}

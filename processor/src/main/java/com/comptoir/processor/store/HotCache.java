package com.comptoir.processor.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * What nearly every request reads and almost nothing changes: API keys, and account documents
 * (authentication, {@code Stripe-Account}, {@code GET /v1/accounts/{id}}). Kept in memory so a read
 * need not wait on PostgreSQL.
 *
 * <p>Still stateless over the database: a change evicts the entry here at once and, through
 * {@code NOTIFY} on commit, on every other instance; entries also expire after a short while, so a
 * missed notification only delays, never keeps, a change. An API key changes only when it is rolled
 * (it gets an expiry): its account's keys are then evicted everywhere, as an account is.
 *
 * <p>One cache per database: it hangs on the {@link Jdbi} as its configuration, so two processors
 * in one JVM (tests, scale-out trials) never see each other's entries.
 */
public final class HotCache implements JdbiConfig<HotCache> {
  /** PostgreSQL channel carrying the id of each changed account to every instance. */
  public static final String CHANNEL = "comptoir_cache";
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final int MAX_ENTRIES = 100_000;

  /** An API key's owner and kind, and when it expires (wall-clock Unix milliseconds), or null. */
  public record Key(String accountId, String kind, Long expiresAtMs) {
    public boolean expired(long nowMs) {
      return expiresAtMs != null && nowMs >= expiresAtMs;
    }
  }

  /** A notification's payload naming an account whose API keys changed, not the account itself. */
  private static final String KEYS_OF = "keys:";

  /** An account document as stored, with the account that owns it (its platform, or itself). */
  public record Account(String owner, String json) {}

  private final Cache<String, Key> keys = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TTL).build();
  private final Cache<String, Account> accounts = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TTL).build();

  /** JDBI makes one per {@link Jdbi} on first use. */
  public HotCache() {}

  /** Shared by every handle of its {@link Jdbi}: a copy would be a second, diverging cache. */
  @Override
  public HotCache createCopy() {
    return this;
  }

  /** The cache of {@code jdbi}'s database. */
  public static HotCache of(Jdbi jdbi) {
    return jdbi.getConfig(HotCache.class);
  }

  /** The owner and kind of the API key {@code secret}, if it exists. */
  public static Optional<Key> key(Handle h, String secret) {
    Cache<String, Key> keys = h.getConfig(HotCache.class).keys;
    Key cached = keys.getIfPresent(secret);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Key> found = h.createQuery("SELECT account_id, kind, expires_at_ms FROM api_keys WHERE secret = :key").bind("key", secret)
        .map((rs, c) -> new Key(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class))).findOne();
    found.ifPresent(k -> keys.put(secret, k));
    return found;
  }

  /** The account document with this id, whoever owns it; callers check the owner. */
  public static Optional<Account> account(Handle h, String id) {
    Cache<String, Account> accounts = h.getConfig(HotCache.class).accounts;
    Account cached = accounts.getIfPresent(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Account> found = h.createQuery("SELECT owner, body::text FROM resources WHERE id = :id AND object = 'account'")
        .bind("id", id).map((rs, c) -> new Account(rs.getString(1), rs.getString(2))).findOne();
    found.ifPresent(a -> accounts.put(id, a));
    return found;
  }

  /** Drops an account here now, and everywhere once {@code h}'s transaction commits. */
  public static void changed(Handle h, String accountId) {
    h.getConfig(HotCache.class).accounts.invalidate(accountId);
    Notify.afterCommit(h, CHANNEL, accountId);
  }

  /**
   * Drops the API keys of {@code accountId} here now, and everywhere once {@code h}'s transaction
   * commits: a deleted sandbox's keys must stop working at once, not after the cache's expiry.
   */
  public static void keysRevoked(Handle h, String accountId) {
    h.getConfig(HotCache.class).accounts.invalidate(accountId);
    keysChanged(h, accountId);
  }

  /**
   * Drops {@code accountId}'s API keys here now, and everywhere once {@code h}'s transaction commits
   * (the notification names the account, never a key), so a rolled key's expiry holds at once.
   */
  public static void keysChanged(Handle h, String accountId) {
    HotCache cache = h.getConfig(HotCache.class);
    cache.evictKeysOf(accountId);
    h.afterCommit(() -> cache.evictKeysOf(accountId)); // a request between eviction and commit read the old row
    Notify.afterCommit(h, CHANNEL, KEYS_OF + accountId);
  }

  private void evictKeysOf(String accountId) {
    keys.asMap().values().removeIf(k -> k.accountId().equals(accountId));
  }

  /** Another instance (or this one) committed a change to this account, or to its API keys. */
  public void evict(String payload) {
    if (payload.startsWith(KEYS_OF)) {
      evictKeysOf(payload.substring(KEYS_OF.length()));
      accounts.invalidate(payload.substring(KEYS_OF.length()));
    } else {
      accounts.invalidate(payload);
    }
  }

  /** Everything: after a lost connection to the notifications nothing cached can be trusted. */
  public void clear() {
    accounts.invalidateAll();
    keys.invalidateAll();
  }
}

package com.comptoir.processor.paymentmethods;

import com.comptoir.processor.store.HotCache;
import com.comptoir.processor.store.Notify;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * What each account's default payment method configuration offers, as {@link Configurations#render}
 * works it out: every Checkout Session and PaymentIntent that names no configuration needs it, and
 * it changes only when a configuration or the account does. Working it out read three documents
 * (the account's default, its platform's "Connected accounts" configuration and the account with
 * its capabilities) in a round trip of its own and parsed them, about half of what a Checkout
 * Session create allocated.
 *
 * <p>Kept honest like {@code HotCache} and {@code EndpointCache}:
 * <ul>
 *   <li>a configuration change evicts its owner's entry, and every entry of a platform's connected
 *       accounts when it is the platform's, at once and again after its commit on this instance
 *       (loads run inside the cache's own computation, so one racing the commit cannot leave the old
 *       answer behind), and on every other instance through {@code NOTIFY};
 *   <li>an account change is seen through {@link HotCache}: an entry remembers the cached account
 *       document it was worked out beside and is worked out again once that document is replaced;
 *   <li>entries expire after a short while, so a missed notification only delays a change;
 *   <li>a transaction that changed configurations, or that would make an account's first ones,
 *       works the answer out without the cache and never shares what it has not committed.
 * </ul>
 *
 * <p>One cache per database: it hangs on the {@link Jdbi}, so two processors in one JVM never share it.
 */
public final class ConfigurationCache implements JdbiConfig<ConfigurationCache> {
  /** PostgreSQL channel carrying the owner of each changed configuration to every instance. */
  public static final String CHANNEL = "comptoir_payment_method_configurations";
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final int MAX_ENTRIES = 100_000;

  /**
   * An account's default configuration as offered, and the account's platform (null for a
   * platform): a change of the platform's "Connected accounts" configuration drops the entry.
   */
  record Entry(Offered offered, String platform) {}

  /** An entry and the cached account document it was worked out beside. */
  private record Held(Entry entry, HotCache.Account source) {}

  private final Cache<String, Held> byAccount = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(TTL).build();
  /**
   * The platforms named by entries so far (a few: one per sandbox), so that a connected account's
   * change, far the commoner (its first session makes its default), evicts one entry without
   * looking through every other.
   */
  private final Set<String> platforms = ConcurrentHashMap.newKeySet();

  /** JDBI makes one per {@link Jdbi} on first use. */
  public ConfigurationCache() {}

  /** Shared by every handle of its {@link Jdbi}: a copy would be a second, diverging cache. */
  @Override
  public ConfigurationCache createCopy() {
    return this;
  }

  public static ConfigurationCache of(Jdbi jdbi) {
    return jdbi.getConfig(ConfigurationCache.class);
  }

  /**
   * What {@code accountId}'s default configuration offers, from the cache or worked out by {@code
   * load}; empty when the caller must work it out itself: {@code load} answered empty (the account's
   * first configurations are still to be made, by the caller, in its transaction), the account has
   * no document, or this transaction changed configurations (uncommitted, so never shared).
   */
  static Optional<Offered> defaultOffered(Handle h, String accountId, Supplier<Optional<Entry>> load) {
    if (!h.getConfig(ChangedHere.class).owners.isEmpty()) {
      return Optional.empty();
    }
    HotCache.Account source = HotCache.account(h, accountId).orElse(null);
    if (source == null) {
      return Optional.empty();
    }
    ConfigurationCache cache = h.getConfig(ConfigurationCache.class);
    Held held = cache.byAccount.asMap().compute(accountId, (id, known) -> {
      if (known != null && known.source() == source) {
        return known;
      }
      Held loaded = load.get().map(e -> new Held(e, source)).orElse(null);
      if (loaded != null && loaded.entry().platform() != null) {
        cache.platforms.add(loaded.entry().platform());
      }
      return loaded;
    });
    return held == null ? Optional.empty() : Optional.of(held.entry().offered());
  }

  /** A configuration {@code owner} holds changed (or was made) in {@code h}'s transaction. */
  static void changed(Handle h, String owner) {
    ConfigurationCache cache = h.getConfig(ConfigurationCache.class);
    cache.evict(owner);
    if (h.isInTransaction()) {
      h.getConfig(ChangedHere.class).owners.add(owner);
      h.afterCommit(() -> cache.evict(owner));
      h.afterRollback(() -> cache.evict(owner));
    } // else committed already (a GET makes an account's first configurations outside a transaction)
    Notify.afterCommit(h, CHANNEL, owner);
  }

  /**
   * Another instance (or this one) committed a change to a configuration {@code owner} holds: its
   * own entry goes, and those of its connected accounts, whose defaults follow the platform's.
   */
  public void evict(String owner) {
    byAccount.invalidate(owner);
    if (platforms.contains(owner)) {
      byAccount.asMap().values().removeIf(held -> owner.equals(held.entry().platform()));
    }
  }

  /** After a lost connection to the notifications nothing cached can be trusted. */
  public void clear() {
    byAccount.invalidateAll();
  }

  /** The owners whose configurations one handle changed: each handle gets its own copy. */
  public static final class ChangedHere implements JdbiConfig<ChangedHere> {
    private final Set<String> owners = new HashSet<>();

    public ChangedHere() {}

    @Override
    public ChangedHere createCopy() {
      return new ChangedHere();
    }
  }
}

package com.comptoir.processor.events;

import com.comptoir.processor.store.Notify;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * Each account's enabled webhook endpoints, which every published event needs and which almost
 * never change: a payment publishes five events, and asking PostgreSQL five times was a fifth of
 * its round trips.
 *
 * <p>Kept honest like {@code HotCache}: a change evicts the owner's entry at once and again after
 * its commit on this instance (so a request racing the commit cannot leave the old list behind),
 * and on every other instance through {@code NOTIFY}; entries expire after a short while, so a
 * missed notification only delays a change.
 */
public final class EndpointCache implements JdbiConfig<EndpointCache> {
  /** PostgreSQL channel carrying the owner of each changed endpoint to every instance. */
  public static final String CHANNEL = "comptoir_endpoints";
  private static final Duration TTL = Duration.ofSeconds(30);

  /** An enabled endpoint: events of {@code events} (or {@code *}) go to it. */
  record Endpoint(String id, long seq, boolean connect, Set<String> events) {
    boolean wants(String type) {
      return events.contains(type) || events.contains("*");
    }
  }

  private final Cache<String, List<Endpoint>> byOwner = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(TTL).build();

  /** JDBI makes one per {@link Jdbi} on first use. */
  public EndpointCache() {}

  /** Shared by every handle of its {@link Jdbi}. */
  @Override
  public EndpointCache createCopy() {
    return this;
  }

  public static EndpointCache of(Jdbi jdbi) {
    return jdbi.getConfig(EndpointCache.class);
  }

  /** {@code owner}'s enabled, undeleted endpoints, oldest first. */
  static List<Endpoint> of(Handle h, String owner) {
    if (h.getConfig(ChangedHere.class).owners.contains(owner)) {
      return load(h, owner); // uncommitted: never shared until it commits
    }
    return h.getConfig(EndpointCache.class).byOwner.get(owner, o -> load(h, o));
  }

  private static List<Endpoint> load(Handle h, String owner) {
    return h.createQuery("""
            SELECT id, seq, connect, enabled_events FROM webhook_endpoints
            WHERE owner = :owner AND NOT deleted AND status = 'enabled' ORDER BY seq""")
        .bind("owner", owner)
        .map((rs, c) -> new Endpoint(rs.getString(1), rs.getLong(2), rs.getBoolean(3),
            Set.copyOf(Arrays.asList((String[]) rs.getArray(4).getArray()))))
        .list();
  }

  /** {@code owner}'s endpoints changed in {@code h}'s transaction. */
  static void changed(Handle h, String owner) {
    EndpointCache cache = h.getConfig(EndpointCache.class);
    cache.evict(owner);
    h.getConfig(ChangedHere.class).owners.add(owner);
    h.afterCommit(() -> cache.evict(owner));
    h.afterRollback(() -> cache.evict(owner));
    Notify.afterCommit(h, CHANNEL, owner);
  }

  /** Another instance (or this one) committed a change to {@code owner}'s endpoints. */
  public void evict(String owner) {
    byOwner.invalidate(owner);
  }

  /** The owners whose endpoints one handle changed: each handle gets its own copy. */
  public static final class ChangedHere implements JdbiConfig<ChangedHere> {
    private final Set<String> owners = new java.util.HashSet<>();

    public ChangedHere() {}

    @Override
    public ChangedHere createCopy() {
      return new ChangedHere();
    }
  }

  /** After a lost connection to the notifications nothing cached can be trusted. */
  public void clear() {
    byOwner.invalidateAll();
  }
}

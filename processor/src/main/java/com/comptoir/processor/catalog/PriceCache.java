package com.comptoir.processor.catalog;

import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.Notify;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The prices Checkout Sessions sell, each with what its line item needs of its product, kept per
 * account: a store sells the same few prices in every session, and reading them (a round trip,
 * two documents parsed, the price serialised again into the line item) was a third of what a
 * session create cost the processor once its payment method configuration was cached.
 *
 * <p>Kept honest like {@code HotCache}: every change to an account's prices or products (an
 * update, a product's deletion) drops all of the account's entries, at once and again after its
 * commit on this instance (reads run inside the cache's own computation, so one racing the commit
 * cannot leave the old price behind), and on every other instance through {@code NOTIFY}; entries
 * expire after a short while, so a missed notification only delays a change; a transaction that
 * changed the account's catalogue reads it without the cache. A new price or product changes
 * nothing kept: only prices that exist are kept, and a kept price's product exists.
 *
 * <p>One cache per database: it hangs on the {@link Jdbi}, so two processors in one JVM never share it.
 */
public final class PriceCache implements JdbiConfig<PriceCache> {
  /** PostgreSQL channel carrying the account whose prices or products changed to every instance. */
  public static final String CHANNEL = "comptoir_catalog";
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final int MAX_ACCOUNTS = 10_000;
  /** Bounds one account's entry; past it, a price is read at every use rather than kept. */
  private static final int MAX_PRICES_PER_ACCOUNT = 1_000;

  /**
   * A price as a line item shows and checks it: {@code json} is the price object as stored
   * (compact, for the line item to carry verbatim), the rest what the checks read, with its
   * product's {@code active} and {@code name}. Immutable, so one can be shared by every request.
   */
  public record Sold(String id, String json, boolean active, String type, String currency, long unitAmount, boolean productActive,
      String productName) {}

  private final Cache<String, Map<String, Sold>> byAccount = Caffeine.newBuilder().maximumSize(MAX_ACCOUNTS).expireAfterWrite(TTL).build();

  /** JDBI makes one per {@link Jdbi} on first use. */
  public PriceCache() {}

  /** Shared by every handle of its {@link Jdbi}: a copy would be a second, diverging cache. */
  @Override
  public PriceCache createCopy() {
    return this;
  }

  public static PriceCache of(Jdbi jdbi) {
    return jdbi.getConfig(PriceCache.class);
  }

  /**
   * Each price of {@code ids} that {@code account} holds, by id; a price that is not there (or is
   * another account's, or not a price) is simply absent, for the caller to refuse.
   */
  public static Map<String, Sold> prices(Handle h, String account, Set<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    if (h.getConfig(ChangedHere.class).accounts.contains(account)) {
      return read(h, account, ids); // uncommitted: never shared until it commits
    }
    PriceCache cache = h.getConfig(PriceCache.class);
    Map<String, Sold> kept = cache.byAccount.getIfPresent(account);
    if (kept != null && kept.keySet().containsAll(ids)) {
      return kept;
    }
    Map<String, Sold> found = new HashMap<>();
    cache.byAccount.asMap().compute(account, (a, known) -> {
      Set<String> missing = new HashSet<>(ids);
      if (known != null) {
        missing.removeAll(known.keySet());
        ids.stream().filter(known::containsKey).forEach(id -> found.put(id, known.get(id)));
      }
      Map<String, Sold> read = read(h, account, missing);
      found.putAll(read);
      if (known != null && known.size() + read.size() > MAX_PRICES_PER_ACCOUNT) {
        return known;
      }
      Map<String, Sold> more = known == null ? new HashMap<>() : new HashMap<>(known);
      more.putAll(read);
      return Map.copyOf(more);
    });
    return found;
  }

  private static Map<String, Sold> read(Handle h, String account, Collection<String> ids) {
    Map<String, Sold> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    // The prices are found by id alone (the primary key), their owner and kind checked afterwards
    // (OFFSET 0 keeps the planner from merging the two): with all three in one WHERE, the generic
    // plan PostgreSQL settles on after five runs walked every price of the account by
    // (owner, object, seq), a cost that grows with the store's catalogue. One price (most sessions)
    // is asked for by = rather than = ANY: against an array the generic plan's estimate (ten
    // elements) always lost to the custom one's, so the statement was planned at every run.
    boolean one = ids.size() == 1;
    h.createQuery("""
            SELECT p.id, p.body::text AS price, prod.body ->> 'name' AS product_name, (prod.body ->> 'active')::boolean AS product_active,
                   prod.id IS NOT NULL AS has_product
            FROM (SELECT id, owner, object, body FROM resources WHERE <ids> OFFSET 0) p
            LEFT JOIN resources prod ON prod.id = p.body->>'product' AND prod.owner = p.owner AND prod.object = 'product'
            WHERE p.owner = :owner AND p.object = 'price'""")
        .define("ids", one ? "id = :ids" : "id = ANY(:ids)")
        .bind("ids", one ? (Object) ids.iterator().next() : ids.toArray(String[]::new)).bind("owner", account)
        .map((rs, ctx) -> {
          if (!rs.getBoolean("has_product")) {
            // A price always names a product of its own account: a missing one is a broken store, not a bad request.
            throw new IllegalStateException("price " + rs.getString("id") + " has no product " + account);
          }
          ObjectNode price = Json.parseObject(rs.getString("price"));
          return new Sold(rs.getString("id"), Json.write(price), price.get("active").asBoolean(), price.get("type").asText(),
              price.get("currency").asText(), price.get("unit_amount").asLong(), rs.getBoolean("product_active"), rs.getString("product_name"));
        })
        .forEach(p -> found.put(p.id(), p));
    return found;
  }

  /** {@code account}'s prices or products changed in {@code h}'s transaction. */
  static void changed(Handle h, String account) {
    PriceCache cache = h.getConfig(PriceCache.class);
    cache.evict(account);
    if (h.isInTransaction()) {
      h.getConfig(ChangedHere.class).accounts.add(account);
      h.afterCommit(() -> cache.evict(account));
      h.afterRollback(() -> cache.evict(account));
    }
    Notify.afterCommit(h, CHANNEL, account);
  }

  /** Another instance (or this one) committed a change to {@code account}'s prices or products. */
  public void evict(String account) {
    byAccount.invalidate(account);
  }

  /** After a lost connection to the notifications nothing cached can be trusted. */
  public void clear() {
    byAccount.invalidateAll();
  }

  /** The accounts whose catalogue one handle changed: each handle gets its own copy. */
  public static final class ChangedHere implements JdbiConfig<ChangedHere> {
    private final Set<String> accounts = new HashSet<>();

    public ChangedHere() {}

    @Override
    public ChangedHere createCopy() {
      return new ChangedHere();
    }
  }
}

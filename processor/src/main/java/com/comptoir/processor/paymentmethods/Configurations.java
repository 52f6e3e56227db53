package com.comptoir.processor.paymentmethods;

import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Where payment method configurations are kept and how their layers combine, as Stripe layers them:
 *
 * <ul>
 *   <li>a platform's own default configuration, for its own payments;
 *   <li>the platform-managed configuration for its connected accounts, held by the platform, which
 *       it changes through the API (and which a real Stripe platform sets in its Dashboard);
 *   <li>each connected account's default configuration, a child of the platform-managed one
 *       ({@code parent}, {@code application}): a method follows the parent unless the account's holder
 *       chose otherwise ({@code display_preference.preference}) and the parent lets them
 *       ({@code overridable}).
 * </ul>
 *
 * Stored documents keep only what was chosen ({@code preference}); {@code value} and {@code available}
 * are worked out at every read, since they follow the parent and the account's capabilities.
 */
final class Configurations {
  static final String OBJECT = "payment_method_configuration";
  static final String CONNECTED_ACCOUNTS_NAME = "Connected accounts";

  private Configurations() {}

  /** The platform that {@code accountId} is connected to, or empty when it is a platform itself. */
  static Optional<String> platformOf(Handle h, String accountId) {
    return h.createQuery("SELECT platform_id FROM accounts WHERE id = :id").bind("id", accountId)
        .mapTo(String.class).findOne();
  }

  /**
   * The platform-managed configuration's id. It is derived from the platform's id, so every start
   * and every instance finds the same one without a table of its own.
   */
  static String connectedAccountsId(String platformId) {
    return "pmc_" + platformId.substring("acct_".length()) + "Connect";
  }

  static String applicationId(String platformId) {
    return "ca_" + platformId.substring("acct_".length()); // a platform is its own Connect application here
  }

  /** Every configuration {@code accountId} holds, its default first, made on first use. */
  static List<ObjectNode> of(Handle h, String accountId, long now) {
    Optional<String> platform = platformOf(h, accountId);
    if (platform.isPresent()) {
      childDefault(h, accountId, platform.get(), now);
    } else {
      platformDefault(h, accountId, now);
      connectedAccounts(h, accountId, now);
    }
    return h.createQuery("SELECT body::text FROM resources WHERE owner = :o AND object = :obj ORDER BY seq")
        .bind("o", accountId).bind("obj", OBJECT).mapTo(String.class).map(Json::parseObject).list()
        .stream().sorted((a, b) -> Boolean.compare(b.path("is_default").asBoolean(), a.path("is_default").asBoolean())).toList();
  }

  /** The configuration {@code accountId} uses when a payment names none. */
  static ObjectNode defaultOf(Handle h, String accountId, long now) {
    return defaultOf(h, accountId, platformOf(h, accountId), now);
  }

  /** The same, for a caller that has read {@link #platformOf} already (a checkout session reads it once, not twice). */
  static ObjectNode defaultOf(Handle h, String accountId, Optional<String> platform, long now) {
    return platform.isPresent() ? childDefault(h, accountId, platform.get(), now) : platformDefault(h, accountId, now);
  }

  /**
   * What a payment on {@code accountId} that names no configuration needs, read in one round trip
   * (a Checkout Session create made four for it): the account's platform, its default configuration,
   * the platform's "Connected accounts" configuration (that default's parent) and the account's
   * capabilities. A configuration not made yet is null here; {@link #defaultOf(Handle, String, Defaults, long)}
   * and {@link #render(Handle, String, Defaults, ObjectNode, long)} then make it as before.
   */
  record Defaults(Optional<String> platform, ObjectNode ownDefault, ObjectNode connected, AccountCapabilities capabilities) {}

  static Defaults defaults(Handle h, String accountId) {
    // Each scalar subquery is NULL when its row is missing, as each of the separate reads was empty.
    // own_default is findChildDefault's and findPlatformDefault's read (a platform's "Connected
    // accounts" configuration is never a default, and a connected account holds none). Each of the
    // three finds the account's configurations (a handful) by (owner, object) and only then orders
    // them: OFFSET 0 keeps the planner from merging that into ORDER BY seq LIMIT 1, which the
    // generic plan PostgreSQL settles on after five runs did by walking the whole table in seq
    // order until it met the account's default (45,875 rows and 37 ms for an account made after
    // 45,000 objects, against 0.1 ms). The kind is written in, not bound: bound, the generic plan's
    // estimate lost to the custom one's every time and the statement was planned at every run
    // (0.2 ms of PostgreSQL's CPU per Checkout Session, more than it took to run).
    Map<String, Object> row = h.createQuery("""
            SELECT a.platform_id,
                   a.id IS NOT NULL AND a.platform_id IS NULL AS is_platform,
                   (SELECT c.body::text FROM (SELECT id, seq, body FROM resources WHERE owner = :id AND object = 'payment_method_configuration' OFFSET 0) c
                    WHERE c.id <> 'pmc_' || substr(k.id, 6) || 'Connect' AND (c.body->>'is_default')::boolean ORDER BY c.seq LIMIT 1)
                    AS own_default,
                   (SELECT body::text FROM resources WHERE owner = a.platform_id AND id = 'pmc_' || substr(a.platform_id, 6) || 'Connect')
                    AS connected,
                   (SELECT body::text FROM resources WHERE id = k.id AND object = 'account') AS account
            FROM (SELECT CAST(:id AS text) AS id) k LEFT JOIN accounts a ON a.id = k.id""")
        .bind("id", accountId).mapToMap().one();
    return new Defaults(Optional.ofNullable((String) row.get("platform_id")), parseOrNull(row.get("own_default")),
        parseOrNull(row.get("connected")), AccountCapabilities.of((String) row.get("account"), Boolean.TRUE.equals(row.get("is_platform"))));
  }

  private static ObjectNode parseOrNull(Object json) {
    return json == null ? null : Json.parseObject((String) json);
  }

  /** {@link #defaultOf(Handle, String, long)} from what {@link #defaults} read: no round trip once it exists. */
  static ObjectNode defaultOf(Handle h, String accountId, Defaults read, long now) {
    ObjectNode own = read.ownDefault();
    if (own != null && (read.platform().isEmpty() || !own.path("parent").isNull())) {
      return own;
    }
    return defaultOf(h, accountId, read.platform(), now); // made on first use, or layered if made before layers
  }

  static Optional<ObjectNode> find(Handle h, String accountId, String id, long now) {
    return of(h, accountId, now).stream().filter(c -> c.get("id").asText().equals(id)).findFirst();
  }

  private static ObjectNode platformDefault(Handle h, String platformId, long now) {
    return findPlatformDefault(h, platformId).orElseGet(() -> {
      lockFirstUse(h, platformId);
      return findPlatformDefault(h, platformId)
          .orElseGet(() -> insert(h, platformId, blank(Ids.next("pmc_"), "Default", true, null, null, "off", now)));
    });
  }

  /**
   * Serialises the making of an account's first configurations, so two first requests at once make
   * one. Taken only when one is missing: once made, they are read without waiting.
   */
  private static void lockFirstUse(Handle h, String accountId) {
    h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))").bind("key", "payment_method_configuration:" + accountId)
        .mapTo(Integer.class).one();
  }

  private static Optional<ObjectNode> findPlatformDefault(Handle h, String platformId) {
    return h.createQuery("""
            SELECT c.body::text FROM (SELECT id, seq, body FROM resources WHERE owner = :o AND object = 'payment_method_configuration' OFFSET 0) c
            WHERE c.id <> :connect AND (c.body->>'is_default')::boolean ORDER BY c.seq LIMIT 1""") // as in defaults()
        .bind("o", platformId).bind("connect", connectedAccountsId(platformId))
        .mapTo(String.class).findOne().map(Json::parseObject);
  }

  /** Stripe's defaults for a new platform: cards on, the rest off until the platform turns them on. */
  static ObjectNode connectedAccounts(Handle h, String platformId, long now) {
    String id = connectedAccountsId(platformId);
    return ResourceStore.find(h, platformId, id).orElseGet(() -> {
      lockFirstUse(h, platformId);
      Optional<ObjectNode> made = ResourceStore.find(h, platformId, id);
      if (made.isPresent()) {
        return made.get();
      }
      ObjectNode c = blank(id, CONNECTED_ACCOUNTS_NAME, false, null, null, "off", now);
      for (MethodCatalog.Method m : MethodCatalog.METHODS) {
        ((ObjectNode) c.get(m.type()).get("display_preference")).put("overridable", true);
      }
      return insert(h, platformId, c);
    });
  }

  private static ObjectNode childDefault(Handle h, String accountId, String platformId, long now) {
    Optional<ObjectNode> found = findChildDefault(h, accountId);
    if (found.isEmpty()) {
      lockFirstUse(h, accountId);
      found = findChildDefault(h, accountId);
    }
    if (found.isEmpty()) {
      return insert(h, accountId, blank(Ids.next("pmc_"), "Default", true, connectedAccountsId(platformId), applicationId(platformId), "none", now));
    }
    ObjectNode c = found.get();
    if (c.path("parent").isNull()) {
      // Made before configurations were layered: the account held its own, with every method
      // written on or off. What was turned on stays the holder's choice; the rest now follows the
      // platform instead of staying off for ever.
      c.put("parent", connectedAccountsId(platformId));
      c.put("application", applicationId(platformId));
      for (MethodCatalog.Method m : MethodCatalog.METHODS) {
        ObjectNode pref = (ObjectNode) c.get(m.type()).get("display_preference");
        if (!"on".equals(pref.path("preference").asText())) {
          pref.put("preference", "none");
        }
      }
      ResourceStore.update(h, c);
      ConfigurationCache.changed(h, accountId);
    }
    return c;
  }

  private static Optional<ObjectNode> findChildDefault(Handle h, String accountId) {
    return h.createQuery("""
            SELECT c.body::text FROM (SELECT id, seq, body FROM resources WHERE owner = :o AND object = 'payment_method_configuration' OFFSET 0) c
            WHERE (c.body->>'is_default')::boolean ORDER BY c.seq LIMIT 1""") // as in defaults(): found, then ordered
        .bind("o", accountId).mapTo(String.class).findOne().map(Json::parseObject);
  }

  private static ObjectNode insert(Handle h, String owner, ObjectNode c) {
    ResourceStore.insert(h, owner, c);
    ConfigurationCache.changed(h, owner);
    return c;
  }

  /** A configuration with every method at {@code preference}, cards on where that is "off" (Stripe's default). */
  static ObjectNode blank(String id, String name, boolean isDefault, String parent, String application, String preference, long now) {
    ObjectNode c = Json.object();
    c.put("id", id);
    c.put("object", OBJECT);
    c.put("active", true);
    c.put("application", application);
    c.put("created", now);
    c.put("is_default", isDefault);
    c.put("livemode", false);
    c.put("name", name);
    c.put("parent", parent);
    for (MethodCatalog.Method m : MethodCatalog.METHODS) {
      ObjectNode method = c.putObject(m.type());
      method.put("available", false);
      ObjectNode pref = method.putObject("display_preference");
      pref.putNull("overridable");
      pref.put("preference", "off".equals(preference) && "card".equals(m.type()) ? "on" : preference);
      pref.put("value", "off");
    }
    return c;
  }

  /**
   * {@code stored} as the API shows it to {@code accountId}: each method's {@code value} (on or off
   * once the layers are combined) and {@code available} (on, and the account's capability for it
   * active).
   */
  static ObjectNode render(Handle h, String accountId, ObjectNode stored, long now) {
    return render(h, accountId, stored.path("parent").isNull() ? Optional.empty() : platformOf(h, accountId), stored, now);
  }

  /** The same, with {@code platform} as {@link #platformOf} read it. */
  static ObjectNode render(Handle h, String accountId, Optional<String> platform, ObjectNode stored, long now) {
    ObjectNode parent = stored.path("parent").isNull() ? null : connectedAccounts(h, platform.orElseThrow(), now);
    return render(accountId, stored, parent, AccountCapabilities.of(h, accountId));
  }

  /** The same, from what {@link #defaults} read; only a parent not made yet costs more round trips. */
  static ObjectNode render(Handle h, String accountId, Defaults read, ObjectNode stored, long now) {
    ObjectNode parent = stored.path("parent").isNull() ? null
        : read.connected() != null ? read.connected() : connectedAccounts(h, read.platform().orElseThrow(), now);
    return render(accountId, stored, parent, read.capabilities());
  }

  private static ObjectNode render(String accountId, ObjectNode stored, ObjectNode parent, AccountCapabilities capabilities) {
    ObjectNode c = stored.deepCopy();
    for (MethodCatalog.Method m : MethodCatalog.METHODS) {
      ObjectNode pref = (ObjectNode) c.get(m.type()).get("display_preference");
      String own = pref.path("preference").asText("none");
      String value;
      if (parent != null) {
        JsonNode parentPref = parent.get(m.type()).get("display_preference");
        boolean overridable = parentPref.path("overridable").asBoolean(true);
        pref.put("overridable", overridable);
        value = overridable && !"none".equals(own) ? own : ownValue(m, parentPref.path("preference").asText("none"));
      } else {
        value = ownValue(m, own);
      }
      pref.put("value", value);
      boolean capable = stored.get("id").asText().equals(connectedAccountsId(accountId)) || capabilities.active(m);
      ((ObjectNode) c.get(m.type())).put("available", "on".equals(value) && capable);
    }
    return c;
  }

  private static String ownValue(MethodCatalog.Method m, String preference) {
    return "none".equals(preference) ? ("card".equals(m.type()) ? "on" : "off") : preference;
  }
}

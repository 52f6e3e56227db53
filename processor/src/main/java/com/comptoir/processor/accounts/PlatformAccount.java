package com.comptoir.processor.accounts;

import com.comptoir.processor.files.Files;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform's own Stripe account and its test keys. On first start the processor creates the
 * account; {@code COMPTOIR_SECRET_KEY}, when set, becomes its secret key, so the documentation key
 * of Stripe's guide works as written.
 */
public record PlatformAccount(String accountId, String secretKey, String publishableKey) {

  /** Branding that account links need (fact sheet §4.1): name, colour, and an icon made from them. */
  public record Branding(String name, String primaryColor) {
    public Branding {
      if (name == null || name.isBlank() || name.length() > 100) {
        throw new IllegalArgumentException("the platform name must be 1 to 100 characters");
      }
      if (primaryColor == null || !primaryColor.matches("#[0-9a-fA-F]{6}")) {
        throw new IllegalArgumentException("the platform colour must look like #3d5afe");
      }
    }
  }

  /** Whether accounts can be made in {@code country} (two capital letters, one the processor models). */
  public static boolean supportedCountry(String country) {
    return Countries.supported(country);
  }

  /** The countries a platform or sandbox can be made in, in alphabetical order of their codes. */
  public static List<String> supportedCountries() {
    return Countries.DEFAULT_CURRENCY.keySet().stream().sorted().toList();
  }

  public static void requireSecretKeyFormat(String key) {
    if (!key.matches("sk_test_[A-Za-z0-9]{8,247}")) {
      throw new IllegalArgumentException("a test secret key is sk_test_ followed by letters and digits");
    }
  }

  public static PlatformAccount ensure(Jdbi jdbi, Optional<String> configuredSecret, Branding branding, long now) {
    configuredSecret.ifPresent(PlatformAccount::requireSecretKeyFormat);
    return jdbi.inTransaction(h -> {
      // One start at a time decides what the platform account is, even with several instances.
      h.execute("SELECT pg_advisory_xact_lock(hashtext('comptoir.platform_account'))");
      // The first platform is the default sandbox; the other sandboxes' platforms are not it.
      String accountId = h.createQuery("""
              SELECT id FROM accounts WHERE platform_id IS NULL
                AND id NOT IN (SELECT account_id FROM sandboxes WHERE NOT is_default)
              ORDER BY created, id LIMIT 1""")
          .mapTo(String.class).findOne()
          .orElseGet(() -> createAccount(h, branding, now));
      h.createUpdate("""
              INSERT INTO sandboxes (id, account_id, is_default, name, created, last_used)
              VALUES (:id, :account, true, 'Default sandbox', :now, :now) ON CONFLICT DO NOTHING""")
          .bind("id", Ids.next("sbx_")).bind("account", accountId).bind("now", now).execute();
      if (configuredSecret.isPresent()) {
        String owner = h.createQuery("SELECT account_id FROM api_keys WHERE secret = ?")
            .bind(0, configuredSecret.get()).mapTo(String.class).findOne().orElse(null);
        if (owner == null) {
          insertKey(h, configuredSecret.get(), accountId, "secret", now);
        } else if (!owner.equals(accountId)) {
          throw new IllegalStateException("COMPTOIR_SECRET_KEY belongs to another account in this processor database");
        } else if (ApiKeys.isExpired(h, configuredSecret.get())) {
          throw new IllegalStateException("COMPTOIR_SECRET_KEY was rolled in the Dashboard (Developers: API keys) and has expired;"
              + " set it to the platform's new secret key");
        }
      }
      String secret = configuredSecret.orElseGet(() -> newestKey(h, accountId, "secret")
          .orElseGet(() -> insertKey(h, "sk_test_" + Ids.random(24), accountId, "secret", now)));
      String publishable = newestKey(h, accountId, "publishable")
          .orElseGet(() -> insertKey(h, "pk_test_" + Ids.random(24), accountId, "publishable", now));
      return new PlatformAccount(accountId, secret, publishable);
    });
  }

  /** A new platform account, activated as a platform is, with {@code branding}: the processor's first, or a sandbox's. */
  public static String createAccount(Handle h, Branding branding, long now) {
    return createAccount(h, branding, "US", now);
  }

  /** As {@link #createAccount(Handle, Branding, long)}, in {@code country}. */
  public static String createAccount(Handle h, Branding branding, String country, long now) {
    String id = Ids.account();
    h.createUpdate("INSERT INTO accounts (id, platform_id, created) VALUES (?, NULL, ?)").bind(0, id).bind(1, now).execute();
    ObjectNode doc = AccountDocument.blank(id, "standard", country, now);
    ((ObjectNode) doc.get("business_profile")).put("name", branding.name());
    ((ObjectNode) doc.get("settings").get("branding")).put("primary_color", branding.primaryColor());
    ((ObjectNode) doc.get("settings").get("branding"))
        .put("icon", Files.createInitialIcon(h, id, branding.name(), branding.primaryColor(), now));
    ((ObjectNode) doc.get("settings").get("dashboard")).put("display_name", branding.name());
    doc.put("details_submitted", true);
    doc.put("charges_enabled", true);
    doc.put("payouts_enabled", true);
    ResourceStore.insert(h, id, doc);
    return id;
  }

  private static Optional<String> newestKey(Handle h, String accountId, String kind) {
    // a key rolled in the Dashboard leaves its successor newest; an expired one is never chosen
    return h.createQuery("""
            SELECT secret FROM api_keys WHERE account_id = ? AND kind = ? AND (expires_at_ms IS NULL OR expires_at_ms > ?)
            ORDER BY created DESC, (expires_at_ms IS NULL) DESC, secret LIMIT 1""")
        .bind(0, accountId).bind(1, kind).bind(2, System.currentTimeMillis()).mapTo(String.class).findOne();
  }

  /** New secret and publishable test keys for the platform account {@code accountId}. */
  public static PlatformAccount newKeys(Handle h, String accountId, long now) {
    return new PlatformAccount(accountId, insertKey(h, "sk_test_" + Ids.random(24), accountId, "secret", now),
        insertKey(h, "pk_test_" + Ids.random(24), accountId, "publishable", now));
  }

  private static String insertKey(Handle h, String key, String accountId, String kind, long now) {
    h.createUpdate("INSERT INTO api_keys (secret, account_id, kind, created) VALUES (?, ?, ?, ?)")
        .bind(0, key).bind(1, accountId).bind(2, kind).bind(3, now).execute();
    return key;
  }
}

package com.comptoir.platform.stores;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The {@code stores} table. Every lookup a merchant can cause goes through their merchant id. */
public final class Stores {
  /** Enough tries to get past any realistic run of stores with the same name. */
  private static final int MAX_SLUG_CANDIDATES = 1000;
  public static final String DEFAULT_BRAND_COLOR = "#3d5afe";

  private static final String COLUMNS = """
      id, merchant_id, name, slug, country, currency, brand_color, logo_sha256, account_id, branding_pushed_at, branding_error""";

  private static final RowMapper<Store> STORE = (rs, c) -> new Store(
      rs.getLong("id"), rs.getLong("merchant_id"), rs.getString("name"), rs.getString("slug"), rs.getString("country"),
      rs.getString("currency"), rs.getString("brand_color"), rs.getString("logo_sha256"), rs.getString("account_id"),
      rs.getObject("branding_pushed_at", OffsetDateTime.class), rs.getString("branding_error"));

  private Stores() {}

  /** A new store for a merchant, at a free slug made from its name. */
  public static Store create(Handle h, long merchantId, String name, Countries.Country country) {
    String slug = freeSlug(h, Slugs.fromName(name));
    return h.createQuery("""
            INSERT INTO stores (merchant_id, name, slug, country, currency, brand_color)
            VALUES (:merchant, :name, :slug, :country, :currency, :color)
            """ + " RETURNING " + COLUMNS)
        .bind("merchant", merchantId).bind("name", name).bind("slug", slug).bind("country", country.code())
        .bind("currency", country.defaultCurrency()).bind("color", DEFAULT_BRAND_COLOR)
        .map(STORE).one();
  }

  private static String freeSlug(Handle h, String base) {
    for (int n = 1; n <= MAX_SLUG_CANDIDATES; n++) {
      String candidate = Slugs.candidate(base, n);
      boolean taken = h.createQuery("SELECT EXISTS (SELECT 1 FROM stores WHERE slug = :slug)")
          .bind("slug", candidate).mapTo(Boolean.class).one();
      if (!taken) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free slug for " + base + " after " + MAX_SLUG_CANDIDATES + " tries");
  }

  public static Store ofMerchant(Handle h, long merchantId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM stores WHERE merchant_id = :m")
        .bind("m", merchantId).map(STORE).findOne()
        .orElseThrow(() -> new IllegalStateException("merchant " + merchantId + " has no store"));
  }

  /** The store, locked until the transaction ends: one change to it at a time. */
  public static Store ofMerchantForUpdate(Handle h, long merchantId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM stores WHERE merchant_id = :m FOR UPDATE")
        .bind("m", merchantId).map(STORE).findOne()
        .orElseThrow(() -> new IllegalStateException("merchant " + merchantId + " has no store"));
  }

  public static Optional<Store> byId(Handle h, long storeId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM stores WHERE id = :id").bind("id", storeId).map(STORE).findOne();
  }

  /** The store at a storefront address; slugs are lower case, so is the lookup. */
  public static Optional<Store> bySlug(Handle h, String slug) {
    return h.createQuery("SELECT " + COLUMNS + " FROM stores WHERE slug = lower(:slug)").bind("slug", slug).map(STORE).findOne();
  }

  public static Optional<Store> byAccount(Handle h, String accountId) {
    return h.createQuery("SELECT " + COLUMNS + " FROM stores WHERE account_id = :a").bind("a", accountId).map(STORE).findOne();
  }

  /** The e-mail of the merchant who owns the store: where the platform writes to them. */
  public static String merchantEmail(Handle h, long storeId) {
    return h.createQuery("SELECT m.email FROM merchants m JOIN stores s ON s.merchant_id = m.id WHERE s.id = :store")
        .bind("store", storeId).mapTo(String.class).one();
  }

  public static boolean slugTakenByAnother(Handle h, String slug, long storeId) {
    return h.createQuery("SELECT EXISTS (SELECT 1 FROM stores WHERE slug = :slug AND id <> :id)")
        .bind("slug", slug).bind("id", storeId).mapTo(Boolean.class).one();
  }

  /** Records the connected account, once: a second writer finds it already set and changes nothing. */
  public static void setAccount(Handle h, long storeId, String accountId) {
    h.createUpdate("UPDATE stores SET account_id = :a, updated_at = now() WHERE id = :id AND account_id IS NULL")
        .bind("a", accountId).bind("id", storeId).execute();
  }

  /** The logo's bytes and type, if the store has one. */
  public record Logo(byte[] bytes, String contentType, String sha256) {}

  public static Optional<Logo> logo(Handle h, long storeId) {
    return h.createQuery("SELECT logo, logo_type, logo_sha256 FROM stores WHERE id = :id AND logo IS NOT NULL")
        .bind("id", storeId).map((rs, c) -> new Logo(rs.getBytes(1), rs.getString(2), rs.getString(3))).findOne();
  }
}

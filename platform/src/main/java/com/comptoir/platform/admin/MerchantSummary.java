package com.comptoir.platform.admin;

import com.comptoir.platform.onboarding.AccountStatus;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * One merchant as the operator sees them: store, account and its onboarding state.
 *
 * @param status null until Stripe has created the account
 */
public record MerchantSummary(long storeId, String email, String storeName, String slug, String country, String currency,
    String accountId, OffsetDateTime signedUpAt, int activeProducts, AccountStatus status) {

  private static final String SELECT = """
      SELECT s.id, m.email, s.name, s.slug, s.country, s.currency, s.account_id, m.created_at,
             (SELECT count(*) FROM products p WHERE p.store_id = s.id AND p.active) AS active_products
      FROM stores s JOIN merchants m ON m.id = s.merchant_id
      """;

  private static final org.jdbi.v3.core.mapper.RowMapper<MerchantSummary> ROW = (rs, c) -> new MerchantSummary(
      rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
      rs.getObject(8, OffsetDateTime.class), rs.getInt(9), null);

  /** The newest merchants first, at most {@code limit}. */
  static List<MerchantSummary> all(Handle h, int limit) {
    return h.createQuery(SELECT + " ORDER BY m.created_at DESC, s.id DESC LIMIT :limit").bind("limit", limit).map(ROW).list()
        .stream().map(m -> m.withStatus(h)).toList();
  }

  static java.util.Optional<MerchantSummary> one(Handle h, long storeId) {
    return h.createQuery(SELECT + " WHERE s.id = :id").bind("id", storeId).map(ROW).findOne().map(m -> m.withStatus(h));
  }

  private MerchantSummary withStatus(Handle h) {
    return withStatus(com.comptoir.platform.onboarding.ConnectedAccounts.status(h, storeId).orElse(null));
  }

  private MerchantSummary withStatus(AccountStatus s) {
    return new MerchantSummary(storeId, email, storeName, slug, country, currency, accountId, signedUpAt, activeProducts, s);
  }

  public String stateText() {
    return status == null ? "no Stripe account yet" : status.shortState();
  }
}

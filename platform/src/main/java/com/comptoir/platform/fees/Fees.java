package com.comptoir.platform.fees;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Which fee rule applies to a store in a currency: its override if an operator set one, else the default schedule. */
public final class Fees {
  private final FeeSchedule defaults;

  public Fees(FeeSchedule defaults) {
    this.defaults = defaults;
  }

  public FeeSchedule defaults() {
    return defaults;
  }

  public FeeRule ruleFor(Handle h, long storeId, String currency) {
    return override(h, storeId, currency).orElseGet(() -> defaults.ruleFor(currency));
  }

  public FeePreview preview(Handle h, long storeId, String currency, long amount) {
    return FeePreview.of(ruleFor(h, storeId, currency), amount, currency);
  }

  public static Optional<FeeRule> override(Handle h, long storeId, String currency) {
    return h.createQuery("SELECT percent_bps, fixed_amount FROM fee_overrides WHERE store_id = :s AND currency = :c")
        .bind("s", storeId).bind("c", currency)
        .map((rs, c) -> new FeeRule(rs.getInt(1), rs.getLong(2))).findOne();
  }

  /** One store's overrides, by currency. */
  public record Override(String currency, FeeRule rule) {}

  public static List<Override> overrides(Handle h, long storeId) {
    return h.createQuery("SELECT currency, percent_bps, fixed_amount FROM fee_overrides WHERE store_id = :s ORDER BY currency")
        .bind("s", storeId)
        .map((rs, c) -> new Override(rs.getString(1), new FeeRule(rs.getInt(2), rs.getLong(3)))).list();
  }

  public static void setOverride(Handle h, long storeId, String currency, FeeRule rule, long operatorId) {
    h.createUpdate("""
            INSERT INTO fee_overrides (store_id, currency, percent_bps, fixed_amount, updated_by)
            VALUES (:s, :c, :bps, :fixed, :op)
            ON CONFLICT (store_id, currency) DO UPDATE SET percent_bps = excluded.percent_bps,
                fixed_amount = excluded.fixed_amount, updated_at = now(), updated_by = excluded.updated_by""")
        .bind("s", storeId).bind("c", currency).bind("bps", rule.percentBasisPoints()).bind("fixed", rule.fixedAmount())
        .bind("op", operatorId).execute();
  }

  public static void removeOverride(Handle h, long storeId, String currency) {
    h.createUpdate("DELETE FROM fee_overrides WHERE store_id = :s AND currency = :c").bind("s", storeId).bind("c", currency).execute();
  }
}

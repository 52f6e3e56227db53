package com.comptoir.platform.merchants;

import com.comptoir.platform.fees.FeePreview;
import com.comptoir.platform.fees.Fees;
import com.comptoir.platform.onboarding.AccountStatus;
import com.comptoir.platform.onboarding.ConnectedAccounts;
import com.comptoir.platform.stores.Branding;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.web.Chrome;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.LongToIntFunction;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The merchant's home: the connected account's state as the platform last heard it (from
 * {@code account.updated}, the return from onboarding, or reconciliation), what Stripe still needs,
 * a way back into onboarding, and the store at a glance. It asks Stripe nothing itself.
 */
public final class DashboardRoutes {
  /** @param status null until Stripe has created the account */
  public record DashboardPage(Chrome chrome, Store store, AccountStatus status, String storeUrl, int activeProducts,
      String feeRuleText) {}

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final Fees fees;
  private final Supplier<String> publicUrl;
  private final LongToIntFunction activeProducts;

  public DashboardRoutes(Jdbi jdbi, Sessions sessions, Pages pages, Fees fees, Supplier<String> publicUrl,
      LongToIntFunction activeProducts) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.fees = fees;
    this.publicUrl = publicUrl;
    this.activeProducts = activeProducts;
  }

  public void register(RoutesConfig routes) {
    routes.get("/dashboard", this::show);
  }

  private void show(Context ctx) {
    long merchantId = sessions.requireMerchant(ctx);
    DashboardPage page = jdbi.withHandle(h -> {
      Store store = Stores.ofMerchant(h, merchantId);
      AccountStatus status = ConnectedAccounts.status(h, store.id()).orElse(null);
      String rule = FeePreview.describe(fees.ruleFor(h, store.id(), store.currency()), store.currency());
      return new DashboardPage(sessions.chrome(ctx, "merchant"), store, status, Branding.storeUrl(publicUrl.get(), store.slug()),
          activeProducts.applyAsInt(store.id()), rule);
    });
    pages.render(ctx, "merchants/dashboard.jte", page);
  }
}

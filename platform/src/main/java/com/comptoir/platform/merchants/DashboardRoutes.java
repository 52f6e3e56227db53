package com.comptoir.platform.merchants;

import com.comptoir.platform.fees.FeePreview;
import com.comptoir.platform.fees.Fees;
import com.comptoir.platform.onboarding.AccountStatus;
import com.comptoir.platform.onboarding.ConnectedAccounts;
import com.comptoir.platform.paymentmethods.CustomerMethods;
import com.comptoir.platform.stores.Branding;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.stripe.StripeApi;
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
 * a way back into onboarding, and the store at a glance. The one thing it asks Stripe at each visit
 * is which payment methods the store's customers see, since the holder of a Standard account can
 * change them in their own Dashboard without the platform hearing of it.
 */
public final class DashboardRoutes {
  /** @param status null until Stripe has created the account */
  /** @param methods null until Stripe has created the account */
  public record DashboardPage(Chrome chrome, Store store, AccountStatus status, String storeUrl, int activeProducts,
      String feeRuleText, CustomerMethods.View methods) {}

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final Fees fees;
  private final Supplier<String> publicUrl;
  private final LongToIntFunction activeProducts;
  private final StripeApi stripe;

  public DashboardRoutes(Jdbi jdbi, Sessions sessions, Pages pages, Fees fees, Supplier<String> publicUrl,
      LongToIntFunction activeProducts, StripeApi stripe) {
    this.stripe = stripe;
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
    DashboardPage read = jdbi.withHandle(h -> {
      Store store = Stores.ofMerchant(h, merchantId);
      AccountStatus status = ConnectedAccounts.status(h, store.id()).orElse(null);
      String rule = FeePreview.describe(fees.ruleFor(h, store.id(), store.currency()), store.currency());
      return new DashboardPage(sessions.chrome(ctx, "merchant"), store, status, Branding.storeUrl(publicUrl.get(), store.slug()),
          activeProducts.applyAsInt(store.id()), rule, null);
    });
    DashboardPage page = read.status() == null ? read : new DashboardPage(read.chrome(), read.store(), read.status(), read.storeUrl(),
        read.activeProducts(), read.feeRuleText(), CustomerMethods.read(stripe, read.store(), read.status().accountId(),
            jdbi.withHandle(h -> ConnectedAccounts.type(h, read.store().id()).orElse(null))));
    pages.render(ctx, "merchants/dashboard.jte", page);
  }
}

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
import com.comptoir.platform.money.SalesSummary;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.LongToIntFunction;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The merchant's home: the connected account's state as the platform last heard it (from
 * {@code account.updated}, the return from onboarding, or reconciliation), what Stripe still needs,
 * a way back into onboarding, the store at a glance, and the last 30 days of sales with the next
 * payout, read from Stripe's balance transactions at each visit. It also asks Stripe at each visit
 * which payment methods the store's customers see, since the holder of a Standard account can
 * change them in their own Dashboard without the platform hearing of it.
 */
public final class DashboardRoutes {
  /**
   * @param status null until Stripe has created the account
   * @param sales the last 30 days from Stripe, or null (no account yet, or Stripe not answering: {@code salesProblem} says)
   * @param methods null until Stripe has created the account
   */
  public record DashboardPage(Chrome chrome, Store store, AccountStatus status, String storeUrl, int activeProducts,
      String feeRuleText, SalesSummary sales, String salesProblem, CustomerMethods.View methods) {}

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

  /** What the platform itself knows of the merchant's store, read in one handle. */
  private record Local(Store store, AccountStatus status, String feeRuleText, String accountType) {}

  private void show(Context ctx) {
    long merchantId = sessions.requireMerchant(ctx);
    Local local = jdbi.withHandle(h -> {
      Store store = Stores.ofMerchant(h, merchantId);
      return new Local(store, ConnectedAccounts.status(h, store.id()).orElse(null),
          FeePreview.describe(fees.ruleFor(h, store.id(), store.currency()), store.currency()),
          ConnectedAccounts.type(h, store.id()).orElse(null));
    });
    Store store = local.store();
    // Stripe is asked with no database connection held.
    SalesSummary sales = null;
    String salesProblem = null;
    if (store.accountId() != null) {
      try {
        sales = SalesSummary.read(stripe, store.accountId(), store.currency(), LocalDate.now(ZoneOffset.UTC));
      } catch (StripeException e) {
        salesProblem = "Stripe did not give your sales just now: " + StripeApi.describe(e) + " Reload the page to try again.";
      }
    }
    CustomerMethods.View methods = local.status() == null ? null
        : CustomerMethods.read(stripe, store, local.status().accountId(), local.accountType());
    pages.render(ctx, "merchants/dashboard.jte", new DashboardPage(sessions.chrome(ctx, "merchant"), store, local.status(),
        Branding.storeUrl(publicUrl.get(), store.slug()), activeProducts.applyAsInt(store.id()), local.feeRuleText(), sales,
        salesProblem, methods));
  }
}

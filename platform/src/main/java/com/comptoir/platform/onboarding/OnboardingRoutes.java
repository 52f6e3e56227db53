package com.comptoir.platform.onboarding;

import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.stripe.StripeApi;
import com.comptoir.platform.web.Chrome;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import com.stripe.exception.StripeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Onboarding as the guide has it. {@code /onboarding/start} and the account link's
 * {@code refresh_url}, {@code /onboarding/refresh}, both make a fresh link for the signed-in
 * merchant's own account and redirect to it; an expired or already-used link lands on refresh and
 * so gets a new one. {@code return_url}, {@code /onboarding/return}, carries no state, so it reads
 * the account from Stripe and says what happened.
 */
public final class OnboardingRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(OnboardingRoutes.class);

  /** The page after returning from Stripe. {@code readProblem} is set when Stripe could not be asked. */
  public record ReturnPage(Chrome chrome, AccountStatus status, String readProblem) {}

  /** Stripe could not be reached or refused; says so, with a way to try again. */
  public record UnavailablePage(Chrome chrome, String problem) {}

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final ConnectedAccounts accounts;

  public OnboardingRoutes(Jdbi jdbi, Sessions sessions, Pages pages, ConnectedAccounts accounts) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.accounts = accounts;
  }

  public void register(RoutesConfig routes) {
    routes.get("/onboarding/start", this::redirectToFreshLink);
    routes.get("/onboarding/refresh", this::redirectToFreshLink);
    routes.get("/onboarding/return", this::returned);
  }

  private void redirectToFreshLink(Context ctx) {
    long merchantId = sessions.requireMerchant(ctx);
    String email = sessions.current(ctx).orElseThrow().email();
    String url;
    try {
      String accountId = accounts.ensureAccount(merchantId, email);
      url = accounts.onboardingLink(accountId);
    } catch (StripeException e) {
      LOG.warn("onboarding link for merchant {} failed: {}", merchantId, e.getMessage());
      pages.render(ctx, 503, "onboarding/unavailable.jte", new UnavailablePage(sessions.chrome(ctx, "merchant"), StripeApi.describe(e)));
      return;
    }
    ctx.redirect(url, HttpStatus.SEE_OTHER); // the link itself is never logged: it opens the account
  }

  private void returned(Context ctx) {
    long merchantId = sessions.requireMerchant(ctx);
    Store store = jdbi.withHandle(h -> Stores.ofMerchant(h, merchantId));
    if (store.accountId() == null) {
      ctx.redirect("/dashboard", HttpStatus.SEE_OTHER);
      return;
    }
    AccountStatus status;
    String problem = null;
    try {
      status = accounts.refresh(store.id(), store.accountId(), "return");
    } catch (StripeException e) {
      problem = StripeApi.describe(e);
      status = jdbi.withHandle(h -> ConnectedAccounts.status(h, store.id())).orElse(null);
    }
    pages.render(ctx, "onboarding/return.jte", new ReturnPage(sessions.chrome(ctx, "merchant"), status, problem));
  }
}

package com.comptoir.platform.admin;

import com.comptoir.platform.fees.FeePreview;
import com.comptoir.platform.fees.FeeRule;
import com.comptoir.platform.fees.Fees;
import com.comptoir.platform.mail.Outbox;
import com.comptoir.platform.merchants.LoginThrottle;
import com.comptoir.platform.merchants.PasswordLogin;
import com.comptoir.platform.money.Currencies;
import com.comptoir.platform.money.Money;
import com.comptoir.platform.orders.Orders;
import com.comptoir.platform.stripe.StripeApi;
import com.comptoir.platform.web.Chrome;
import com.comptoir.platform.web.Form;
import com.comptoir.platform.web.HttpErrors;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The operator area: every merchant with their onboarding state, one merchant's fee override, the
 * platform's balance and application fees, and the e-mail outbox (where, without SMTP, a developer
 * finds the password reset links). Merchants' sessions do not open it.
 */
public final class OperatorRoutes {
  private static final int MAX_LISTED = 500;
  static final String REALM = "operator";

  public record LoginPage(Chrome chrome, Form form) {}

  public record MerchantsPage(Chrome chrome, List<MerchantSummary> merchants, String defaultFeeText) {}

  /** One merchant, with the fee rule in force and the form to override it in the store's currency. */
  public record MerchantPage(Chrome chrome, MerchantSummary merchant, Form form, String ruleInForce, boolean overridden,
      String defaultRule, boolean saved) {}

  /** @param paidOrders the platform's own record of paid storefront orders, by currency */
  public record MoneyPage(Chrome chrome, MoneyOverview money, List<Orders.PaidTotal> paidOrders) {}

  public record OutboxPage(Chrome chrome, List<Outbox.Message> messages) {}

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final Fees fees;
  private final StripeApi stripe;

  public OperatorRoutes(Jdbi jdbi, Sessions sessions, Pages pages, Fees fees, StripeApi stripe) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.fees = fees;
    this.stripe = stripe;
  }

  public void register(RoutesConfig routes) {
    routes.get("/operator/login", ctx -> pages.render(ctx, "admin/login.jte", new LoginPage(sessions.chrome(ctx, "public"), Form.empty())));
    routes.post("/operator/login", this::login);
    routes.post("/operator/logout", ctx -> {
      sessions.signOut(ctx);
      ctx.redirect("/operator/login", HttpStatus.SEE_OTHER);
    });
    routes.get("/operator", this::merchants);
    routes.get("/operator/merchants/{storeId}", ctx -> showMerchant(ctx, null, 200));
    routes.post("/operator/merchants/{storeId}/fee", this::saveFee);
    routes.get("/operator/money", ctx -> {
      sessions.requireOperator(ctx);
      pages.render(ctx, "admin/money.jte", new MoneyPage(sessions.chrome(ctx, "operator"), MoneyOverview.read(stripe),
          jdbi.withHandle(Orders::paidTotals)));
    });
    routes.get("/operator/outbox", ctx -> {
      sessions.requireOperator(ctx);
      List<Outbox.Message> messages = jdbi.withHandle(h -> Outbox.newest(h, 100));
      pages.render(ctx, "admin/outbox.jte", new OutboxPage(sessions.chrome(ctx, "operator"), messages));
    });
  }

  private void login(Context ctx) {
    Form form = Form.of(ctx, List.of("email", "password"));
    if (form.hasErrors()) {
      pages.render(ctx, 400, "admin/login.jte", new LoginPage(sessions.chrome(ctx, "public"), form.without("password")));
      return;
    }
    PasswordLogin.Outcome<Operators.Operator> outcome = PasswordLogin.attempt(jdbi, REALM, ctx, form.value("email"), form.value("password"),
        Operators::byEmail, Operators.Operator::passwordHash);
    if (!outcome.succeeded()) {
      form.error("email", outcome.throttled() ? LoginThrottle.waitMessage(outcome.retryAfter())
          : "That e-mail address and password do not match an operator.");
      pages.render(ctx, outcome.throttled() ? 429 : 401, "admin/login.jte",
          new LoginPage(sessions.chrome(ctx, "public"), form.without("password")));
      return;
    }
    sessions.signInOperator(ctx, outcome.user().id(), outcome.user().email());
    ctx.redirect("/operator", HttpStatus.SEE_OTHER);
  }

  private void merchants(Context ctx) {
    sessions.requireOperator(ctx);
    List<MerchantSummary> merchants = jdbi.withHandle(h -> MerchantSummary.all(h, MAX_LISTED));
    String defaults = fees.defaults().percentBasisPoints() / 100.0 + "% plus, per currency, "
        + (fees.defaults().fixedAmounts().isEmpty() ? "nothing"
            : String.join(", ", fees.defaults().fixedAmounts().entrySet().stream()
                .map(e -> Money.format(e.getValue(), e.getKey())).toList()));
    pages.render(ctx, "admin/merchants.jte", new MerchantsPage(sessions.chrome(ctx, "operator"), merchants, defaults));
  }

  private MerchantSummary merchant(Context ctx) {
    long storeId;
    try {
      storeId = Long.parseLong(ctx.pathParam("storeId"));
    } catch (NumberFormatException e) {
      throw new HttpErrors.NotFound();
    }
    return jdbi.withHandle(h -> MerchantSummary.one(h, storeId)).orElseThrow(HttpErrors.NotFound::new);
  }

  private void showMerchant(Context ctx, Form typed, int status) {
    sessions.requireOperator(ctx);
    MerchantSummary merchant = merchant(ctx);
    Optional<FeeRule> override = jdbi.withHandle(h -> Fees.override(h, merchant.storeId(), merchant.currency()));
    FeeRule inForce = override.orElseGet(() -> fees.defaults().ruleFor(merchant.currency()));
    Form form = typed != null ? typed : Form.empty()
        .with("percent", inForce.percentText())
        .with("fixed", Money.plain(inForce.fixedAmount(), Currencies.of(merchant.currency())));
    pages.render(ctx, status, "admin/merchant.jte", new MerchantPage(sessions.chrome(ctx, "operator"), merchant, form,
        FeePreview.describe(inForce, merchant.currency()), override.isPresent(),
        FeePreview.describe(fees.defaults().ruleFor(merchant.currency()), merchant.currency()), ctx.queryParam("saved") != null));
  }

  private void saveFee(Context ctx) {
    long operatorId = sessions.requireOperator(ctx);
    MerchantSummary merchant = merchant(ctx);
    if ("remove".equals(ctx.formParam("action"))) {
      jdbi.useHandle(h -> Fees.removeOverride(h, merchant.storeId(), merchant.currency()));
      ctx.redirect("/operator/merchants/" + merchant.storeId() + "?saved=1", HttpStatus.SEE_OTHER);
      return;
    }
    Form form = Form.of(ctx, List.of("percent", "fixed"));
    int bps = 0;
    try {
      bps = FeeRule.parsePercent(form.value("percent"));
    } catch (IllegalArgumentException e) {
      form.error("percent", "Enter " + e.getMessage() + ".");
    }
    long fixed = 0;
    String fixedText = form.value("fixed").isBlank() ? "0" : form.value("fixed");
    Currencies.Currency currency = Currencies.of(merchant.currency());
    if (!fixedText.matches("[0-9]{1,8}([.,][0-9]*)?")) {
      form.error("fixed", "Enter an amount such as 0.30, or 0.");
    } else {
      java.math.BigDecimal value = new java.math.BigDecimal(fixedText.replace(",", "."));
      if (value.scale() > currency.exponent()) {
        form.error("fixed", "Use at most " + currency.exponent() + " decimals.");
      } else {
        fixed = value.movePointRight(currency.exponent()).longValueExact();
      }
    }
    if (form.hasErrors()) {
      showMerchant(ctx, form, 422);
      return;
    }
    FeeRule rule = new FeeRule(bps, fixed);
    jdbi.useHandle(h -> Fees.setOverride(h, merchant.storeId(), merchant.currency(), rule, operatorId));
    ctx.redirect("/operator/merchants/" + merchant.storeId() + "?saved=1", HttpStatus.SEE_OTHER);
  }
}

package com.comptoir.platform.payouts;

import com.comptoir.platform.onboarding.ConnectedAccounts;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.stripe.StripeApi;
import com.comptoir.platform.web.Chrome;
import com.comptoir.platform.web.Form;
import com.comptoir.platform.web.HttpErrors;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.LoginLink;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 5 of the guide, on the merchant's side: {@code /payouts} shows the signed-in merchant's own
 * connected account's balance, recent payouts and payout schedule, read from Stripe, and how to
 * change the schedule, which depends on who controls it (fact sheet §3.3, §3.4, §7.7):
 *
 * <ul>
 *   <li>Standard: the holder, in their own Stripe Dashboard, which the page links to; Stripe
 *       refuses the platform's changes;
 *   <li>Express: the holder, in the Express Dashboard, opened by a login link made on request and
 *       followed at once ({@code POST /payouts/express-dashboard});
 *   <li>Custom: the platform, from the form here ({@code POST /payouts/schedule}).
 * </ul>
 *
 * The account is always the session's store's: nothing in a URL or form names one.
 */
public final class PayoutRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PayoutRoutes.class);

  /**
   * The page.
   *
   * @param overview null when the store has no connected account yet
   * @param scheduleForm the Custom schedule form, as the account has it or as typed
   * @param notice what just happened, or null
   * @param problem why the last action failed, or null
   * @param stripeDashboardUrl where Standard account holders sign in to their Stripe Dashboard
   */
  public record PayoutsPage(Chrome chrome, Store store, PayoutsOverview overview, Form scheduleForm, String notice, String problem,
      String stripeDashboardUrl) {
    public List<String> intervals() {
      return PayoutSchedule.INTERVALS;
    }

    public List<String> weekdays() {
      return PayoutSchedule.WEEKDAYS;
    }

    /** An interval's or a weekday's label: {@code friday} is "Friday". */
    public String label(String value) {
      return PayoutSchedule.capitalized(value);
    }
  }

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final StripeApi stripe;
  private final String stripeDashboardUrl;

  public PayoutRoutes(Jdbi jdbi, Sessions sessions, Pages pages, StripeApi stripe, String stripeDashboardUrl) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.stripe = stripe;
    this.stripeDashboardUrl = stripeDashboardUrl;
  }

  public void register(RoutesConfig routes) {
    routes.get("/payouts", ctx -> {
      Store store = store(ctx);
      boolean saved = "schedule".equals(ctx.queryParam("saved"));
      show(ctx, 200, store, null, saved ? "Your payout schedule is saved." : null, null);
    });
    routes.get("/payouts/{id}", this::showPayout);
    routes.post("/payouts/express-dashboard", this::openExpressDashboard);
    routes.post("/payouts/schedule", this::saveSchedule);
  }

  private Store store(Context ctx) {
    long merchantId = sessions.requireMerchant(ctx);
    return jdbi.withHandle(h -> Stores.ofMerchant(h, merchantId));
  }

  private String knownType(Store store) {
    return jdbi.withHandle(h -> ConnectedAccounts.type(h, store.id())).orElse(null);
  }

  /** Renders the page, reading the account's money from Stripe; {@code typed} keeps a refused form as it was typed. */
  private void show(Context ctx, int status, Store store, Form typed, String notice, String problem) {
    PayoutsOverview overview = store.accountId() == null ? null : PayoutsOverview.read(stripe, store.accountId(), knownType(store));
    Form form = typed != null ? typed : ScheduleForm.of(overview == null ? null : overview.schedule());
    pages.render(ctx, status, "payouts/payouts.jte",
        new PayoutsPage(sessions.chrome(ctx, "merchant"), store, overview, form, notice, problem, stripeDashboardUrl));
  }

  public record PayoutPage(Chrome chrome, PayoutContents contents) {}

  /** One payout of the session's store, with the orders it paid; a payout of another account is a 404, as on Stripe. */
  private void showPayout(Context ctx) {
    Store store = store(ctx);
    String id = ctx.pathParam("id");
    if (store.accountId() == null || !id.matches("po_[A-Za-z0-9]{1,64}")) {
      throw new HttpErrors.NotFound();
    }
    PayoutContents contents;
    try {
      contents = PayoutContents.read(stripe, jdbi, store.id(), store.accountId(), id).orElseThrow(HttpErrors.NotFound::new);
    } catch (StripeException e) {
      LOG.warn("payout {} of store {} not read: {}", id, store.id(), StripeApi.describe(e));
      show(ctx, statusFor(e), store, null, null, "Stripe did not give that payout just now: " + StripeApi.describe(e));
      return;
    }
    pages.render(ctx, "payouts/payout.jte", new PayoutPage(sessions.chrome(ctx, "merchant"), contents));
  }

  /**
   * A login link into the Express Dashboard, made now and followed at once. The link signs its
   * bearer in, so it is never kept, e-mailed or logged; Stripe's links are single use and short-lived.
   */
  private void openExpressDashboard(Context ctx) {
    Store store = store(ctx);
    if (store.accountId() == null || !"express".equals(knownType(store))) {
      show(ctx, 409, store, null, null, "Your account has no Express Dashboard to open.");
      return;
    }
    LoginLink link;
    try {
      link = stripe.client().v1().accounts().loginLinks().create(store.accountId());
    } catch (StripeException e) {
      LOG.warn("login link for store {} failed: {}", store.id(), StripeApi.describe(e));
      show(ctx, statusFor(e), store, null, null, "Stripe could not open your Express Dashboard: " + StripeApi.describe(e));
      return;
    }
    ctx.redirect(link.getUrl(), HttpStatus.SEE_OTHER);
  }

  /** A Custom account's new schedule, sent to Stripe; Stripe's refusal is shown by the field it names. */
  private void saveSchedule(Context ctx) {
    Store store = store(ctx);
    Form form = Form.of(ctx, ScheduleForm.FIELDS);
    if (store.accountId() == null || !"custom".equals(knownType(store))) {
      // Standard holders and Express holders set their own schedule in their Dashboard (fact sheet §3.4).
      show(ctx, 409, store, null, null, "Your payout schedule is changed in your Stripe Dashboard, not here.");
      return;
    }
    if (!ScheduleForm.check(form)) {
      show(ctx, 422, store, form, null, null);
      return;
    }
    try {
      stripe.client().v1().accounts().update(store.accountId(), ScheduleForm.params(form));
    } catch (InvalidRequestException e) {
      form.error(ScheduleForm.fieldOf(e.getParam()), StripeApi.describe(e));
      show(ctx, 422, store, form, null, null);
      return;
    } catch (StripeException e) {
      LOG.warn("payout schedule of store {} not saved: {}", store.id(), StripeApi.describe(e));
      show(ctx, statusFor(e), store, form, null, "Your payout schedule was not saved: " + StripeApi.describe(e));
      return;
    }
    ctx.redirect("/payouts?saved=schedule#schedule", HttpStatus.SEE_OTHER);
  }

  private static int statusFor(StripeException e) {
    return e instanceof ApiConnectionException ? 503 : 502;
  }
}

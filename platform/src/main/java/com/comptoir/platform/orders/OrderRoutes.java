package com.comptoir.platform.orders;

import com.comptoir.platform.money.BalanceHistory;
import com.comptoir.platform.money.Breakdown;
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
import com.stripe.model.Refund;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merchant's orders: the newest first, as the webhooks left them, and one order with its lines,
 * what Stripe reported and how it got to its status, and its refund form. The store comes from the
 * session; an order id of another store is a 404, like one that does not exist. A refund is asked
 * of Stripe on the store's account; the order shows it only once Stripe's webhook says so.
 */
public final class OrderRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(OrderRoutes.class);
  static final int MAX_LISTED = 200;

  /**
   * @param booked each paid order's payment as Stripe booked it, by PaymentIntent; an order not in it is estimated
   * @param problem why Stripe's figures could not be read, or null
   */
  public record OrdersPage(Chrome chrome, Store store, List<Order> orders, boolean truncated, Map<String, Breakdown> booked,
      String problem) {
    /** The order's figures: Stripe's booking, or the estimate from the order until there is one. */
    public Breakdown money(Order order) {
      Breakdown found = order.paymentIntentId() == null ? null : booked.get(order.paymentIntentId());
      return found != null ? found : Breakdown.estimated(order.currency(), order.amountTotal(), order.applicationFeeAmount());
    }
  }

  /**
   * @param refundForm the refund form, fresh or as typed, with its one-time token
   * @param notice what just happened, or null
   * @param problem why the last action failed, or null
   */
  public record OrderPage(Chrome chrome, Order order, List<Orders.Transition> transitions, List<Orders.Refund> refunds, Form refundForm,
      String notice, String problem, OrderMoney money, String accountType, String stripeDashboardUrl) {
    /** Express holders answer disputes in the Express Dashboard, opened by a login link made when they ask. */
    public boolean isExpress() {
      return "express".equals(accountType);
    }

    /** Custom accounts have no Stripe Dashboard: the platform answers disputes for them (fact sheet §3). */
    public boolean isCustom() {
      return "custom".equals(accountType);
    }

    public Breakdown payment() {
      return money.payment();
    }

    /** What the refund took out of the merchant's balance, as its balance transaction says, or null if Stripe has not said. */
    public Breakdown refundMoney(Orders.Refund refund) {
      return money.refunds().get(refund.refundId());
    }

    public String moneyProblem() {
      return money.problem();
    }

    public List<String> reasons() {
      return RefundForm.REASON_ORDER;
    }

    public String reasonLabel(String reason) {
      return RefundForm.REASONS.getOrDefault(reason, reason == null ? "—" : reason);
    }
  }

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final StripeApi stripe;
  private final BalanceHistory history;
  /** Where Standard holders sign in to their own Stripe Dashboard. */
  private final String stripeDashboardUrl;

  public OrderRoutes(Jdbi jdbi, Sessions sessions, Pages pages, StripeApi stripe, String stripeDashboardUrl) {
    this.stripeDashboardUrl = stripeDashboardUrl;
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.stripe = stripe;
    this.history = new BalanceHistory(stripe);
  }

  public void register(RoutesConfig routes) {
    routes.get("/orders", this::list);
    routes.get("/orders/{id}", ctx -> {
      boolean requested = "requested".equals(ctx.queryParam("refund"));
      show(ctx, 200, order(ctx), null, requested ? "Refund requested. The order shows it as soon as Stripe confirms it." : null, null);
    });
    routes.post("/orders/{id}/refunds", this::refund);
  }

  private Store store(Context ctx) {
    long merchantId = sessions.requireMerchant(ctx);
    return jdbi.withHandle(h -> Stores.ofMerchant(h, merchantId));
  }

  private void list(Context ctx) {
    Store store = store(ctx);
    List<Order> orders = jdbi.withHandle(h -> Orders.newestOfStore(h, store.id(), MAX_LISTED + 1));
    boolean truncated = orders.size() > MAX_LISTED;
    List<Order> shown = truncated ? orders.subList(0, MAX_LISTED) : orders;
    Map<String, Breakdown> booked = new HashMap<>();
    String problem = null;
    if (!shown.isEmpty()) {
      // One history read for the whole list: from a day before the oldest order (clocks differ), to now.
      Instant from = shown.get(shown.size() - 1).createdAt().toInstant().minus(Duration.ofDays(1));
      try {
        for (BalanceHistory.Sale sale : BalanceHistory.sales(history.between(shown.get(0).accountId(), from, null).transactions())) {
          if (sale.paymentIntentId() != null) {
            booked.put(sale.paymentIntentId(), sale.breakdown());
          }
        }
      } catch (StripeException e) {
        LOG.warn("balance transactions of {} not read: {}", shown.get(0).accountId(), StripeApi.describe(e));
        problem = "Stripe's fees could not be read just now (" + StripeApi.describe(e) + "); the figures below are estimates.";
      }
    }
    pages.render(ctx, "orders/list.jte", new OrdersPage(sessions.chrome(ctx, "merchant"), store, shown, truncated, booked, problem));
  }

  /** The session's store's order named in the address, or a 404. */
  private Order order(Context ctx) {
    Store store = store(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new HttpErrors.NotFound();
    }
    return jdbi.withHandle(h -> Orders.ofStore(h, store.id(), id)).orElseThrow(HttpErrors.NotFound::new);
  }

  private void show(Context ctx, int status, Order order, Form typed, String notice, String problem) {
    Chrome chrome = sessions.chrome(ctx, "merchant");
    OrderMoney money = OrderMoney.read(stripe, order);
    OrderPage page = jdbi.withHandle(h -> new OrderPage(chrome, order, Orders.transitions(h, order.id()), Orders.refunds(h, order.id()),
        typed != null ? RefundForm.again(typed) : RefundForm.of(order), notice, problem, money,
        com.comptoir.platform.onboarding.ConnectedAccounts.type(h, order.storeId()).orElse(null), stripeDashboardUrl));
    pages.render(ctx, status, "orders/order.jte", page);
  }

  /** {@code POST /v1/refunds} on the store's account; Stripe's refusal is shown by the amount, as typed. */
  private void refund(Context ctx) {
    Order order = order(ctx);
    Form form = Form.of(ctx, RefundForm.FIELDS);
    if (!order.status().isPaid() || order.paymentIntentId() == null) {
      show(ctx, 409, order, null, null, "Only a paid order can be refunded; this one is " + order.status().label().toLowerCase(java.util.Locale.ROOT) + ".");
      return;
    }
    long amount = RefundForm.check(form, order);
    if (amount < 0) {
      show(ctx, 422, order, form, null, null);
      return;
    }
    Refund refund;
    try {
      refund = stripe.client().v1().refunds().create(RefundForm.params(order, amount, form),
          stripe.onAccount(order.accountId(), RefundForm.idempotencyKey(order, form)));
    } catch (InvalidRequestException e) {
      form.error(RefundForm.AMOUNT, StripeApi.describe(e));
      show(ctx, 422, order, form, null, null);
      return;
    } catch (StripeException e) {
      LOG.warn("refund of order {} not made: {}", order.id(), StripeApi.describe(e));
      show(ctx, e instanceof ApiConnectionException ? 503 : 502, order, form, null, "The refund was not made: " + StripeApi.describe(e));
      return;
    }
    LOG.info("order {}: refund {} of {} requested on {}", order.id(), refund.getId(), refund.getAmount(), order.accountId());
    ctx.redirect("/orders/" + order.id() + "?refund=requested", HttpStatus.SEE_OTHER);
  }
}

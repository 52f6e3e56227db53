package com.comptoir.platform.orders;

import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.web.Chrome;
import com.comptoir.platform.web.HttpErrors;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The merchant's orders: the newest first, as the webhooks left them, and one order with its lines,
 * what Stripe reported and how it got to its status. The store comes from the session; an order
 * id of another store is a 404, like one that does not exist.
 */
public final class OrderRoutes {
  static final int MAX_LISTED = 200;

  public record OrdersPage(Chrome chrome, Store store, List<Order> orders, boolean truncated) {}

  public record OrderPage(Chrome chrome, Order order, List<Orders.Transition> transitions) {}

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;

  public OrderRoutes(Jdbi jdbi, Sessions sessions, Pages pages) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
  }

  public void register(RoutesConfig routes) {
    routes.get("/orders", this::list);
    routes.get("/orders/{id}", this::show);
  }

  private Store store(Context ctx) {
    long merchantId = sessions.requireMerchant(ctx);
    return jdbi.withHandle(h -> Stores.ofMerchant(h, merchantId));
  }

  private void list(Context ctx) {
    Store store = store(ctx);
    List<Order> orders = jdbi.withHandle(h -> Orders.newestOfStore(h, store.id(), MAX_LISTED + 1));
    boolean truncated = orders.size() > MAX_LISTED;
    pages.render(ctx, "orders/list.jte", new OrdersPage(sessions.chrome(ctx, "merchant"), store,
        truncated ? orders.subList(0, MAX_LISTED) : orders, truncated));
  }

  private void show(Context ctx) {
    Store store = store(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new HttpErrors.NotFound();
    }
    Chrome chrome = sessions.chrome(ctx, "merchant");
    OrderPage page = jdbi.withHandle(h -> Orders.ofStore(h, store.id(), id)
        .map(o -> new OrderPage(chrome, o, Orders.transitions(h, o.id()))))
        .orElseThrow(HttpErrors.NotFound::new);
    pages.render(ctx, "orders/order.jte", page);
  }
}

package com.comptoir.platform.storefront;

import com.comptoir.platform.catalog.Catalog;
import com.comptoir.platform.catalog.Product;
import com.comptoir.platform.fees.Fees;
import com.comptoir.platform.money.Currencies;
import com.comptoir.platform.onboarding.ConnectedAccounts;
import com.comptoir.platform.orders.Order;
import com.comptoir.platform.orders.OrderStatus;
import com.comptoir.platform.orders.Orders;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.stripe.StripeApi;
import com.comptoir.platform.web.Form;
import com.comptoir.platform.web.HttpErrors;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import com.comptoir.platform.web.Tokens;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public side of a store, at {@code /s/{slug}}: its products with a quantity each, the post
 * that sends the customer to Stripe Checkout, and the order page Checkout returns to. No sign-in;
 * the buy form is CSRF-protected like every form, through the anonymous session every visitor who
 * is shown a form gets. A store whose account cannot take payments yet says so instead of selling.
 * The order page only reads what webhooks recorded: coming back from Checkout proves nothing.
 */
public final class StorefrontRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(StorefrontRoutes.class);

  /**
   * The store's page.
   *
   * @param token the form's one-time order token (see {@link CheckoutStart})
   * @param notice a line for the customer above the products, or null
   * @param problem why the last checkout could not start, or null
   */
  public record StorePage(String csrf, Store store, List<Product> products, Form form, String token, String notice, String problem) {
    public String field(Product product) {
      return Cart.field(product);
    }
  }

  public record ClosedPage(Store store) {}

  /**
   * The customer's order page: the order, and the status the platform has from Stripe.
   *
   * @param slow true when a pending order has waited longer than a webhook normally takes
   */
  public record OrderPage(Store store, Order order, String storeUrl, boolean slow) {
    /** The page reloads itself while the payment is being confirmed, which takes seconds; not for ever. */
    public boolean refresh() {
      return order.status() == OrderStatus.PENDING && !slow;
    }
  }

  /** How long the order page keeps reloading itself for a confirmation that normally takes seconds. */
  static final Duration CONFIRMATION_WAIT = Duration.ofMinutes(10);

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final CheckoutStart checkout;

  public StorefrontRoutes(Jdbi jdbi, Sessions sessions, Pages pages, StripeApi stripe, Fees fees, Supplier<String> publicUrl) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.checkout = new CheckoutStart(jdbi, stripe, fees, publicUrl);
  }

  public void register(RoutesConfig routes) {
    routes.get("/s/{slug}", this::show);
    routes.post("/s/{slug}/checkout", this::buy);
    routes.get("/s/{slug}/orders/{publicId}", this::order);
    routes.get("/s/{slug}/logo", this::logo);
    routes.get("/s/{slug}/theme.css", ctx -> {
      Store store = store(ctx);
      // The pages link it with the colour in the address, so a new colour is a new address.
      ctx.header("Cache-Control", "public, max-age=86400").contentType("text/css").result(Theme.css(store.brandColor()));
    });
  }

  private Store store(Context ctx) {
    String slug = ctx.pathParam("slug");
    if (slug.length() > 40) {
      throw new HttpErrors.NotFound();
    }
    return jdbi.withHandle(h -> Stores.bySlug(h, slug)).orElseThrow(HttpErrors.NotFound::new);
  }

  /** Open for business: Stripe lets the connected account take charges, and the platform may still act for it. */
  private boolean open(Store store) {
    return store.accountId() != null && jdbi.withHandle(h -> ConnectedAccounts.status(h, store.id()))
        .map(s -> s.chargesEnabled() && !s.deauthorized()).orElse(false);
  }

  private List<Product> products(Store store) {
    return jdbi.withHandle(h -> Catalog.onSale(h, store.id(), store.currency()));
  }

  private void show(Context ctx) {
    Store store = store(ctx);
    if (!open(store)) {
      pages.render(ctx, "storefront/closed.jte", new ClosedPage(store));
      return;
    }
    List<Product> products = products(store);
    Form form = Form.empty();
    String notice = null;
    Optional<Order> left = returnedFrom(ctx, store);
    if (left.isPresent()) {
      // Back from Checkout's "back" link: what they chose is still there.
      left.get().lines().forEach(line -> form.with(Cart.field(line.productId()), Integer.toString(line.quantity())));
      notice = "You left the payment page. Nothing was charged, and your choices are still here.";
    } else {
      // The cart the visitor filled on this page or on product pages.
      byte[] session = sessions.ensure(ctx).tokenHash();
      jdbi.withHandle(h -> Carts.quantities(h, session, store.id()))
          .forEach((product, quantity) -> form.with(Cart.field(product), Integer.toString(quantity)));
      if ("saved".equals(ctx.queryParam("cart"))) {
        notice = "Your cart is saved.";
      }
    }
    render(ctx, 200, store, products, form, Tokens.random(), notice, null);
  }

  /** The pending order named by Checkout's cancel link ({@code ?order=}), if it is this store's. */
  private Optional<Order> returnedFrom(Context ctx, Store store) {
    String publicId = ctx.queryParam("order");
    if (publicId == null || !publicId.matches("[A-Za-z0-9_-]{20,100}")) {
      return Optional.empty();
    }
    return jdbi.withHandle(h -> Orders.byPublicId(h, store.id(), publicId)).filter(o -> o.status() == OrderStatus.PENDING);
  }

  private void render(Context ctx, int status, Store store, List<Product> products, Form form, String token, String notice,
      String problem) {
    pages.render(ctx, status, "storefront/store.jte",
        new StorePage(sessions.forForms(ctx).csrf(), store, products, form, token, notice, problem));
  }

  private void buy(Context ctx) {
    Store store = store(ctx);
    if (!open(store)) {
      pages.render(ctx, 409, "storefront/closed.jte", new ClosedPage(store));
      return;
    }
    List<Product> products = products(store);
    Form form = Cart.read(ctx, products);
    String token = form.value(Cart.TOKEN).isEmpty() ? Tokens.random() : form.value(Cart.TOKEN);
    List<Order.Line> lines = Cart.lines(form, products, Currencies.of(store.currency()));
    if (form.hasErrors()) {
      render(ctx, 422, store, products, form, token, null, null);
      return;
    }
    if (form.value("buy").isEmpty()) {
      // What goes to checkout is the cart: coming back to the store (or a product page) shows it.
      Map<Long, Integer> quantities = new java.util.HashMap<>();
      products.forEach(p -> quantities.put(p.id(), 0));
      lines.forEach(line -> quantities.put(line.productId(), line.quantity()));
      byte[] session = sessions.ensure(ctx).tokenHash();
      jdbi.useTransaction(h -> Carts.put(h, session, store.id(), quantities));
    }
    try {
      CheckoutStart.Destination next = checkout.start(store, token, lines);
      ctx.redirect(next.url(), HttpStatus.SEE_OTHER);
    } catch (StripeException e) {
      LOG.warn("store {}: checkout could not start: {}", store.id(), StripeApi.describe(e));
      String problem = e instanceof ApiConnectionException
          ? "The payment page could not be reached. Nothing was charged; please try again in a moment."
          : "The payment could not be started: " + StripeApi.describe(e) + " Nothing was charged; please try again.";
      render(ctx, 502, store, products, form, token, null, problem);
    }
  }

  private void order(Context ctx) {
    Store store = store(ctx);
    String publicId = ctx.pathParam("publicId");
    if (!publicId.matches("[A-Za-z0-9_-]{20,100}")) {
      throw new HttpErrors.NotFound();
    }
    Order order = jdbi.withHandle(h -> Orders.byPublicId(h, store.id(), publicId)).orElseThrow(HttpErrors.NotFound::new);
    if (order.status().isPaid()) {
      // Bought: the cart that led here is done with.
      sessions.current(ctx).ifPresent(session -> jdbi.useHandle(h -> Carts.clear(h, session.tokenHash(), store.id())));
    }
    boolean slow = order.createdAt().isBefore(OffsetDateTime.now().minus(CONFIRMATION_WAIT));
    pages.render(ctx, "storefront/order.jte", new OrderPage(store, order, "/s/" + store.slug(), slow));
  }

  private void logo(Context ctx) {
    Store store = store(ctx);
    Stores.Logo logo = jdbi.withHandle(h -> Stores.logo(h, store.id())).orElseThrow(HttpErrors.NotFound::new);
    ctx.header("Cache-Control", "public, max-age=86400"); // linked with its hash in the address, like the theme
    ctx.contentType(logo.contentType()).result(logo.bytes());
  }
}

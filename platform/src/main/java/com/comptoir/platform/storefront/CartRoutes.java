package com.comptoir.platform.storefront;

import com.comptoir.platform.catalog.Catalog;
import com.comptoir.platform.catalog.Product;
import com.comptoir.platform.catalog.ProductImages;
import com.comptoir.platform.onboarding.ConnectedAccounts;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.web.Form;
import com.comptoir.platform.web.HttpErrors;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A product's own page ({@code /s/{slug}/products/{id}}: its image, description and price, with a
 * quantity to put in the cart) and the cart's form ({@code POST /s/{slug}/cart}), which keeps the
 * visitor's quantities with their session, so they are still there on the store page and at
 * checkout. Only products on sale in the store count; a quantity outside 0 to 99 is refused with
 * what was typed kept.
 */
public final class CartRoutes {
  /** @param inCart the quantity already in the cart, 0 if none */
  public record ProductPage(String csrf, Store store, Product product, Form form, int inCart) {
    public String field() {
      return Cart.field(product);
    }
  }

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;

  public CartRoutes(Jdbi jdbi, Sessions sessions, Pages pages) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
  }

  public void register(RoutesConfig routes) {
    routes.get("/s/{slug}/products/{id}", this::product);
    routes.get("/s/{slug}/products/{id}/image", this::image);
    routes.post("/s/{slug}/cart", this::update);
  }

  private Store openStore(Context ctx) {
    String slug = ctx.pathParam("slug");
    Store store = slug.length() > 40 ? null : jdbi.withHandle(h -> Stores.bySlug(h, slug)).orElse(null);
    boolean open = store != null && store.accountId() != null && jdbi.withHandle(h -> ConnectedAccounts.status(h, store.id()))
        .map(s -> s.chargesEnabled() && !s.deauthorized()).orElse(false);
    if (!open) {
      throw new HttpErrors.NotFound(); // a closed store's page says so; its products have no pages of their own
    }
    return store;
  }

  private List<Product> onSale(Store store) {
    return jdbi.withHandle(h -> Catalog.onSale(h, store.id(), store.currency()));
  }

  private void product(Context ctx) {
    Store store = openStore(ctx);
    Product product = find(onSale(store), ctx.pathParam("id")).orElseThrow(HttpErrors.NotFound::new);
    Sessions.Session session = sessions.ensure(ctx);
    int inCart = jdbi.withHandle(h -> Carts.quantities(h, session.tokenHash(), store.id())).getOrDefault(product.id(), 0);
    Form form = Form.empty().with(Cart.field(product), Integer.toString(Math.max(inCart, 1)));
    pages.render(ctx, "storefront/product.jte", new ProductPage(session.csrf(), store, product, form, inCart));
  }

  /** The product's uploaded picture; public like the store, cached a day since its address changes with it. */
  private void image(Context ctx) {
    String slug = ctx.pathParam("slug");
    Store store = slug.length() > 40 ? null : jdbi.withHandle(h -> Stores.bySlug(h, slug)).orElse(null);
    if (store == null || !ctx.pathParam("id").matches("[0-9]{1,18}")) {
      throw new HttpErrors.NotFound();
    }
    ProductImages.Image image = jdbi.withHandle(h -> ProductImages.of(h, store.id(), Long.parseLong(ctx.pathParam("id"))))
        .orElseThrow(HttpErrors.NotFound::new);
    ctx.header("Cache-Control", "public, max-age=86400");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(image.contentType()).result(image.bytes());
  }

  /**
   * Sets the quantities posted ({@code quantity-<id>}, for products of this store on sale) in the
   * visitor's cart and goes back to the store page, where they are filled in.
   */
  private void update(Context ctx) {
    Store store = openStore(ctx);
    List<Product> products = onSale(store);
    Form form = Cart.read(ctx, products);
    Map<Long, Integer> quantities = new LinkedHashMap<>();
    Product refused = null;
    for (Product p : products) {
      String typed = form.value(Cart.field(p));
      if (typed.isEmpty()) {
        continue; // not on the form that was posted (a product page posts one product)
      }
      if (!typed.strip().matches("[0-9]{1,2}")) {
        form.error(Cart.field(p), "Choose a quantity of " + p.name() + " from 0 to " + Cart.MAX_QUANTITY + ".");
        refused = p;
        continue;
      }
      quantities.put(p.id(), Integer.parseInt(typed.strip()));
    }
    Sessions.Session session = sessions.ensure(ctx);
    if (refused != null) {
      pages.render(ctx, 422, "storefront/product.jte", new ProductPage(session.csrf(), store, refused, form,
          jdbi.withHandle(h -> Carts.quantities(h, session.tokenHash(), store.id())).getOrDefault(refused.id(), 0)));
      return;
    }
    jdbi.useTransaction(h -> Carts.put(h, session.tokenHash(), store.id(), quantities));
    ctx.redirect("/s/" + store.slug() + "?cart=saved", HttpStatus.SEE_OTHER);
  }

  private static Optional<Product> find(List<Product> products, String id) {
    return products.stream().filter(p -> Long.toString(p.id()).equals(id)).findFirst();
  }
}

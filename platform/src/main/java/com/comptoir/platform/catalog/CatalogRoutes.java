package com.comptoir.platform.catalog;

import com.comptoir.platform.fees.FeePreview;
import com.comptoir.platform.fees.Fees;
import com.comptoir.platform.money.Currencies;
import com.comptoir.platform.money.Currencies.Currency;
import com.comptoir.platform.money.Money;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.stripe.StripeApi;
import com.comptoir.platform.web.Chrome;
import com.comptoir.platform.web.Form;
import com.comptoir.platform.web.HttpErrors;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The merchant's catalogue: products with a name, description, image URL and price, kept as
 * Products and Prices on the connected account. A product's page previews the platform fee and
 * what the merchant keeps, for the typed price, without saving ("Preview").
 */
public final class CatalogRoutes {
  private static final List<String> FIELDS = List.of("name", "description", "image_url", "price");
  static final int MAX_NAME = 250;
  static final int MAX_DESCRIPTION = 2000;
  static final int MAX_URL = 2000;

  /** The product list; {@code problems} counts products Stripe does not have yet. */
  public record ProductsPage(Chrome chrome, Store store, List<Product> products, String feeRuleText) {
    public long problems() {
      return products.stream().filter(p -> !p.onStripe()).count();
    }
  }

  /**
   * A product's form, new ({@code product} null) or existing.
   *
   * @param preview the fee on the typed price, or null when none can be worked out
   */
  public record ProductPage(Chrome chrome, Product product, Form form, Currency currency, String feeRuleText, FeePreview preview) {
    public String action() {
      return product == null ? "/products" : "/products/" + product.id();
    }
  }

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final Fees fees;
  private final CatalogSync sync;
  private final java.util.function.Supplier<String> publicUrl;

  public CatalogRoutes(Jdbi jdbi, Sessions sessions, Pages pages, Fees fees, StripeApi stripe, java.util.function.Supplier<String> publicUrl) {
    this.publicUrl = publicUrl;
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.fees = fees;
    this.sync = new CatalogSync(jdbi, stripe);
  }

  public void register(RoutesConfig routes) {
    routes.get("/products", this::list);
    routes.get("/products/new", ctx -> showForm(ctx, store(ctx), null, Form.empty(), 200));
    routes.post("/products", ctx -> save(ctx, null));
    routes.get("/products/{id}", ctx -> {
      Store store = store(ctx);
      Product product = product(ctx, store);
      Currency currency = Currencies.of(product.currency());
      Form form = Form.empty().with("name", product.name()).with("description", product.description())
          // an uploaded picture's address is the platform's own: not a URL to type, and kept unless replaced
          .with("image_url", product.imageUrl() == null || product.imageUrl().startsWith(publicUrl.get() + "/s/") ? "" : product.imageUrl())
          .with("price", Money.plain(product.unitAmount(), currency));
      showForm(ctx, store, product, form, 200);
    });
    routes.post("/products/{id}", ctx -> {
      Store store = store(ctx);
      save(ctx, product(ctx, store));
    });
    routes.post("/products/{id}/archive", ctx -> {
      Product product = product(ctx, store(ctx));
      jdbi.useHandle(h -> Products.archive(h, product.id()));
      sync.sync(product.id());
      ctx.redirect("/products", HttpStatus.SEE_OTHER);
    });
    routes.post("/products/{id}/sync", ctx -> {
      Product product = product(ctx, store(ctx));
      sync.sync(product.id());
      ctx.redirect("/products", HttpStatus.SEE_OTHER);
    });
  }

  public static int activeProducts(Jdbi jdbi, long storeId) {
    return jdbi.withHandle(h -> Products.activeCount(h, storeId));
  }

  private Store store(Context ctx) {
    long merchantId = sessions.requireMerchant(ctx);
    return jdbi.withHandle(h -> Stores.ofMerchant(h, merchantId));
  }

  /** The product named in the path, if it is this store's; anything else is a 404, whoever owns it. */
  private Product product(Context ctx, Store store) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new HttpErrors.NotFound();
    }
    return jdbi.withHandle(h -> Products.find(h, store.id(), id)).orElseThrow(HttpErrors.NotFound::new);
  }

  private void list(Context ctx) {
    Store store = store(ctx);
    List<Product> products = jdbi.withHandle(h -> Products.ofStore(h, store.id()));
    String rule = FeePreview.describe(jdbi.withHandle(h -> fees.ruleFor(h, store.id(), store.currency())), store.currency());
    pages.render(ctx, "catalog/products.jte", new ProductsPage(sessions.chrome(ctx, "merchant"), store, products, rule));
  }

  private void showForm(Context ctx, Store store, Product product, Form form, int status) {
    Currency currency = Currencies.of(product != null && product.active() ? product.currency() : store.currency());
    FeePreview preview = null;
    try {
      long amount = Money.parse(form.value("price"), currency);
      preview = jdbi.withHandle(h -> fees.preview(h, store.id(), currency.code(), amount));
    } catch (Money.InvalidAmount e) {
      // no preview for a price that cannot be read; the field's own message says why when it matters
    }
    String rule = FeePreview.describe(jdbi.withHandle(h -> fees.ruleFor(h, store.id(), currency.code())), currency.code());
    pages.render(ctx, status, "catalog/product.jte", new ProductPage(sessions.chrome(ctx, "merchant"), product, form, currency, rule, preview));
  }

  private void save(Context ctx, Product existing) {
    Store store = store(ctx);
    Form form = Form.of(ctx, FIELDS);
    Currency currency = Currencies.of(existing != null ? existing.currency() : store.currency());
    Products.Details details = check(form, currency);
    ProductImages.Image image = null;
    io.javalin.http.UploadedFile upload = ctx.uploadedFile("image");
    if (upload != null && upload.size() > 0) {
      try (java.io.InputStream in = upload.content()) {
        image = ProductImages.check(in.readNBytes(ProductImages.MAX_BYTES + 1));
      } catch (ProductImages.Refused e) {
        form.error("image", e.getMessage());
      } catch (java.io.IOException e) {
        form.error("image", "The image could not be read. Please choose it again.");
      }
    }
    if ("preview".equals(ctx.formParam("action")) || form.hasErrors()) {
      showForm(ctx, store, existing, form, form.hasErrors() ? 422 : 200);
      return;
    }
    ProductImages.Image picture = image;
    // The product and its picture in one transaction: the address Stripe gets always serves the bytes.
    long id = jdbi.inTransaction(h -> {
      long saved = existing != null ? existing.id() : Products.insert(h, store.id(), details);
      if (existing != null) {
        Products.update(h, Products.findForUpdate(h, existing.id()).orElseThrow(), details);
      }
      if (picture != null) {
        ProductImages.save(h, saved, picture, publicUrl.get(), store.slug());
      } else if (existing != null && existing.imageUrl() != null && details.imageUrl() == null
          && ProductImages.of(h, store.id(), existing.id()).isPresent()) {
        // the uploaded picture stays (the form shows its address) unless another is uploaded
        h.createUpdate("UPDATE products SET image_url = :url WHERE id = :id").bind("url", existing.imageUrl()).bind("id", saved).execute();
      }
      return saved;
    });
    sync.sync(id);
    ctx.redirect("/products", HttpStatus.SEE_OTHER);
  }

  private static Products.Details check(Form form, Currency currency) {
    String name = form.value("name");
    if (name.isBlank()) {
      form.error("name", "Enter the product's name.");
    } else if (name.length() > MAX_NAME) {
      form.error("name", "Use at most " + MAX_NAME + " characters for the name.");
    }
    if (form.value("description").length() > MAX_DESCRIPTION) {
      form.error("description", "Use at most " + MAX_DESCRIPTION + " characters for the description.");
    }
    String image = form.value("image_url");
    if (!image.isEmpty() && !isHttpsUrl(image)) {
      form.error("image_url", "Enter the image's address starting with https://, or leave it empty.");
    }
    long amount = 0;
    try {
      amount = Money.parse(form.value("price"), currency);
    } catch (Money.InvalidAmount e) {
      form.error("price", e.getMessage());
    }
    return new Products.Details(name, form.value("description"), image.isEmpty() ? null : image, amount, currency.code());
  }

  private static boolean isHttpsUrl(String value) {
    if (value.length() > MAX_URL || value.chars().anyMatch(c -> c <= ' ')) {
      return false;
    }
    try {
      URI uri = new URI(value);
      return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}

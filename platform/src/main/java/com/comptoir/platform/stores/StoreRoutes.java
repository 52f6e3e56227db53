package com.comptoir.platform.stores;

import com.comptoir.platform.money.Currencies;
import com.comptoir.platform.web.Chrome;
import com.comptoir.platform.web.Form;
import com.comptoir.platform.web.HttpErrors;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.function.LongToIntFunction;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Store settings: name, URL slug, logo and brand colour (sent to the connected account's
 * branding, so Stripe's hosted checkout wears them), currency; the country is the account's and
 * fixed. A store with products on sale keeps its currency: their prices are in it.
 */
public final class StoreRoutes {
  private static final List<String> FIELDS = List.of("name", "slug", "brand_color", "currency", "remove_logo");

  /**
   * The settings page.
   *
   * @param saved true right after a save, to say so
   * @param activeProducts how many products are on sale (they pin the currency)
   */
  public record StorePage(Chrome chrome, Store store, Form form, List<Currencies.Currency> currencies, String countryName,
      String storeUrl, boolean saved, int activeProducts) {}

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final Branding branding;
  private final Supplier<String> publicUrl;
  private final LongToIntFunction activeProducts;

  /** @param activeProducts counts a store's products on sale (from the catalogue) */
  public StoreRoutes(Jdbi jdbi, Sessions sessions, Pages pages, Branding branding, Supplier<String> publicUrl,
      LongToIntFunction activeProducts) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.branding = branding;
    this.publicUrl = publicUrl;
    this.activeProducts = activeProducts;
  }

  public void register(RoutesConfig routes) {
    routes.get("/store", ctx -> {
      Store store = store(ctx);
      Form form = Form.empty().with("name", store.name()).with("slug", store.slug()).with("brand_color", store.brandColor())
          .with("currency", store.currency());
      show(ctx, store, form, ctx.queryParam("saved") != null, 200);
    });
    routes.post("/store", this::save);
    routes.post("/store/branding", ctx -> {
      branding.push(store(ctx).id());
      ctx.redirect("/store", HttpStatus.SEE_OTHER);
    });
    routes.get("/store/logo", this::logo);
  }

  private Store store(Context ctx) {
    long merchantId = sessions.requireMerchant(ctx);
    return jdbi.withHandle(h -> Stores.ofMerchant(h, merchantId));
  }

  private void show(Context ctx, Store store, Form form, boolean saved, int status) {
    pages.render(ctx, status, "stores/settings.jte", new StorePage(sessions.chrome(ctx, "merchant"), store, form, Currencies.all(),
        Countries.name(store.country()), Branding.storeUrl(publicUrl.get(), store.slug()), saved,
        activeProducts.applyAsInt(store.id())));
  }

  private void save(Context ctx) throws IOException {
    Store store = store(ctx);
    Form form = Form.of(ctx, FIELDS);
    form.with("slug", form.value("slug").toLowerCase(Locale.ROOT));
    form.with("brand_color", form.value("brand_color").toLowerCase(Locale.ROOT));
    if (form.isBlank("name")) {
      form.error("name", "Enter the name of your store.");
    } else if (form.value("name").length() > 100) {
      form.error("name", "Use at most 100 characters for the store name.");
    }
    String slugProblem = Slugs.problemWith(form.value("slug"));
    if (slugProblem != null) {
      form.error("slug", slugProblem);
    } else if (jdbi.withHandle(h -> Stores.slugTakenByAnother(h, form.value("slug"), store.id()))) {
      form.error("slug", "Another store already uses this address; choose another.");
    }
    if (!form.value("brand_color").matches("#[0-9a-f]{6}")) {
      form.error("brand_color", "Enter a colour as # and six hexadecimal digits, such as #3d5afe.");
    }
    if (Currencies.find(form.value("currency")).isEmpty()) {
      form.error("currency", "Choose a currency.");
    } else if (!form.value("currency").equals(store.currency()) && activeProducts.applyAsInt(store.id()) > 0) {
      form.error("currency", "Your products are priced in " + store.currency().toUpperCase(Locale.ROOT)
          + ". Remove them before changing the currency, or keep " + store.currency().toUpperCase(Locale.ROOT) + ".");
    }
    Logos.Checked logo = null;
    UploadedFile upload = ctx.uploadedFile("logo");
    if (upload != null && upload.size() > 0) {
      try (InputStream in = upload.content()) {
        logo = Logos.check(in.readNBytes(Logos.MAX_BYTES + 1));
      } catch (Logos.Refused e) {
        form.error("logo", e.getMessage());
      }
    }
    if (form.hasErrors()) {
      show(ctx, store, form, false, 422);
      return;
    }
    Logos.Checked newLogo = logo;
    boolean removeLogo = newLogo == null && "yes".equals(form.value("remove_logo"));
    try {
      jdbi.useTransaction(h -> {
        h.createUpdate("""
                UPDATE stores SET name = :name, slug = :slug, brand_color = :color, currency = :currency, updated_at = now()
                WHERE id = :id""")
            .bind("name", form.value("name")).bind("slug", form.value("slug")).bind("color", form.value("brand_color"))
            .bind("currency", form.value("currency")).bind("id", store.id()).execute();
        if (newLogo != null) {
          h.createUpdate("UPDATE stores SET logo = :logo, logo_type = :type, logo_sha256 = :sha WHERE id = :id")
              .bind("logo", newLogo.bytes()).bind("type", newLogo.contentType()).bind("sha", newLogo.sha256())
              .bind("id", store.id()).execute();
        } else if (removeLogo) {
          h.createUpdate("UPDATE stores SET logo = NULL, logo_type = NULL, logo_sha256 = NULL WHERE id = :id").bind("id", store.id()).execute();
        }
      });
    } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
      if (!(e.getCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState()))) {
        throw e;
      }
      form.error("slug", "Another store already uses this address; choose another.");
      show(ctx, store, form, false, 422);
      return;
    }
    branding.push(store.id());
    ctx.redirect("/store?saved=1", HttpStatus.SEE_OTHER);
  }

  private void logo(Context ctx) {
    Store store = store(ctx);
    Stores.Logo logo = jdbi.withHandle(h -> Stores.logo(h, store.id())).orElseThrow(HttpErrors.NotFound::new);
    ctx.header("Cache-Control", "private, max-age=60");
    ctx.contentType(logo.contentType()).result(logo.bytes());
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.accounts.ConnectBranding;
import com.comptoir.processor.accounts.ConnectBranding.Branding;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.files.Files;
import com.comptoir.processor.paymentmethods.PaymentMethodConfigurations;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Settings → Connect of the platform's Dashboard: the Connect branding hosted onboarding and its
 * connected accounts' Checkout show ({@link ConnectBranding}, the icon and logo stored as Files of
 * purpose {@code business_icon} and {@code business_logo} through the files feature), and the
 * payment methods on for its connected accounts (its "Connected accounts" payment method
 * configuration, changed as {@code POST /v1/payment_method_configurations/{id}} changes it).
 */
public final class ConnectSettingsPages {
  static final String PATH = "/dashboard/settings/connect";

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  private ConnectSettingsPages(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, PlatformPages platform) {
    ConnectSettingsPages pages = new ConnectSettingsPages(jdbi, clock);
    config.routes.get(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.render(ctx, 200, s.accountId(), nav,
        notice(ctx.queryParam("saved")), null)));
    config.routes.post(PATH + "/branding", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.saveBranding(ctx, s.accountId(), nav)));
    config.routes.post(PATH + "/payment_methods", ctx -> platform.withPlatform(ctx, PATH,
        (s, nav) -> pages.savePaymentMethods(ctx, s.accountId(), nav)));
  }

  /** A payment method's checkbox for connected accounts. */
  public record Method(String value, String label, String hint, boolean on) {}

  private static String notice(String saved) {
    return switch (saved == null ? "" : saved) {
      case "branding" -> "Your Connect branding is saved. New onboarding pages and your connected accounts' Checkout show it now.";
      case "payment_methods" -> "Payment methods for your connected accounts are saved. Their next Checkout offers them.";
      default -> null;
    };
  }

  /** Thrown inside the transaction to undo a half-made upload; carries the field's message out. */
  private static final class Refused extends RuntimeException {
    final String field;

    Refused(String field, String message) {
      super(message, null, false, false);
      this.field = field;
    }
  }

  private void saveBranding(Context ctx, String platformId, PlatformNav nav) {
    BrandingForm form = BrandingForm.read(ctx);
    if (form.errors.isEmpty()) {
      try {
        jdbi.useTransaction(h -> {
          Branding saved = ConnectBranding.read(h, platformId);
          String icon = form.icon == null ? saved.icon() : upload(h, platformId, BrandingForm.ICON, "business_icon", form.icon);
          String logo = form.logo != null ? upload(h, platformId, BrandingForm.LOGO, "business_logo", form.logo)
              : form.removeLogo ? null : saved.logo();
          String secondary = form.value(BrandingForm.SECONDARY).isEmpty() ? null : form.value(BrandingForm.SECONDARY).toLowerCase();
          ConnectBranding.save(h, platformId, new Branding(form.value(BrandingForm.NAME), icon, logo,
              form.value(BrandingForm.PRIMARY).toLowerCase(), secondary), clock.nowMillis());
        });
        ctx.redirect(PATH + "?saved=branding", HttpStatus.SEE_OTHER);
        return;
      } catch (Refused e) {
        form.errors.put(e.field, e.getMessage());
      }
    }
    render(ctx, 400, platformId, nav, null, form);
  }

  /** Through the files feature, as {@code POST /v1/files} stores it; its refusal becomes the field's message. */
  private String upload(org.jdbi.v3.core.Handle h, String platformId, String field, String purpose, BrandingForm.Image image) {
    try {
      return Files.store(h, platformId, purpose, image.filename(), image.content(), clock.now(platformId));
    } catch (StripeError e) {
      String what = BrandingForm.ICON.equals(field) ? "The icon" : "The logo";
      throw new Refused(field, what + " was not saved: " + e.getMessage() + " Choose another file.");
    }
  }

  private void savePaymentMethods(Context ctx, String platformId, PlatformNav nav) {
    Set<String> on = new HashSet<>(ctx.formParams("method"));
    boolean known = jdbi.inTransaction(h -> {
      if (!PaymentMethodConfigurations.connectedAccountsChoices(h, platformId, clock.now(platformId)).keySet().containsAll(on)) {
        return false;
      }
      PaymentMethodConfigurations.chooseForConnectedAccounts(h, platformId, on, clock.now(platformId));
      return true;
    });
    if (!known) {
      Pages.message(ctx, 400, "That payment method is not offered", "Nothing was changed. Go back, reload the page and try again.",
          PATH, "Settings: Connect");
      return;
    }
    ctx.redirect(PATH + "?saved=payment_methods", HttpStatus.SEE_OTHER);
  }

  private void render(Context ctx, int status, String platformId, PlatformNav nav, String notice, BrandingForm typed) {
    Map<String, Object> params = new HashMap<>();
    jdbi.useHandle(h -> {
      Branding saved = ConnectBranding.read(h, platformId);
      BrandingForm form = typed != null ? typed : BrandingForm.of(saved);
      params.put("form", form);
      params.put("iconUrl", saved.icon() == null ? null : "/files/" + saved.icon());
      params.put("logoUrl", saved.logo() == null ? null : "/files/" + saved.logo());
      params.put("methods", methods(PaymentMethodConfigurations.connectedAccountsChoices(h, platformId, clock.now(platformId))));
    });
    params.put("nav", nav);
    params.put("notice", notice);
    Pages.render(ctx, status, "dashboard/platform/connect.jte", params);
  }

  private static List<Method> methods(Map<String, Boolean> choices) {
    return Overview.methods(choices).stream().map(m -> new Method(m.value(), m.label(), m.hint(), m.on())).toList();
  }
}

package com.comptoir.processor.checkout;

import com.comptoir.processor.accounts.ConnectBranding;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.checkout.CheckoutView.Country;
import com.comptoir.processor.checkout.CheckoutView.Item;
import com.comptoir.processor.checkout.CheckoutView.Method;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.payments.PaymentIntentStatus;
import com.comptoir.processor.paymentmethods.MethodCatalog;
import com.comptoir.processor.payments.PaymentIntents;
import com.comptoir.processor.payments.PaymentMethodsPublic;
import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The hosted checkout page (fact sheet §5): the connected account's branding, the order, the
 * customer's email, the methods that fit (most relevant first), and a form per method. A decline
 * is shown on the page with what was typed kept; a completed or expired session cannot be paid.
 */
final class HostedCheckout {
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
  private static final int SHOWN_METHODS = 3;
  private static final List<Country> COUNTRIES = List.of(new Country("US", "United States"), new Country("FR", "France"),
      new Country("DE", "Germany"), new Country("NL", "Netherlands"), new Country("BE", "Belgium"), new Country("AT", "Austria"),
      new Country("PL", "Poland"), new Country("GB", "United Kingdom"), new Country("ES", "Spain"), new Country("IT", "Italy"),
      new Country("IE", "Ireland"));
  private static final Map<String, String> LABELS = Map.of("card", "Card", "sepa_debit", "SEPA Direct Debit", "ideal", "iDEAL",
      "bancontact", "Bancontact", "eps", "EPS", "p24", "Przelewy24", "sofort", "Sofort");

  private final Jdbi jdbi;
  private final ProcessorClock clock;
  private final PaymentIntents intents;

  private HostedCheckout(Jdbi jdbi, ProcessorClock clock, PaymentIntents intents) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.intents = intents;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, PaymentIntents intents) {
    HostedCheckout page = new HostedCheckout(jdbi, clock, intents);
    config.routes.get("/c/pay/{id}", ctx -> page.show(ctx, null, Map.of(), Map.of()));
    config.routes.get("/c/pay/{id}/return", page::returned);
    config.routes.post("/c/pay/{id}", page::submit);
    config.routes.get("/assets/checkout.css", ctx -> ctx.contentType("text/css").header("Cache-Control", "public, max-age=3600")
        .result(HostedCheckout.class.getResourceAsStream("/assets/checkout.css")));
  }

  private record Found(ObjectNode session, String account, String platform, String formToken) {}

  private Optional<Found> find(Handle h, String id) {
    return h.createQuery("SELECT account_id, platform_id, form_token FROM checkout_session_private WHERE id = :id").bind("id", id)
        .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).findOne()
        .flatMap(row -> ResourceStore.findJson(h, row[0], id, "checkout.session").map(Json::parseObject)
            .map(s -> new Found(s, row[0], row[1], row[2])));
  }

  private static void headers(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self' http: https:; frame-ancestors 'none'");
  }

  private void show(Context ctx, String error, Map<String, String> typed, Map<String, String> errors) {
    headers(ctx);
    Optional<Found> found = jdbi.withHandle(h -> find(h, ctx.pathParam("id")));
    if (found.isEmpty()) {
      ctx.status(404).contentType("text/html").result(render(message("Stripe", "#635bff", null, null, "This page does not exist",
          "Check the link, or go back to the shop.")));
      return;
    }
    Found f = found.get();
    ObjectNode s = f.session();
    CheckoutSessionStatus status = CheckoutSessionStatus.of(s);
    if (status.isComplete()) {
      ctx.redirect(successUrl(s)); // paid (or paying, for delayed methods): it cannot be paid twice
      return;
    }
    ObjectNode merchant = merchant(f.account());
    if (status == CheckoutSessionStatus.EXPIRED) {
      ctx.status(410).contentType("text/html").result(render(message(name(merchant), color(merchant), icon(merchant), accent(merchant),
          "This checkout session has expired", "Go back to the shop to start again.")));
      return;
    }
    Map<String, String> values = new LinkedHashMap<>(typed);
    // The address form starts in the store's country; the methods are ordered for the country the
    // customer typed, or before they type one, for the one their browser's language names.
    String typedCountry = values.get("country");
    values.putIfAbsent("country", merchant.path("country").asText("US"));
    values.putIfAbsent("email", s.path("customer_email").asText(""));
    String country = typedCountry != null && !typedCountry.isBlank() ? typedCountry : customerCountry(ctx, s, merchant);
    List<String> ordered = MethodCatalog.byRelevance(types(s), s.get("currency").asText(), country);
    values.putIfAbsent("method", ordered.get(0));
    List<Method> methods = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      boolean more = i >= SHOWN_METHODS;
      methods.add(new Method(ordered.get(i), LABELS.get(ordered.get(i)), more, i == SHOWN_METHODS, more && i == ordered.size() - 1));
    }
    boolean moreOpen = ordered.indexOf(values.get("method")) >= SHOWN_METHODS;
    List<Item> items = new ArrayList<>();
    jdbi.useHandle(h -> CheckoutSessions.lineItemList(h, s.get("id").asText(), com.comptoir.processor.api.Params.empty()).get("data")
        .forEach(i -> items.add(new Item(i.get("description").asText(), i.get("quantity").asLong(),
            Currencies.format(i.get("amount_total").asLong(), i.get("currency").asText())))));
    CheckoutView view = new CheckoutView(name(merchant), color(merchant), icon(merchant), "Pay " + name(merchant),
        s.path("cancel_url").isNull() ? null : s.get("cancel_url").asText(), items,
        Currencies.format(s.get("amount_total").asLong(), s.get("currency").asText()), null, error, "/c/pay/" + s.get("id").asText(),
        f.formToken(), !s.path("customer_email").isNull(), methods, moreOpen, COUNTRIES, values, errors, accent(merchant));
    ctx.status(error == null && errors.isEmpty() ? 200 : 400).contentType("text/html; charset=utf-8").result(render(view));
  }

  private void submit(Context ctx) {
    headers(ctx);
    String id = ctx.pathParam("id");
    Map<String, String> in = new LinkedHashMap<>();
    ctx.formParamMap().forEach((k, v) -> in.put(k, v.isEmpty() ? "" : v.get(0).strip()));
    Optional<Found> found = jdbi.withHandle(h -> find(h, id));
    if (found.isEmpty() || !MessageDigest.isEqual(found.get().formToken().getBytes(StandardCharsets.UTF_8),
        in.getOrDefault("form_token", "").getBytes(StandardCharsets.UTF_8))) {
      ctx.status(403).contentType("text/html").result(render(message("Stripe", "#635bff", null, null, "This form has expired",
          "Reload the page and try again.")));
      return;
    }
    Found f = found.get();
    if (!CheckoutSessionStatus.of(f.session()).isOpen()) {
      show(ctx, null, Map.of(), Map.of());
      return;
    }
    Map<String, String> errors = check(in, f.session());
    Map<String, String> kept = new LinkedHashMap<>(in);
    kept.remove("card_cvc"); // a security code is never shown back
    kept.remove("form_token");
    if (!errors.isEmpty()) {
      show(ctx, null, kept, errors);
      return;
    }
    String method = in.get("method");
    String returnUrl = f.session().get("url").asText() + "/return";
    Object outcome;
    try {
      outcome = jdbi.inTransaction(h -> {
        CheckoutPayments.Payable payable = CheckoutPayments.lockForPay(h, f.account(), id).orElseThrow();
        long nowMillis = clock.nowMillis(f.platform());
        PaymentIntents.Attempt attempt = CheckoutPayments.pay(h, intents, EventContext.automatic(f.platform(), nowMillis), f.account(), payable,
            now -> PaymentMethodsPublic.fromForm(f.account(), paymentMethod(method, in, now)), in.get("email"), returnUrl,
            Math.floorDiv(nowMillis, 1000));
        return attempt;
      });
    } catch (StripeError e) {
      // card data refused before any attempt (a wrong number): shown on the page like a decline
      show(ctx, e.getMessage(), kept, Map.of(fieldFor(e.param()), e.getMessage()));
      return;
    }
    PaymentIntents.Attempt attempt = (PaymentIntents.Attempt) outcome;
    if (attempt.decline() != null) {
      show(ctx, attempt.decline().getMessage(), kept, Map.of());
      return;
    }
    ObjectNode pi = attempt.intent();
    switch (PaymentIntentStatus.of(pi)) {
      case REQUIRES_ACTION -> ctx.redirect(pi.at("/next_action/redirect_to_url/url").asText());
      case SUCCEEDED, PROCESSING -> ctx.redirect(successUrl(f.session()));
      default -> show(ctx, pi.at("/last_payment_error/message").asText("The payment did not go through."), kept, Map.of());
    }
  }

  /** Back from 3-D Secure or the bank's page: done, or the page again with what went wrong. */
  private void returned(Context ctx) {
    headers(ctx);
    Optional<Found> found = jdbi.withHandle(h -> find(h, ctx.pathParam("id")));
    if (found.isPresent() && CheckoutSessionStatus.of(found.get().session()).isComplete()) {
      ctx.redirect(successUrl(found.get().session()));
      return;
    }
    String message = found.flatMap(f -> jdbi.withHandle(h -> ResourceStore.findJson(h, f.account(),
            f.session().path("payment_intent").asText(""), "payment_intent").map(Json::parseObject)))
        .map(pi -> pi.at("/last_payment_error/message").asText(null))
        .orElse(null);
    show(ctx, message == null ? "The payment was not completed. Try again, or choose another method." : message, Map.of(), Map.of());
  }

  private static ObjectNode paymentMethod(String method, Map<String, String> in, long now) {
    ObjectNode pm = switch (method) {
      case "card" -> {
        String[] expiry = in.get("card_expiry").replace(" ", "").split("/");
        int year = Integer.parseInt(expiry[1]);
        yield PaymentMethodsPublic.card(in.get("card_number").replace(" ", ""), Integer.parseInt(expiry[0]), year < 100 ? 2000 + year : year,
            in.get("card_cvc"), now);
      }
      case "sepa_debit" -> PaymentMethodsPublic.sepa(in.get("iban").replace(" ", "").toUpperCase(), now);
      default -> PaymentMethodsPublic.redirect(method, now);
    };
    ObjectNode billing = (ObjectNode) pm.get("billing_details");
    billing.put("email", in.get("email"));
    String name = "card".equals(method) ? in.get("card_name") : "sepa_debit".equals(method) ? in.get("sepa_name") : null;
    if (name != null) {
      billing.put("name", name);
    }
    if ("card".equals(method)) {
      ((ObjectNode) billing.get("address")).put("country", in.get("country"));
    }
    return pm;
  }

  private static Map<String, String> check(Map<String, String> in, ObjectNode s) {
    Map<String, String> errors = new LinkedHashMap<>();
    String email = in.getOrDefault("email", "");
    if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      errors.put("email", email.isEmpty() ? "Enter your email." : "Enter an email address such as name@example.com.");
    }
    String method = in.getOrDefault("method", "");
    if (!types(s).contains(method)) {
      errors.put("method", "Choose a payment method.");
      return errors;
    }
    if ("card".equals(method)) {
      String number = in.getOrDefault("card_number", "").replace(" ", "");
      if (!number.matches("[0-9]{12,19}")) {
        errors.put("card_number", number.isEmpty() ? "Enter your card number." : "Your card number is incomplete.");
      }
      if (!in.getOrDefault("card_expiry", "").replace(" ", "").matches("(0[1-9]|1[0-2])/([0-9]{2}|[0-9]{4})")) {
        errors.put("card_expiry", "Enter the expiration date as MM / YY.");
      }
      if (!in.getOrDefault("card_cvc", "").matches("[0-9]{3,4}")) {
        errors.put("card_cvc", "Enter the 3 or 4 digit security code.");
      }
      if (in.getOrDefault("card_name", "").isEmpty()) {
        errors.put("card_name", "Enter the name on the card.");
      }
    } else if ("sepa_debit".equals(method)) {
      if (!com.comptoir.processor.accounts.Iban.isValid(in.getOrDefault("iban", ""))) {
        errors.put("iban", "That IBAN is not valid: check it for a typo.");
      }
      if (in.getOrDefault("sepa_name", "").isEmpty()) {
        errors.put("sepa_name", "Enter the account holder's name.");
      }
    }
    return errors;
  }

  private static String fieldFor(String param) {
    if (param == null) {
      return "card_number";
    }
    if (param.contains("exp")) {
      return "card_expiry";
    }
    if (param.contains("cvc")) {
      return "card_cvc";
    }
    return param.contains("iban") ? "iban" : "card_number";
  }

  private static List<String> types(ObjectNode s) {
    List<String> types = new ArrayList<>();
    s.get("payment_method_types").forEach(t -> types.add(t.asText()));
    return types;
  }

  /** The customer's country: Stripe's test emails say it ({@code +location_XX}), else the browser's language, else the shop's. */
  private static String customerCountry(Context ctx, ObjectNode s, ObjectNode merchant) {
    String email = s.path("customer_email").asText("");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\+location_([A-Za-z]{2})@").matcher(email);
    if (m.find()) {
      return m.group(1).toUpperCase();
    }
    String language = ctx.header("Accept-Language");
    if (language != null) {
      java.util.regex.Matcher region = java.util.regex.Pattern.compile("^[a-z]{2}-([A-Z]{2})").matcher(language);
      if (region.find()) {
        return region.group(1);
      }
    }
    return merchant.path("country").asText("US");
  }

  private static String successUrl(ObjectNode s) {
    return s.get("success_url").asText().replace("{CHECKOUT_SESSION_ID}", s.get("id").asText());
  }

  /**
   * The connected account's document, its {@code settings.branding} as Checkout shows it: its own,
   * completed by its platform's Connect branding when the platform controls it ({@link ConnectBranding}).
   */
  private ObjectNode merchant(String account) {
    return jdbi.withHandle(h -> {
      ObjectNode doc = h.createQuery("SELECT body::text FROM resources WHERE id = :id").bind("id", account)
          .mapTo(String.class).findOne().map(Json::parseObject).orElse(Json.object());
      if (doc.path("settings").path("branding") instanceof ObjectNode branding) {
        ConnectBranding.Branding shown = ConnectBranding.forCheckout(h, doc);
        branding.put("icon", shown.icon());
        branding.put("logo", shown.logo());
        branding.put("primary_color", shown.primaryColor());
        branding.put("secondary_color", shown.secondaryColor());
      }
      return doc;
    });
  }

  private static String name(JsonNode account) {
    JsonNode display = account.at("/settings/dashboard/display_name");
    JsonNode profile = account.at("/business_profile/name");
    return display.isTextual() && !display.asText().isBlank() ? display.asText()
        : profile.isTextual() && !profile.asText().isBlank() ? profile.asText() : "this shop";
  }

  private static String color(JsonNode account) {
    String c = account.at("/settings/branding/primary_color").asText("");
    return c.matches("#[0-9a-fA-F]{6}") ? c : "#635bff";
  }

  private static String accent(JsonNode account) {
    String c = account.at("/settings/branding/secondary_color").asText("");
    return c.matches("#[0-9a-fA-F]{6}") ? c : null;
  }

  private static String icon(JsonNode account) {
    JsonNode icon = account.at("/settings/branding/icon");
    JsonNode logo = account.at("/settings/branding/logo");
    String id = icon.isTextual() && !icon.asText().isBlank() ? icon.asText() : logo.isTextual() && !logo.asText().isBlank() ? logo.asText() : null;
    return id == null ? null : "/files/" + id;
  }

  private static CheckoutView message(String merchant, String color, String icon, String accent, String heading, String text) {
    return new CheckoutView(merchant, color, icon, heading, null, List.of(), "", text, null, null, "", false, List.of(), false,
        COUNTRIES, Map.of(), Map.of(), accent);
  }

  private static String render(CheckoutView view) {
    StringOutput out = new StringOutput();
    TEMPLATES.render("checkout/page.jte", view, out);
    return out.toString();
  }
}

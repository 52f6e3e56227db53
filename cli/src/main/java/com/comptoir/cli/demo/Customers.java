package com.comptoir.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Customers of one store: each opens the storefront, checks out, and pays on Stripe's Checkout
 * with the processor's test helper, which is what the hosted page does with what a customer typed;
 * a bank redirect is then authorized on the bank's test page, as the customer would.
 */
final class Customers {
  private static final Pattern TOKEN = Pattern.compile("name=\"order_token\" value=\"([^\"]+)\"");
  private static final Pattern QUANTITY = Pattern.compile("(?s)of ([^<]+)</span></label>.*?name=\"quantity-(\\d+)\"");
  private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

  /** How a customer pays. */
  enum Method {
    CARD, DISPUTED_CARD, IDEAL, SEPA, FAILING_SEPA;

    Map<String, String> fields(String name, String email) {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("customer_email", email);
      switch (this) {
        case CARD -> f.put("payment_method", "pm_card_visa");
        // Stripe's test card whose payment the cardholder disputes (fact sheet: 4000 0000 0000 0259)
        case DISPUTED_CARD -> f.put("payment_method", "pm_card_createDispute");
        case IDEAL -> {
          f.put("payment_method_data[type]", "ideal");
          f.put("payment_method_data[billing_details][name]", name);
        }
        case SEPA, FAILING_SEPA -> {
          f.put("payment_method_data[type]", "sepa_debit");
          f.put("payment_method_data[billing_details][name]", name);
          f.put("payment_method_data[billing_details][email]", email);
          // Stripe's test IBANs: DE89... settles, DE62... fails after the bank's days (fact sheet §6.4)
          f.put("payment_method_data[sepa_debit][iban]", this == SEPA ? "DE89370400440532013000" : "DE62370400440532013001");
        }
      }
      return f;
    }
  }

  /** A paid (or attempted) order: the Checkout Session and its PaymentIntent. */
  record Order(String sessionId, String paymentIntentId) {}

  private final URI platform;
  private final String slug;
  private final String accountId;
  private final StripeHttp stripe;

  Customers(URI platform, String slug, String accountId, StripeHttp stripe) {
    this.platform = platform;
    this.slug = slug;
    this.accountId = accountId;
    this.stripe = stripe;
  }

  /** A new customer buys {@code quantities} (by product name) and pays with {@code method}. */
  Order buy(Map<String, Integer> quantities, Method method, String name, String email) {
    Person customer = new Person();
    Person.Page store = customer.get(platform.resolve("/s/" + slug)).expect(200);
    Matcher token = TOKEN.matcher(store.body());
    if (!token.find()) {
      throw new DemoException("the storefront " + slug + " has no order form (is it open?): " + store.excerpt());
    }
    Map<String, String> ids = new HashMap<>();
    for (Matcher m = QUANTITY.matcher(store.body()); m.find(); ) {
      ids.put(m.group(1).strip(), "quantity-" + m.group(2));
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("order_token", token.group(1));
    quantities.forEach((product, quantity) -> form.put(ids.computeIfAbsent(product, p -> {
      throw new DemoException("the storefront " + slug + " does not sell " + p + "; it sells " + ids.keySet());
    }), Integer.toString(quantity)));
    URI checkout = customer.post(platform.resolve("/s/" + slug + "/checkout"), form).next();
    String session = checkout.getPath().substring(checkout.getPath().lastIndexOf('/') + 1);
    JsonNode paid = stripe.post("/v1/test_helpers/checkout/sessions/" + session + "/pay", accountId, method.fields(name, email));
    String intent = paid.path("payment_intent").asText(null);
    if (method == Method.IDEAL) {
      authorizeAtTheBank(customer, intent);
    }
    return new Order(session, intent);
  }

  private void authorizeAtTheBank(Person customer, String intent) {
    JsonNode pi = stripe.get("/v1/payment_intents/" + intent, accountId);
    String redirect = pi.path("next_action").path("redirect_to_url").path("url").asText(null);
    if (redirect == null) {
      throw new DemoException("the iDEAL payment " + intent + " has no bank redirect: " + pi);
    }
    URI bank = URI.create(redirect);
    Person.Page page = customer.get(bank).expect(200);
    Matcher action = FORM_ACTION.matcher(page.body());
    if (!action.find()) {
      throw new DemoException("the bank's test page has no form: " + page.excerpt());
    }
    customer.post(bank.resolve(action.group(1).replace("&amp;", "&")), Map.of("decision", "authorize"));
  }
}

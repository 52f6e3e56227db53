package com.comptoir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One customer of scenario 3: a browser's cookies, the storefront's forms, the pay a hosted
 * Checkout page sends, and the order page reloaded until it says the payment was received.
 */
final class StoreCustomer implements AutoCloseable {
  /** How often the order page is reloaded while the payment is being confirmed. */
  static final int POLL_MILLIS = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern TOKEN = Pattern.compile("name=\"order_token\" value=\"([^\"]+)\"");
  private static final Pattern QUANTITY = Pattern.compile("(?s)of ([^<]+)</span></label>.*?name=\"quantity-(\\d+)\"");
  private static final String PAID = "Payment received";
  /** One client for the processor's API, shared by every customer (as a hosted page's server would be). */
  private static final HttpClient API = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
      .connectTimeout(Duration.ofSeconds(10)).build();

  /** The store the customers buy from. */
  record Shop(URI platform, String processorUrl, String secretKey, String accountId, String slug, String product) {}

  /** An order paid: its Checkout Session, the time from pay to the page saying paid, and the reloads that took. */
  record Bought(String sessionId, long payToPaidNanos, int polls) {}

  private final Shop shop;
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

  StoreCustomer(Shop shop) {
    this.shop = shop;
  }

  Bought buy() {
    HttpResponse<String> page = send(get(shop.platform().resolve("/s/" + shop.slug())), 200);
    String csrf = find(CSRF, page.body(), "a csrf field");
    String token = find(TOKEN, page.body(), "an order form");
    String field = null;
    for (Matcher m = QUANTITY.matcher(page.body()); m.find(); ) {
      if (m.group(1).strip().equals(shop.product())) {
        field = "quantity-" + m.group(2);
      }
    }
    if (field == null) {
      throw new IllegalStateException("the storefront does not sell " + shop.product());
    }
    Map<String, String> order = new LinkedHashMap<>();
    order.put("csrf", csrf);
    order.put("order_token", token);
    order.put(field, "1");
    HttpResponse<String> checkout = send(post(shop.platform().resolve("/s/" + shop.slug() + "/checkout"), order, Map.of()), 303);
    String location = checkout.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException("checkout: no Location"));
    String path = URI.create(location).getPath();
    String session = path.substring(path.lastIndexOf('/') + 1);
    if (!session.startsWith("cs_")) {
      throw new IllegalStateException("checkout redirected to " + location + ", not to a Checkout Session");
    }

    long payStarted = System.nanoTime();
    HttpResponse<String> paid = sendApi(post(URI.create(shop.processorUrl() + "/v1/test_helpers/checkout/sessions/" + session + "/pay"),
        Map.of("payment_method", "pm_card_visa", "customer_email", "customer@example.com"),
        Map.of("Authorization", "Bearer " + shop.secretKey(), "Stripe-Account", shop.accountId())));
    JsonNode s = Store.json(paid.body());
    if (!"complete".equals(s.path("status").asText()) || !"paid".equals(s.path("payment_status").asText())) {
      throw new IllegalStateException("the pay left " + session + " " + s.path("status").asText() + "/" + s.path("payment_status").asText());
    }
    URI orderPage = URI.create(s.path("success_url").asText().replace("{CHECKOUT_SESSION_ID}", session));
    int polls = 0;
    long deadline = payStarted + TIMEOUT.toNanos();
    while (true) {
      polls++;
      if (send(get(orderPage), 200).body().contains(PAID)) {
        return new Bought(session, System.nanoTime() - payStarted, polls);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the order of " + session + " was not paid " + TIMEOUT + " after its pay");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
    }
  }

  @Override
  public void close() {
    browser.close();
  }

  private static String find(Pattern p, String body, String what) {
    Matcher m = p.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("the storefront page has no " + what);
    }
    return m.group(1);
  }

  private static HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
  }

  private static HttpRequest post(URI uri, Map<String, String> form, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(StripeClient.form(form)));
    headers.forEach(b::header);
    return b.build();
  }

  private HttpResponse<String> send(HttpRequest request, int expected) {
    HttpResponse<String> r = exchange(browser, request);
    if (r.statusCode() != expected) {
      throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode() + ", not " + expected);
    }
    return r;
  }

  private static HttpResponse<String> sendApi(HttpRequest request) {
    HttpResponse<String> r = exchange(API, request);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(request.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
    }
    return r;
  }

  private static HttpResponse<String> exchange(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri().getPath() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }
}

package com.comptoir.processor.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.testing.Browser;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.Stripe;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A customer pays the guide's checkout in Chromium, as a person would. */
@InOwnSandbox
class HostedCheckoutBrowserTest {
  private TestProcessor processor;
  private StripeHttp shop;
  private HttpServer store;
  private WebhookReceiver webhooks;
  private Browser browser;
  private String account;

  @BeforeEach
  void start() throws IOException {
    processor = TestProcessor.sandbox();
    StripeHttp http = processor.http();
    store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    for (String page : new String[] {"/success", "/cancel"}) {
      store.createContext(page, exchange -> {
        byte[] body = ("<!doctype html><title>store</title><h1>store " + page + "</h1>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
    }
    store.start();
    webhooks = new WebhookReceiver();
    webhooks.secret(http.post("/v1/webhook_endpoints", Map.of("url", webhooks.url(), "connect", "true",
        "enabled_events[0]", "checkout.session.completed", "api_version", Stripe.API_VERSION)).json().get("secret").asText());
    account = http.post("/v1/accounts", Map.of("country", "FR", "business_profile[name]", "Atelier <b>Bleu</b>",
        "settings[branding][primary_color]", "#0a7d4f")).json().get("id").asText();
    shop = http.header("Stripe-Account", account);
    browser = new Browser();
  }

  @AfterEach
  void stop() {
    browser.close();
    webhooks.close();
    store.stop(0);
    processor.close();
  }

  private String site(String path) {
    return "http://127.0.0.1:" + store.getAddress().getPort() + path;
  }

  private JsonNode session() {
    String product = shop.post("/v1/products", Map.of("name", "Linen shirt")).json().get("id").asText();
    String price = shop.post("/v1/prices", Map.of("product", product, "currency", "eur", "unit_amount", "10000")).json().get("id").asText();
    return shop.post("/v1/checkout/sessions", Map.of("mode", "payment", "line_items[0][price]", price, "line_items[0][quantity]", "1",
        "payment_intent_data[application_fee_amount]", "123", "success_url", site("/success?session_id={CHECKOUT_SESSION_ID}"),
        "cancel_url", site("/cancel"))).json();
  }

  @Test
  void aCustomerPaysByCardAndLandsOnTheSuccessUrlWithTheSession() {
    JsonNode session = session();
    String id = session.get("id").asText();
    browser.open(session.get("url").asText());
    assertThat(browser.heading()).isEqualTo("Pay Atelier <b>Bleu</b>"); // the shop's name, escaped, not markup
    assertThat(browser.text()).contains("Linen shirt").contains("€100.00");

    browser.type("Email", "buyer@example.com").type("Card number", "4000 0000 0000 0002").type("Expiration", "12 / 34")
        .type("CVC", "123").type("Cardholder name", "Ada Buyer").press("Pay €100.00");
    assertThat(browser.text()).contains("Your card was declined.");
    assertThat(browser.field("Card number").getAttribute("value")).isEqualTo("4000 0000 0000 0002"); // kept, as typed
    assertThat(shop.get("/v1/checkout/sessions/" + id).json().get("status").asText()).isEqualTo("open");

    browser.type("Card number", "4242 4242 4242 4242").type("CVC", "123").press("Pay €100.00");
    browser.waitForUrl(u -> u.startsWith(site("/success")));
    assertThat(browser.url()).isEqualTo(site("/success?session_id=" + id));

    JsonNode paid = shop.get("/v1/checkout/sessions/" + id + "?expand[]=payment_intent").json();
    assertThat(paid.get("status").asText()).isEqualTo("complete");
    assertThat(paid.get("payment_status").asText()).isEqualTo("paid");
    assertThat(paid.at("/payment_intent/status").asText()).isEqualTo("succeeded");
    assertThat(paid.at("/payment_intent/application_fee_amount").asLong()).isEqualTo(123);
    assertThat(paid.at("/customer_details/email").asText()).isEqualTo("buyer@example.com");
    var event = webhooks.await(e -> "checkout.session.completed".equals(e.getType()), Duration.ofSeconds(15));
    assertThat(event.getAccount()).isEqualTo(account);

    // the page cannot be paid twice: it sends the customer on to the success page
    browser.open(session.get("url").asText());
    browser.waitForUrl(u -> u.startsWith(site("/success")));
  }

  @Test
  void missingCardDetailsAreShownInlineAndTheCustomerCanGoBack() {
    JsonNode session = session();
    browser.open(session.get("url").asText());
    browser.type("Email", "not-an-email").press("Pay €100.00");
    assertThat(browser.text()).contains("Enter an email address").contains("Enter your card number.");
    assertThat(browser.field("Email").getAttribute("value")).isEqualTo("not-an-email");
    browser.driver().findElement(org.openqa.selenium.By.linkText("← Back to Atelier <b>Bleu</b>")).click();
    browser.waitForUrl(u -> u.equals(site("/cancel")));
  }
}

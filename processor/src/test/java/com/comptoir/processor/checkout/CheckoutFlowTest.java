package com.comptoir.processor.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import com.stripe.model.checkout.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guide's checkout, paid by card, by SEPA debit, declined, authenticated, expired. */
class CheckoutFlowTest {
  private static final String GUIDE_KEY = "sk_test_BQokikJOvBiI2HlWgH4olfQ2";
  private TestProcessor processor;
  private StripeHttp http;
  private WebhookReceiver webhooks;
  private String account;
  private StripeHttp shop;

  @BeforeEach
  void start() {
    processor = TestProcessor.withSecretKey(GUIDE_KEY);
    http = processor.http();
    webhooks = new WebhookReceiver();
    JsonNode endpoint = http.post("/v1/webhook_endpoints", Map.of("url", webhooks.url(), "connect", "true", "enabled_events[0]", "*",
        "api_version", Stripe.API_VERSION)).json();
    webhooks.secret(endpoint.get("secret").asText());
    Map<String, String> form = new java.util.HashMap<>(ActivatedAccounts.form("DE", "sepa_debit_payments"));
    form.put("business_profile[name]", "Atelier");
    account = http.post("/v1/accounts", form).json().get("id").asText();
    shop = http.header("Stripe-Account", account);
    // The business turns SEPA Direct Debit on, as the guide assumes (cards are on by default).
    String config = shop.get("/v1/payment_method_configurations").json().at("/data/0/id").asText();
    assertThat(shop.post("/v1/payment_method_configurations/" + config,
        Map.of("sepa_debit[display_preference][preference]", "on")).status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    webhooks.close();
    processor.close();
  }

  private String price(long amount) {
    String product = shop.post("/v1/products", Map.of("name", "Hat")).json().get("id").asText();
    return shop.post("/v1/prices", Map.of("product", product, "currency", "eur", "unit_amount", Long.toString(amount))).json().get("id").asText();
  }

  private JsonNode guideSession(String price) throws Exception {
    // request 3 of the guide, with curl exactly as written
    Process p = new ProcessBuilder("curl", "-sS", processor.url() + "/v1/checkout/sessions", "-u", GUIDE_KEY + ":",
        "-H", "Stripe-Account: " + account, "-d", "mode=payment", "-d", "line_items[0][price]=" + price, "-d", "line_items[0][quantity]=1",
        "-d", "payment_intent_data[application_fee_amount]=123",
        "--data-urlencode", "success_url=https://example.com/success", "--data-urlencode", "cancel_url=https://example.com/cancel").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    return new ObjectMapper().readTree(out);
  }

  private StripeHttp.Response pay(String session, Map<String, String> form) {
    return shop.post("/v1/test_helpers/checkout/sessions/" + session + "/pay", form);
  }

  @Test
  void theGuidesCheckoutIsPaidByCardAndCompletesWithTheApplicationFee() throws Exception {
    JsonNode session = guideSession(price(10000));
    assertThat(session.get("url").asText()).startsWith("http");
    assertThat(session.get("status").asText()).isEqualTo("open");
    assertThat(session.get("payment_intent").isNull()).isTrue();
    String id = session.get("id").asText();

    JsonNode paid = pay(id, Map.of("payment_method", "pm_card_visa", "customer_email", "buyer@example.com")).json();
    assertThat(paid.get("status").asText()).isEqualTo("complete");
    assertThat(paid.get("payment_status").asText()).isEqualTo("paid");
    assertThat(paid.get("url").isNull()).isTrue();
    JsonNode pi = shop.get("/v1/payment_intents/" + paid.get("payment_intent").asText() + "?expand[]=latest_charge").json();
    assertThat(pi.get("status").asText()).isEqualTo("succeeded");
    assertThat(pi.get("application_fee_amount").asLong()).isEqualTo(123);
    assertThat(pi.at("/latest_charge/status").asText()).isEqualTo("succeeded");
    assertThat(pi.at("/latest_charge/payment_method_details/card/last4").asText()).isEqualTo("4242");

    var completed = webhooks.await(e -> "checkout.session.completed".equals(e.getType()), Duration.ofSeconds(15));
    assertThat(completed.getAccount()).isEqualTo(account);
    Session typed = (Session) completed.getDataObjectDeserializer().getObject().orElseThrow();
    assertThat(typed.getPaymentStatus()).isEqualTo("paid");
    // the page cannot be paid twice
    assertThat(pay(id, Map.of("payment_method", "pm_card_visa")).json().at("/error/code").asText()).isEqualTo("checkout_session_complete");
  }

  @Test
  void aDeclinedCardLeavesTheSessionOpenAndAnotherCardCanPay() throws Exception {
    String id = guideSession(price(2500)).get("id").asText();
    StripeHttp.Response declined = pay(id, Map.of("payment_method", "pm_card_chargeDeclinedInsufficientFunds"));
    assertThat(declined.status()).isEqualTo(402);
    assertThat(declined.json().at("/error/type").asText()).isEqualTo("card_error");
    assertThat(declined.json().at("/error/decline_code").asText()).isEqualTo("insufficient_funds");
    JsonNode open = shop.get("/v1/checkout/sessions/" + id).json();
    assertThat(open.get("status").asText()).isEqualTo("open");
    // the attempt's intent is stored on the session even though no move of the intent wrote it
    assertThat(open.get("payment_intent").asText()).isEqualTo(declined.json().at("/error/payment_intent/id").asText()).startsWith("pi_");
    // a second decline retries the same intent; each attempt's card is stored as a PaymentMethod
    StripeHttp.Response again = pay(id, Map.of("payment_method", "pm_card_chargeDeclined"));
    assertThat(again.status()).isEqualTo(402);
    assertThat(again.json().at("/error/payment_intent/id").asText()).isEqualTo(open.get("payment_intent").asText());
    for (StripeHttp.Response attempt : List.of(declined, again)) {
      String pm = attempt.json().at("/error/payment_method/id").asText();
      assertThat(shop.get("/v1/payment_methods/" + pm).json().get("id").asText()).isEqualTo(pm);
    }
    JsonNode paid = pay(id, Map.of("payment_method_data[type]", "card", "payment_method_data[card][number]", "5555555555554444",
        "payment_method_data[card][exp_month]", "12", "payment_method_data[card][exp_year]", "2034",
        "payment_method_data[card][cvc]", "123", "payment_method_data[billing_details][name]", "Jo Buyer")).json();
    assertThat(paid.has("error")).as("%s", paid).isFalse();
    assertThat(paid.get("payment_status").asText()).isEqualTo("paid");
    assertThat(paid.get("payment_intent").asText()).isEqualTo(open.get("payment_intent").asText());
    // customer_details come from the card just given, in the same transaction
    assertThat(paid.at("/customer_details/name").asText()).isEqualTo("Jo Buyer");
    List<JsonNode> charges = List.of(shop.get("/v1/charges?payment_intent=" + paid.get("payment_intent").asText()).json().get("data").get(0),
        shop.get("/v1/charges?payment_intent=" + paid.get("payment_intent").asText()).json().get("data").get(1));
    assertThat(charges).extracting(c -> c.get("status").asText()).containsExactly("succeeded", "failed");
  }

  @Test
  void aSepaDebitIsProcessingUntilTheClockMovesThenSucceeds() throws Exception {
    String id = guideSession(price(4000)).get("id").asText();
    JsonNode submitted = pay(id, Map.of("payment_method_data[type]", "sepa_debit",
        "payment_method_data[sepa_debit][iban]", "DE89370400440532013000")).json();
    assertThat(submitted.get("status").asText()).isEqualTo("complete");
    assertThat(submitted.get("payment_status").asText()).isEqualTo("unpaid");
    assertThat(shop.get("/v1/payment_intents/" + submitted.get("payment_intent").asText()).json().get("status").asText()).isEqualTo("processing");

    http.post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(Duration.ofDays(4).toSeconds())));
    assertThat(shop.get("/v1/checkout/sessions/" + id).json().get("payment_status").asText()).isEqualTo("paid");
    webhooks.await(e -> "checkout.session.async_payment_succeeded".equals(e.getType()), Duration.ofSeconds(15));
  }

  @Test
  void aFailingIbanEndsInAsyncPaymentFailed() throws Exception {
    String id = guideSession(price(4000)).get("id").asText();
    pay(id, Map.of("payment_method_data[type]", "sepa_debit", "payment_method_data[sepa_debit][iban]", "DE62370400440532013001"));
    http.post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(Duration.ofDays(4).toSeconds())));
    webhooks.await(e -> "checkout.session.async_payment_failed".equals(e.getType()), Duration.ofSeconds(15));
    JsonNode s = shop.get("/v1/checkout/sessions/" + id + "?expand[]=payment_intent").json();
    assertThat(s.get("payment_status").asText()).isEqualTo("unpaid");
    assertThat(s.at("/payment_intent/status").asText()).isEqualTo("requires_payment_method");
    assertThat(s.at("/payment_intent/last_payment_error/code").asText()).isEqualTo("generic_could_not_process");
  }

  @Test
  void threeDSecurePassesAndFailsThroughTheHostedPage() throws Exception {
    HttpClient browserless = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    for (String decision : new String[] {"fail", "authorize"}) {
      String id = guideSession(price(3000)).get("id").asText();
      JsonNode s = shop.get("/v1/checkout/sessions/" + id).json();
      JsonNode waiting = pay(id, Map.of("payment_method", "pm_card_authenticationRequired")).json();
      assertThat(waiting.get("status").asText()).isEqualTo("open");
      JsonNode pi = shop.get("/v1/payment_intents/" + waiting.get("payment_intent").asText()).json();
      assertThat(pi.get("status").asText()).isEqualTo("requires_action");
      String page = pi.at("/next_action/redirect_to_url/url").asText();
      assertThat(browserless.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString()).body())
          .contains("Complete").contains("Fail");
      HttpResponse<String> answer = browserless.send(HttpRequest.newBuilder(URI.create(page))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("decision=" + decision)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location").orElseThrow()).startsWith(s.get("url").asText() + "/return?payment_intent=");
      JsonNode after = shop.get("/v1/checkout/sessions/" + id + "?expand[]=payment_intent").json();
      if ("fail".equals(decision)) {
        assertThat(after.get("status").asText()).isEqualTo("open");
        assertThat(after.at("/payment_intent/last_payment_error/code").asText()).isEqualTo("payment_intent_authentication_failure");
      } else {
        assertThat(after.get("status").asText()).isEqualTo("complete");
        assertThat(after.get("payment_status").asText()).isEqualTo("paid");
      }
    }
  }

  @Test
  void anExpiredSessionCannotBePaid() throws Exception {
    String id = guideSession(price(1000)).get("id").asText();
    JsonNode expired = shop.post("/v1/checkout/sessions/" + id + "/expire", Map.of()).json();
    assertThat(expired.get("status").asText()).isEqualTo("expired");
    assertThat(expired.get("url").isNull()).isTrue();
    assertThat(pay(id, Map.of("payment_method", "pm_card_visa")).json().at("/error/code").asText()).isEqualTo("checkout_session_expired");
    // and one left open expires on the clock
    String later = guideSession(price(1000)).get("id").asText();
    http.post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(Duration.ofHours(25).toSeconds())));
    assertThat(shop.get("/v1/checkout/sessions/" + later).json().get("status").asText()).isEqualTo("expired");
    webhooks.await(e -> "checkout.session.expired".equals(e.getType()), Duration.ofSeconds(15));
  }

  @Test
  void sessionParametersAreCheckedAsStripeChecksThem() {
    String price = price(1000);
    Map<String, String> base = new HashMap<>(Map.of("mode", "payment", "success_url", "https://example.com/s",
        "line_items[0][price]", price, "line_items[0][quantity]", "1"));
    Map<String, String> tooMuchFee = new HashMap<>(base);
    tooMuchFee.put("payment_intent_data[application_fee_amount]", "1001");
    assertThat(shop.post("/v1/checkout/sessions", tooMuchFee).json().at("/error/param").asText())
        .isEqualTo("payment_intent_data[application_fee_amount]");
    Map<String, String> otherAccountsPrice = new HashMap<>(base);
    otherAccountsPrice.put("line_items[0][price]", "price_doesnotexist");
    StripeHttp.Response missing = shop.post("/v1/checkout/sessions", otherAccountsPrice);
    assertThat(missing.json().at("/error/param").asText()).isEqualTo("line_items[0][price]");
    Map<String, String> ideal = new HashMap<>(base);
    ideal.put("payment_method_types[0]", "ideal");
    assertThat(shop.post("/v1/checkout/sessions", ideal).json().at("/error/param").asText()).isEqualTo("payment_method_types[0]");
    Map<String, String> shortLived = new HashMap<>(base);
    shortLived.put("expires_at", Long.toString(System.currentTimeMillis() / 1000 + 60));
    assertThat(shop.post("/v1/checkout/sessions", shortLived).json().at("/error/param").asText()).isEqualTo("expires_at");
    Map<String, String> onPlatform = new HashMap<>(base);
    onPlatform.put("payment_intent_data[application_fee_amount]", "10");
    assertThat(http.post("/v1/checkout/sessions", onPlatform).status()).isIn(400, 404);
  }
}

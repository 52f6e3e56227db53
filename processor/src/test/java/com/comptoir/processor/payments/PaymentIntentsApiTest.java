package com.comptoir.processor.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PaymentIntents for API integrations, through stripe-java and over the wire. */
class PaymentIntentsApiTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp platform = processor.http();
  private final String account = ActivatedAccounts.custom(platform, "NL", "ideal_payments");
  private final StripeHttp shop = platform.header("Stripe-Account", account);
  private final StripeClient stripe = StripeClient.builder().setApiKey(processor.secretKey()).setApiBase(processor.url()).build();
  private final RequestOptions onShop = RequestOptions.builder().setStripeAccount(account).build();

  @Test
  void aCardPaymentSucceedsWithItsApplicationFeeThroughStripeJava() throws Exception {
    PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
        .setAmount(2000L).setCurrency("eur").setApplicationFeeAmount(200L).addPaymentMethodType("card")
        .setPaymentMethod("pm_card_visa").setConfirm(true).build(), onShop);
    assertThat(pi.getStatus()).isEqualTo("succeeded");
    assertThat(pi.getAmountReceived()).isEqualTo(2000L);
    assertThat(pi.getApplicationFeeAmount()).isEqualTo(200L);
    assertThat(pi.getLatestCharge()).startsWith("ch_");
  }

  @Test
  void aDeclineIsACardExceptionAndTheIntentKeepsTheError() throws Exception {
    PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
        .setAmount(2000L).setCurrency("eur").addPaymentMethodType("card").build(), onShop);
    try {
      stripe.v1().paymentIntents().confirm(pi.getId(), PaymentIntentConfirmParams.builder().setPaymentMethod("pm_card_chargeDeclined").build(), onShop);
      throw new AssertionError("a declined card must raise");
    } catch (CardException e) {
      assertThat(e.getCode()).isEqualTo("card_declined");
      assertThat(e.getDeclineCode()).isEqualTo("generic_decline");
      assertThat(e.getCharge()).startsWith("ch_");
    }
    PaymentIntent after = stripe.v1().paymentIntents().retrieve(pi.getId(), onShop);
    assertThat(after.getStatus()).isEqualTo("requires_payment_method");
    assertThat(after.getLastPaymentError().getDeclineCode()).isEqualTo("generic_decline");
  }

  @Test
  void anApplicationFeeNeedsADirectCharge() {
    StripeHttp.Response r = platform.post("/v1/payment_intents", Map.of("amount", "1000", "currency", "eur", "application_fee_amount", "10"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("application_fees_not_allowed");
  }

  @Test
  void tooSmallAndTooLargeAmountsAreRefused() {
    assertThat(shop.post("/v1/payment_intents", Map.of("amount", "10", "currency", "eur")).json().at("/error/code").asText())
        .isEqualTo("amount_too_small");
    assertThat(shop.post("/v1/payment_intents", Map.of("amount", "100000000", "currency", "eur")).json().at("/error/code").asText())
        .isEqualTo("amount_too_large");
  }

  @Test
  void idealAsksTheBankAndFailingThereReturnsTheIntentForAnotherTry() throws Exception {
    HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    for (String decision : new String[] {"fail", "authorize"}) {
      JsonNode pi = shop.post("/v1/payment_intents", Map.of("amount", "1500", "currency", "eur", "payment_method_types[0]", "ideal",
          "payment_method_data[type]", "ideal", "confirm", "true", "return_url", "https://shop.example/done")).json();
      assertThat(pi.get("status").asText()).isEqualTo("requires_action");
      String page = pi.at("/next_action/redirect_to_url/url").asText();
      assertThat(noRedirects.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString()).body())
          .contains("Authorize test payment").contains("Fail test payment").contains("iDEAL");
      HttpResponse<String> back = noRedirects.send(HttpRequest.newBuilder(URI.create(page))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("decision=" + decision)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(back.headers().firstValue("Location").orElseThrow()).startsWith("https://shop.example/done?payment_intent=" + pi.get("id").asText())
          .endsWith("redirect_status=" + ("fail".equals(decision) ? "failed" : "succeeded"));
      JsonNode after = shop.get("/v1/payment_intents/" + pi.get("id").asText()).json();
      assertThat(after.get("status").asText()).isEqualTo("fail".equals(decision) ? "requires_payment_method" : "succeeded");
      if ("authorize".equals(decision)) {
        assertThat(shop.get("/v1/charges/" + after.get("latest_charge").asText()).json().get("id").asText()).startsWith("py_");
      }
    }
  }

  @Test
  void aCanceledIntentCannotBeConfirmed() {
    String id = shop.post("/v1/payment_intents", Map.of("amount", "1000", "currency", "eur")).json().get("id").asText();
    assertThat(shop.post("/v1/payment_intents/" + id + "/cancel", Map.of("cancellation_reason", "abandoned")).json().get("status").asText())
        .isEqualTo("canceled");
    StripeHttp.Response r = shop.post("/v1/payment_intents/" + id + "/confirm", Map.of("payment_method", "pm_card_visa"));
    assertThat(r.json().at("/error/code").asText()).isEqualTo("payment_intent_unexpected_state");
  }
}

package com.comptoir.processor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  @Test
  void aRequestWithoutAKeyIsRefusedWithStripesMessage() {
    StripeHttp.Response r = http.withoutKey().get("/v1/accounts");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(r.json().at("/error/message").asText()).startsWith("You did not provide an API key.");
    assertThat(r.header("Request-Id")).matches("req_[A-Za-z0-9]{14}");
  }

  @Test
  void anUnknownKeyIsRefusedAndMaskedButForItsLastFourCharacters() {
    StripeHttp.Response r = http.withKey("sk_test_thisKeyDoesNotExist1234").get("/v1/accounts");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().at("/error/message").asText())
        .isEqualTo("Invalid API Key provided: sk_test_" + "*".repeat("thisKeyDoesNotExist".length()) + "1234")
        .doesNotContain("thisKey");
  }

  @Test
  void basicAuthWithTheKeyAsUserNameWorksAsCurlSendsIt() {
    String basic = Base64.getEncoder().encodeToString((processor.secretKey() + ":").getBytes(StandardCharsets.UTF_8));
    StripeHttp.Response r = http.withoutKey().header("Authorization", "Basic " + basic).get("/v1/accounts?limit=1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("object").asText()).isEqualTo("list");
  }

  @Test
  void aPublishableKeyCannotReadObjects() {
    StripeHttp.Response r = http.withKey(processor.publishableKey()).get("/v1/accounts");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("secret_key_required");
  }

  @Test
  void stripeAccountNamingAnAccountOfAnotherPlatformIsRefused() {
    StripeHttp.Response r = http.header("Stripe-Account", "acct_0000000000000000").get("/v1/account");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("account_invalid");
    assertThat(r.json().at("/error/message").asText()).contains("does not have access to account 'acct_0000000000000000'");
  }

  @Test
  void stripeAccountActsAsTheConnectedAccount() {
    String id = http.post("/v1/accounts", Map.of("email", "shop@example.com")).json().get("id").asText();
    StripeHttp.Response r = http.header("Stripe-Account", id).get("/v1/account");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("id").asText()).isEqualTo(id);
    assertThat(r.json().get("email").asText()).isEqualTo("shop@example.com");
  }
}

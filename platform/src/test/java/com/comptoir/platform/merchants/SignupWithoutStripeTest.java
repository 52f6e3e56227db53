package com.comptoir.platform.merchants;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.testing.RunningPlatform;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe down at sign-up: the merchant and store are kept and signed in, the dashboard says
 * payments are not set up and offers to try again, and trying again says Stripe cannot be reached
 * rather than failing blankly. No account id is recorded, so a later try creates the one account.
 */
class SignupWithoutStripeTest {
  private static RunningPlatform platform;

  @BeforeAll
  static void start() {
    platform = new RunningPlatform();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void aMerchantSignedUpWhileStripeIsDownCanTryAgainLater() throws Exception {
    HttpClient browser = RunningPlatform.client();
    String csrf = RunningPlatform.csrf(platform.get(browser, "/signup").body());
    HttpResponse<String> signedUp = platform.post(browser, "/signup", Map.of("csrf", csrf, "email", "early@example.com",
        "password", "a good long password", "store_name", "Early bird", "country", "FR"));
    assertThat(signedUp.statusCode()).isEqualTo(303);
    assertThat(signedUp.headers().firstValue("Location")).hasValue("/dashboard");

    String dashboard = platform.get(browser, "/dashboard").body();
    assertThat(dashboard).contains("Payments are not set up yet").contains("href=\"/onboarding/start\"").contains("EUR");
    HttpResponse<String> retry = platform.get(browser, "/onboarding/start");
    assertThat(retry.statusCode()).isEqualTo(503);
    assertThat(retry.body()).contains("We could not open Stripe onboarding").contains("Stripe could not be reached");
    String accountId = platform.jdbi.withHandle(h -> h.createQuery("SELECT account_id FROM stores WHERE name = 'Early bird'")
        .mapTo(String.class).one());
    assertThat(accountId).isNull();
  }
}

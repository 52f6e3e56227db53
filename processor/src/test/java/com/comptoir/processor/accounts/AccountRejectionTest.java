package com.comptoir.processor.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.model.Account;
import com.stripe.model.Event;
import com.stripe.param.AccountRejectParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/accounts/{account}/reject}: a platform closes a Custom or Express account for good. */
class AccountRejectionTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();
  private final StripeClient client = ConnectedAccounts.client(processor);
  private final WebhookReceiver receiver = new WebhookReceiver();
  private String endpoint;

  @AfterEach
  void stop() {
    if (endpoint != null) {
      http.delete("/v1/webhook_endpoints/" + endpoint);
    }
    receiver.close();
  }

  private static String path(String account) {
    return "/v1/accounts/" + account + "/reject";
  }

  @Test
  void aCustomAccountRejectedForFraudCanNeitherChargeNorBePaidOut() throws Exception {
    String account = ConnectedAccounts.create(http, "custom");

    Account rejected = client.accounts().reject(account, AccountRejectParams.builder().setReason("fraud").build());
    assertThat(rejected.getId()).isEqualTo(account);
    assertThat(rejected.getChargesEnabled()).isFalse();
    assertThat(rejected.getPayoutsEnabled()).isFalse();
    assertThat(rejected.getRequirements().getDisabledReason()).isEqualTo("rejected.fraud");
    assertThat(http.get("/v1/accounts/" + account).json().at("/requirements/disabled_reason").asText()).isEqualTo("rejected.fraud");
  }

  @Test
  void aRejectionOutlastsLaterChangesToTheAccount() {
    String account = ConnectedAccounts.create(http, "express");
    http.post(path(account), Map.of("reason", "terms_of_service"));

    JsonNode updated = http.post("/v1/accounts/" + account, Map.of("metadata[note]", "after")).json();
    assertThat(updated.at("/requirements/disabled_reason").asText()).isEqualTo("rejected.terms_of_service");
    assertThat(updated.get("charges_enabled").asBoolean()).isFalse();
  }

  @Test
  void theConnectEndpointHearsOfTheRejection() {
    endpoint = ConnectedAccounts.connectEndpoint(http, receiver, "account.updated");
    String account = ConnectedAccounts.create(http, "custom");
    assertThat(http.post(path(account), Map.of("reason", "other")).status()).isEqualTo(200);

    Event event = receiver.await(e -> account.equals(e.getAccount()), WAIT);
    Account delivered = (Account) event.getDataObjectDeserializer().getObject().orElseThrow();
    assertThat(delivered.getRequirements().getDisabledReason()).isEqualTo("rejected.other");
    @SuppressWarnings("unchecked")
    Map<String, Object> previous = (Map<String, Object>) event.getData().getPreviousAttributes().get("requirements");
    assertThat(previous).containsEntry("disabled_reason", "requirements.past_due");
  }

  @Test
  void aStandardAccountCannotBeRejectedByItsPlatform() {
    String account = ConnectedAccounts.create(http, "standard");

    StripeHttp.Response r = http.post(path(account), Map.of("reason", "fraud"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/message").asText()).contains("Standard accounts cannot be rejected");
    assertThat(http.get("/v1/accounts/" + account).json().at("/requirements/disabled_reason").asText()).doesNotStartWith("rejected.");
    StripeHttp.Response platform = http.post(path(processor.platformAccountId()), Map.of("reason", "fraud"));
    assertThat(platform.status()).isEqualTo(400);
  }

  @Test
  void anAccountIsRejectedOnlyOnce() {
    String account = ConnectedAccounts.create(http, "custom");
    http.post(path(account), Map.of("reason", "fraud"));

    StripeHttp.Response again = http.post(path(account), Map.of("reason", "other"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().at("/error/message").asText()).contains("already been rejected");
    assertThat(http.get("/v1/accounts/" + account).json().at("/requirements/disabled_reason").asText()).isEqualTo("rejected.fraud");
  }

  @Test
  void theReasonIsRequiredAndMustBeOneOfStripes() {
    String account = ConnectedAccounts.create(http, "custom");

    StripeHttp.Response missing = http.post(path(account), Map.of());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().at("/error/code").asText()).isEqualTo("parameter_missing");
    assertThat(missing.json().at("/error/param").asText()).isEqualTo("reason");
    StripeHttp.Response invalid = http.post(path(account), Map.of("reason", "dislike"));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().at("/error/message").asText()).contains("fraud", "terms_of_service", "other");
    StripeHttp.Response unknown = http.post(path(account), Map.of("reason", "fraud", "note", "x"));
    assertThat(unknown.json().at("/error/code").asText()).isEqualTo("parameter_unknown");
    assertThat(http.get("/v1/accounts/" + account).json().at("/requirements/disabled_reason").asText()).doesNotStartWith("rejected.");
  }

  @Test
  void noOneButTheAccountsPlatformCanRejectIt() {
    String account = ConnectedAccounts.create(http, "custom");
    String other = ConnectedAccounts.create(http, "custom");

    for (StripeHttp.Response r : List.of(
        ConnectedAccounts.otherPlatform(processor).post(path(account), Map.of("reason", "fraud")),
        http.header("Stripe-Account", other).post(path(account), Map.of("reason", "fraud")),
        http.header("Stripe-Account", account).post(path(account), Map.of("reason", "fraud")))) {
      assertThat(r.status()).isIn(400, 403);
    }
    assertThat(http.get("/v1/accounts/" + account).json().at("/requirements/disabled_reason").asText()).doesNotStartWith("rejected.");
  }
}

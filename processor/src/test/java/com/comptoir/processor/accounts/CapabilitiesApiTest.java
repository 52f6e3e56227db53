package com.comptoir.processor.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Account;
import com.stripe.model.Capability;
import com.stripe.model.Event;
import com.stripe.model.StripeCollection;
import com.stripe.param.AccountCapabilityUpdateParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/accounts/{account}/capabilities}: the capabilities map as capability objects. */
class CapabilitiesApiTest {
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

  @Test
  void aNewExpressAccountListsItsRequestedCapabilitiesAsCapabilityObjects() {
    String account = ConnectedAccounts.create(http, "express");

    StripeHttp.Response r = http.get("/v1/accounts/" + account + "/capabilities");
    assertThat(r.status()).isEqualTo(200);
    JsonNode list = r.json();
    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.get("url").asText()).isEqualTo("/v1/accounts/" + account + "/capabilities");
    assertThat(list.get("has_more").asBoolean()).isFalse();
    assertThat(list.get("data")).extracting(c -> c.get("id").asText()).containsExactlyInAnyOrder("card_payments", "transfers");
    JsonNode card = byId(list.get("data"), "card_payments");
    assertThat(card.get("object").asText()).isEqualTo("capability");
    assertThat(card.get("account").asText()).isEqualTo(account);
    assertThat(card.get("requested").asBoolean()).isTrue();
    assertThat(card.get("requested_at").isNumber()).isTrue();
    assertThat(card.get("status").asText()).isEqualTo("inactive");
    // An inactive capability waits on what the account still owes.
    assertThat(card.at("/requirements/currently_due")).extracting(JsonNode::asText).contains("external_account", "tos_acceptance.date");
    assertThat(card.at("/requirements/disabled_reason").asText()).isEqualTo("requirements.past_due");
    assertThat(card.get("future_requirements").has("pending_verification")).isTrue();
  }

  @Test
  void stripeJavaListsAndRetrievesCapabilitiesTyped() throws Exception {
    String account = ConnectedAccounts.create(http, "custom");

    StripeCollection<Capability> list = client.accounts().capabilities().list(account);
    assertThat(list.getData()).extracting(Capability::getId).containsExactlyInAnyOrder("card_payments", "transfers");
    Capability transfers = client.accounts().capabilities().retrieve(account, "transfers");
    assertThat(transfers.getAccount()).isEqualTo(account);
    assertThat(transfers.getRequested()).isTrue();
    assertThat(transfers.getRequirements().getCurrentlyDue()).contains("external_account");
  }

  @Test
  void theAccountOfACapabilityExpands() {
    String account = ConnectedAccounts.create(http, "custom");

    JsonNode card = http.get("/v1/accounts/" + account + "/capabilities/card_payments?expand[]=account").json();
    assertThat(card.at("/account/id").asText()).isEqualTo(account);
    JsonNode list = http.get("/v1/accounts/" + account + "/capabilities?expand[]=data.account").json();
    assertThat(list.at("/data/0/account/object").asText()).isEqualTo("account");
  }

  @Test
  void aCapabilityNeverRequestedIsUnrequestedWithNoRequestTime() {
    String account = ConnectedAccounts.create(http, "custom");

    JsonNode sepa = http.get("/v1/accounts/" + account + "/capabilities/sepa_debit_payments").json();
    assertThat(sepa.get("id").asText()).isEqualTo("sepa_debit_payments");
    assertThat(sepa.get("requested").asBoolean()).isFalse();
    assertThat(sepa.get("requested_at").isNull()).isTrue();
    assertThat(sepa.get("status").asText()).isEqualTo("unrequested");
    assertThat(sepa.at("/requirements/currently_due")).isEmpty();
  }

  @Test
  void requestingACapabilityAddsItToTheAccountAndTellsTheConnectEndpoint() throws Exception {
    endpoint = ConnectedAccounts.connectEndpoint(http, receiver, "capability.updated", "account.updated");
    String account = ConnectedAccounts.create(http, "custom");

    Capability sepa = client.accounts().capabilities().update(account, "sepa_debit_payments",
        AccountCapabilityUpdateParams.builder().setRequested(true).build());
    assertThat(sepa.getRequested()).isTrue();
    assertThat(sepa.getStatus()).isEqualTo("inactive");
    assertThat(sepa.getRequestedAt()).isNotNull();
    Account after = client.accounts().retrieve(account);
    assertThat(after.getCapabilities().getSepaDebitPayments()).isEqualTo("inactive");

    Event capabilityEvent = receiver.await(e -> account.equals(e.getAccount()) && e.getType().equals("capability.updated"), WAIT);
    Capability delivered = (Capability) capabilityEvent.getDataObjectDeserializer().getObject().orElseThrow();
    assertThat(delivered.getId()).isEqualTo("sepa_debit_payments");
    assertThat(capabilityEvent.getData().getPreviousAttributes()).containsEntry("status", "unrequested").containsEntry("requested", false);
    Event accountEvent = receiver.await(e -> account.equals(e.getAccount()) && e.getType().equals("account.updated"), WAIT);
    assertThat(accountEvent.getData().getPreviousAttributes()).containsKey("capabilities");
  }

  @Test
  void unrequestingACapabilityTakesItOffTheAccount() {
    String account = ConnectedAccounts.create(http, "express");
    http.post("/v1/accounts/" + account + "/capabilities/ideal_payments", Map.of("requested", "true"));

    StripeHttp.Response r = http.post("/v1/accounts/" + account + "/capabilities/ideal_payments", Map.of("requested", "false"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("unrequested");
    assertThat(r.json().get("requested_at").isNull()).isTrue();
    assertThat(http.get("/v1/accounts/" + account).json().get("capabilities").has("ideal_payments")).isFalse();
  }

  @Test
  void requestingWhatIsAlreadyRequestedChangesNothingAndPublishesNothing() {
    String account = ConnectedAccounts.create(http, "custom");
    StripeHttp asAccount = http.header("Stripe-Account", account);
    int eventsBefore = asAccount.get("/v1/events?limit=100").json().get("data").size();

    StripeHttp.Response r = http.post("/v1/accounts/" + account + "/capabilities/card_payments", Map.of("requested", "true"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("requested").asBoolean()).isTrue();
    assertThat(asAccount.get("/v1/events?limit=100").json().get("data")).hasSize(eventsBefore);
  }

  @Test
  void aStandardAccountsCapabilitiesAreStripesToDecide() {
    String account = ConnectedAccounts.create(http, "standard");

    StripeHttp.Response r = http.post("/v1/accounts/" + account + "/capabilities/card_payments", Map.of("requested", "false"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(r.json().at("/error/param").asText()).isEqualTo("requested");
    assertThat(r.json().at("/error/message").asText()).contains("Standard account");
    assertThat(http.get("/v1/accounts/" + account + "/capabilities/card_payments").json().get("status").asText()).isEqualTo("inactive");
  }

  @Test
  void anUnknownCapabilityIsNotFound() {
    String account = ConnectedAccounts.create(http, "custom");

    for (StripeHttp.Response r : List.of(
        http.get("/v1/accounts/" + account + "/capabilities/teleport_payments"),
        http.post("/v1/accounts/" + account + "/capabilities/teleport_payments", Map.of("requested", "true")))) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.json().at("/error/code").asText()).as(r.body()).isEqualTo("resource_missing");
      assertThat(r.json().at("/error/message").asText()).contains("teleport_payments");
    }
  }

  @Test
  void badParametersAreRefusedBeforeAnythingChanges() {
    String account = ConnectedAccounts.create(http, "custom");

    StripeHttp.Response unknown = http.post("/v1/accounts/" + account + "/capabilities/ideal_payments", Map.of("requestd", "true"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/code").asText()).isEqualTo("parameter_unknown");
    assertThat(unknown.json().at("/error/param").asText()).isEqualTo("requestd");
    StripeHttp.Response notBoolean = http.post("/v1/accounts/" + account + "/capabilities/ideal_payments", Map.of("requested", "yes"));
    assertThat(notBoolean.status()).isEqualTo(400);
    assertThat(notBoolean.json().at("/error/param").asText()).isEqualTo("requested");
    assertThat(http.get("/v1/accounts/" + account).json().get("capabilities").has("ideal_payments")).isFalse();
  }

  @Test
  void anotherPlatformCannotReachTheCapabilities() {
    String account = ConnectedAccounts.create(http, "custom");
    StripeHttp other = ConnectedAccounts.otherPlatform(processor);

    for (StripeHttp.Response r : List.of(
        other.get("/v1/accounts/" + account + "/capabilities"),
        other.get("/v1/accounts/" + account + "/capabilities/card_payments"),
        other.post("/v1/accounts/" + account + "/capabilities/ideal_payments", Map.of("requested", "true")))) {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().at("/error/code").asText()).isEqualTo("account_invalid");
    }
    assertThat(http.get("/v1/accounts/" + account).json().get("capabilities").has("ideal_payments")).isFalse();
  }

  @Test
  void aConnectedAccountCannotReachAnotherOnesCapabilities() {
    String mine = ConnectedAccounts.create(http, "custom");
    String theirs = ConnectedAccounts.create(http, "custom");
    StripeHttp asMine = http.header("Stripe-Account", mine);

    assertThat(asMine.get("/v1/accounts/" + mine + "/capabilities").status()).isEqualTo(200);
    StripeHttp.Response r = asMine.post("/v1/accounts/" + theirs + "/capabilities/ideal_payments", Map.of("requested", "true"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("account_invalid");
  }

  static JsonNode byId(JsonNode items, String id) {
    for (JsonNode item : items) {
      if (id.equals(item.path("id").asText())) {
        return item;
      }
    }
    throw new AssertionError("no " + id + " in " + items);
  }

  @Test
  void stripeJavaSeesAStandardAccountRefusalAsAnInvalidRequest() {
    String account = ConnectedAccounts.create(http, "standard");

    assertThatThrownBy(() -> client.accounts().capabilities().update(account, "transfers",
        AccountCapabilityUpdateParams.builder().setRequested(true).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Standard account");
  }
}

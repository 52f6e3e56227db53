package com.comptoir.processor.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookEndpointsApiTest {
  private final StripeHttp http = TestProcessor.get().http();

  private JsonNode create(Map<String, String> form) {
    StripeHttp.Response r = http.post("/v1/webhook_endpoints", form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void theSecretIsShownOnCreateOnly() {
    JsonNode created = create(Map.of("url", "https://example.com/hooks", "enabled_events[0]", "*", "description", "all"));
    assertThat(created.get("secret").asText()).matches("whsec_[A-Za-z0-9]{32}");
    assertThat(created.get("status").asText()).isEqualTo("enabled");
    assertThat(created.get("connect").asBoolean()).isFalse();
    assertThat(created.get("api_version").asText()).isEqualTo("2023-08-16");

    JsonNode read = http.get("/v1/webhook_endpoints/" + created.get("id").asText()).json();
    assertThat(read.has("secret")).isFalse();
    assertThat(read.get("url").asText()).isEqualTo("https://example.com/hooks");
  }

  @Test
  void theApiVersionDefaultsToTheStripeVersionOfTheCreatingRequest() {
    StripeHttp.Response r = http.header("Stripe-Version", "2026-07-29.dahlia")
        .post("/v1/webhook_endpoints", Map.of("url", "https://example.com/v", "enabled_events[]", "account.updated"));
    assertThat(r.json().get("api_version").asText()).isEqualTo("2026-07-29.dahlia");
  }

  @Test
  void updateDisablesChangesEventsAndMergesMetadata() {
    String id = create(Map.of("url", "https://example.com/u", "enabled_events[0]", "account.updated", "metadata[a]", "1")).get("id").asText();
    JsonNode updated = http.post("/v1/webhook_endpoints/" + id, Map.of(
        "disabled", "true", "enabled_events[0]", "checkout.session.completed", "enabled_events[1]", "checkout.session.expired",
        "metadata[b]", "2", "metadata[a]", "")).json();
    assertThat(updated.get("status").asText()).isEqualTo("disabled");
    assertThat(updated.get("enabled_events")).extracting(JsonNode::asText)
        .containsExactly("checkout.session.completed", "checkout.session.expired");
    assertThat(updated.get("metadata").toString()).isEqualTo("{\"b\":\"2\"}");
  }

  @Test
  void anUnknownEventTypeIsRefusedNamingTheParameter() {
    StripeHttp.Response r = http.post("/v1/webhook_endpoints", Map.of("url", "https://example.com/x", "enabled_events[0]", "account.updatd"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/param").asText()).isEqualTo("enabled_events[0]");
  }

  @Test
  void anInvalidUrlIsRefused() {
    StripeHttp.Response r = http.post("/v1/webhook_endpoints", Map.of("url", "not a url", "enabled_events[0]", "*"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("url_invalid");
  }

  @Test
  void deletedEndpointsAreGoneFromListsAndLookups() {
    String id = create(Map.of("url", "https://example.com/d", "enabled_events[0]", "*")).get("id").asText();
    JsonNode deleted = http.delete("/v1/webhook_endpoints/" + id).json();
    assertThat(deleted.get("deleted").asBoolean()).isTrue();
    assertThat(http.get("/v1/webhook_endpoints/" + id).status()).isEqualTo(404);
    assertThat(http.get("/v1/webhook_endpoints?limit=100").json().get("data").findValuesAsText("id")).doesNotContain(id);
  }

  @Test
  void anotherConnectedAccountCannotSeeAnEndpoint() {
    String account = http.post("/v1/accounts", Map.of()).json().get("id").asText();
    String id = create(Map.of("url", "https://example.com/t", "enabled_events[0]", "*")).get("id").asText();
    assertThat(http.header("Stripe-Account", account).get("/v1/webhook_endpoints/" + id).status()).isEqualTo(404);
  }
}

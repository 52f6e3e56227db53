package com.comptoir.processor.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** {@code /v1/test_helpers/sandboxes}: made, listed, read and deleted with the default sandbox's secret key only. */
@ResourceLock(InOwnSandbox.SANDBOX_LIST) // lists every sandbox: none may be made by another class meanwhile
class SandboxesApiTest {
  private static final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  static JsonNode create(StripeHttp http, Map<String, String> form) {
    StripeHttp.Response r = http.post("/v1/test_helpers/sandboxes", form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aSandboxIsAPlatformWithItsOwnKeysAndDashboardSignIn() {
    JsonNode sandbox = create(http, Map.of("name", "Checkout suite", "country", "FR", "branding[primary_color]", "#0A2540"));
    assertThat(sandbox.get("id").asText()).matches("sbx_[A-Za-z0-9]{24}");
    assertThat(sandbox.get("object").asText()).isEqualTo("test_helpers.sandbox");
    assertThat(sandbox.get("name").asText()).isEqualTo("Checkout suite");
    assertThat(sandbox.get("livemode").asBoolean()).isFalse();
    assertThat(sandbox.get("created").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
    assertThat(sandbox.get("secret_key").asText()).startsWith("sk_test_").isNotEqualTo(processor.secretKey());
    assertThat(sandbox.get("publishable_key").asText()).startsWith("pk_test_");
    assertThat(sandbox.at("/dashboard/url").asText()).endsWith(":" + processor.port() + "/dashboard/login");
    assertThat(sandbox.at("/dashboard/email").asText()).endsWith("@sandbox.example.com");
    assertThat(sandbox.at("/dashboard/password").asText()).hasSizeGreaterThanOrEqualTo(20);

    // Its key is a platform's key: its own account, in its country and colours.
    StripeHttp own = http.withKey(sandbox.get("secret_key").asText());
    JsonNode account = own.get("/v1/account").json();
    assertThat(account.get("id").asText()).isEqualTo(sandbox.get("account").asText()).isNotEqualTo(processor.platformAccountId());
    assertThat(account.get("country").asText()).isEqualTo("FR");
    assertThat(account.at("/settings/branding/primary_color").asText()).isEqualTo("#0a2540");
    assertThat(account.at("/business_profile/name").asText()).isEqualTo("Checkout suite");

    // Read again, the password is not shown: only its hash is kept.
    JsonNode read = http.get("/v1/test_helpers/sandboxes/" + sandbox.get("id").asText()).json();
    assertThat(read.get("secret_key").asText()).isEqualTo(sandbox.get("secret_key").asText());
    assertThat(read.at("/dashboard/password").isNull()).isTrue();
    assertThat(http.delete("/v1/test_helpers/sandboxes/" + sandbox.get("id").asText()).status()).isEqualTo(200);
  }

  @Test
  void sandboxesAreListedNewestFirstWithCursors() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(create(http, Map.of("name", "listed " + i)).get("id").asText());
    }
    JsonNode first = http.get("/v1/test_helpers/sandboxes?limit=2").json();
    assertThat(first.get("object").asText()).isEqualTo("list");
    assertThat(first.get("url").asText()).isEqualTo("/v1/test_helpers/sandboxes");
    assertThat(first.get("has_more").asBoolean()).isTrue();
    assertThat(first.get("data").findValuesAsText("id")).containsExactly(made.get(2), made.get(1));
    JsonNode next = http.get("/v1/test_helpers/sandboxes?limit=1&starting_after=" + made.get(1)).json();
    assertThat(next.get("data").findValuesAsText("id")).containsExactly(made.get(0));
    JsonNode back = http.get("/v1/test_helpers/sandboxes?limit=1&ending_before=" + made.get(0)).json();
    assertThat(back.get("data").findValuesAsText("id")).containsExactly(made.get(1));
    made.forEach(id -> http.delete("/v1/test_helpers/sandboxes/" + id));
  }

  @Test
  void deletingAnswersStripesDeletedShapeAndItsKeysGet401AtOnce() {
    JsonNode sandbox = create(http, Map.of());
    StripeHttp own = http.withKey(sandbox.get("secret_key").asText());
    assertThat(own.get("/v1/account").status()).isEqualTo(200); // cached now: the delete must evict it
    JsonNode deleted = http.delete("/v1/test_helpers/sandboxes/" + sandbox.get("id").asText()).json();
    assertThat(deleted.get("id").asText()).isEqualTo(sandbox.get("id").asText());
    assertThat(deleted.get("object").asText()).isEqualTo("test_helpers.sandbox");
    assertThat(deleted.get("deleted").asBoolean()).isTrue();
    StripeHttp.Response refused = own.get("/v1/account");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().at("/error/message").asText()).startsWith("Invalid API Key provided");
    assertThat(http.get("/v1/test_helpers/sandboxes/" + sandbox.get("id").asText()).json().at("/error/code").asText())
        .isEqualTo("resource_missing");
    assertThat(http.delete("/v1/test_helpers/sandboxes/" + sandbox.get("id").asText()).status()).isEqualTo(404);
  }

  @Test
  void onlyTheDefaultSandboxsSecretKeyManagesSandboxes() {
    JsonNode sandbox = create(http, Map.of());
    StripeHttp own = http.withKey(sandbox.get("secret_key").asText());
    for (StripeHttp.Response r : List.of(own.post("/v1/test_helpers/sandboxes", Map.of()), own.get("/v1/test_helpers/sandboxes"),
        own.delete("/v1/test_helpers/sandboxes/" + sandbox.get("id").asText()))) {
      assertThat(r.status()).as(r.body()).isEqualTo(403);
      assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
      assertThat(r.json().at("/error/message").asText()).contains("default sandbox's secret key");
    }
    assertThat(http.withKey(sandbox.get("publishable_key").asText()).get("/v1/test_helpers/sandboxes").status()).isEqualTo(403);
    JsonNode defaultOne = http.get("/v1/test_helpers/sandboxes?limit=100").json().get("data");
    String defaultId = null;
    for (JsonNode s : defaultOne) {
      if (s.get("default").asBoolean()) {
        defaultId = s.get("id").asText();
      }
    }
    assertThat(defaultId).isNotNull();
    assertThat(http.delete("/v1/test_helpers/sandboxes/" + defaultId).json().at("/error/code").asText())
        .isEqualTo("sandbox_default_not_deletable");
    http.delete("/v1/test_helpers/sandboxes/" + sandbox.get("id").asText());
  }

  @Test
  void badParametersAreAnsweredWithStripeErrors() {
    StripeHttp.Response unknown = http.post("/v1/test_helpers/sandboxes", Map.of("colour", "red"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/code").asText()).isEqualTo("parameter_unknown");
    assertThat(unknown.json().at("/error/param").asText()).isEqualTo("colour");
    StripeHttp.Response color = http.post("/v1/test_helpers/sandboxes", Map.of("branding[primary_color]", "blue"));
    assertThat(color.status()).isEqualTo(400);
    assertThat(color.json().at("/error/param").asText()).isEqualTo("branding[primary_color]");
    StripeHttp.Response country = http.post("/v1/test_helpers/sandboxes", Map.of("country", "ZZ"));
    assertThat(country.status()).isEqualTo(400);
    assertThat(country.json().at("/error/param").asText()).isEqualTo("country");
    StripeHttp.Response longName = http.post("/v1/test_helpers/sandboxes", Map.of("name", "x".repeat(101)));
    assertThat(longName.status()).isEqualTo(400);
    assertThat(http.get("/v1/test_helpers/sandboxes/sbx_nope").json().at("/error/code").asText()).isEqualTo("resource_missing");
  }
}

package com.comptoir.processor.api;

import static com.comptoir.processor.api.Wire.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every object belongs to one account; Stripe-Account acts as a connected account of the key's platform. */
class TenancyTest {
  private final StripeHttp http = Wire.http();

  @Test
  void anAccountCreatedByThePlatformIsVisibleToThePlatform() {
    JsonNode created = Wire.createAccount("email=seen%40example.com");
    String id = created.get("id").asText();
    StripeHttp.Response r = http.get("/v1/accounts/" + id);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("email").asText()).isEqualTo("seen@example.com");
    List<String> listed = new ArrayList<>();
    http.get("/v1/accounts?limit=100&created[gte]=" + created.get("created").asLong()).json().get("data")
        .forEach(a -> listed.add(a.get("id").asText()));
    assertThat(listed).contains(id);
  }

  @Test
  void oneConnectedAccountCannotReadAnother() {
    String a = Wire.createAccount("email=secret%40example.com").get("id").asText();
    String b = Wire.newAccountId();
    StripeHttp.Response r = http.header("Stripe-Account", b).get("/v1/accounts/" + a);
    assertThat(r.status()).isIn(403, 404);
    assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(r.body()).doesNotContain("secret@example.com");
    assertError(r, 403, "invalid_request_error", "account_invalid", null);
  }

  @Test
  void oneConnectedAccountCannotUpdateOrDeleteAnother() {
    String a = Wire.createAccount("metadata[owner]=a").get("id").asText();
    String b = Wire.newAccountId();
    StripeHttp asB = http.header("Stripe-Account", b);
    assertThat(asB.postRaw("/v1/accounts/" + a, "metadata[owner]=b").status()).isIn(403, 404);
    assertThat(asB.delete("/v1/accounts/" + a).status()).isIn(403, 404);
    StripeHttp.Response stillThere = http.get("/v1/accounts/" + a);
    assertThat(stillThere.status()).isEqualTo(200);
    assertThat(stillThere.json().at("/metadata/owner").asText()).isEqualTo("a");
  }

  @Test
  void aConnectedAccountSeesItselfButNotItsSiblingsInLists() {
    String a = Wire.newAccountId();
    Wire.newAccountId();
    StripeHttp asA = http.header("Stripe-Account", a);
    assertThat(asA.get("/v1/account").json().get("id").asText()).isEqualTo(a);
    assertThat(asA.get("/v1/accounts/" + a).status()).isEqualTo(200);
    JsonNode list = asA.get("/v1/accounts?limit=100").json();
    assertThat(list.get("data").size()).isZero();
    assertThat(list.get("has_more").asBoolean()).isFalse();
  }

  @Test
  void aConnectedAccountCannotCreateAccounts() {
    String a = Wire.newAccountId();
    StripeHttp.Response r = http.header("Stripe-Account", a).postRaw("/v1/accounts", "");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/message").asText()).contains("Stripe-Account");
  }

  @Test
  void aCursorFromAnotherAccountIsNotUsable() {
    String a = Wire.newAccountId();
    String b = Wire.newAccountId();
    // b's own list has no a in it: paging from a is refused, never answered with the platform's items
    StripeHttp.Response r = http.header("Stripe-Account", b).get("/v1/accounts?starting_after=" + a);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("\"data\"");
  }

  @Test
  void aDeletedAccountCanNoLongerBeActedAs() {
    String a = Wire.newAccountId();
    assertThat(http.delete("/v1/accounts/" + a).status()).isEqualTo(200);
    assertError(http.header("Stripe-Account", a).get("/v1/account"), 403, "invalid_request_error", "account_invalid", null);
    assertError(http.get("/v1/accounts/" + a), 403, "invalid_request_error", "account_invalid", null);
  }

  @Test
  void idempotencyKeysDoNotLeakAcrossAccounts() {
    String a = Wire.newAccountId();
    String b = Wire.newAccountId();
    String key = "tenancy-" + java.util.UUID.randomUUID();
    StripeHttp.Response first = http.header("Idempotency-Key", key).header("Stripe-Account", a).postRaw("/v1/accounts/" + a, "metadata[who]=a");
    assertThat(first.status()).isEqualTo(200);
    StripeHttp.Response other = http.header("Idempotency-Key", key).header("Stripe-Account", b).postRaw("/v1/accounts/" + a, "metadata[who]=a");
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.body()).doesNotContain("\"who\"");
  }
}

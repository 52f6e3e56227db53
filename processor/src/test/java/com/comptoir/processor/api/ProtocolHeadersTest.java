package com.comptoir.processor.api;

import static com.comptoir.processor.api.Wire.assertError;
import static com.comptoir.processor.api.Wire.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stripe-Version, Request-Id, SDK headers and the request body bound (fact sheet §1.1, §1.6). */
class ProtocolHeadersTest {
  private final StripeHttp http = Wire.http();

  @Test
  void anyValidStripeVersionIsAcceptedAndEchoed() {
    for (String version : List.of("2023-08-16", "2020-08-27", "2017-01-27", "2026-07-29.dahlia", "2026-10-28.endive")) {
      StripeHttp.Response r = http.header("Stripe-Version", version).get("/v1/accounts?limit=1");
      assertThat(r.status()).as(version + ": " + r.body()).isEqualTo(200);
      assertThat(r.header("Stripe-Version")).isEqualTo(version);
    }
    StripeHttp.Response post = http.header("Stripe-Version", "2026-07-29.dahlia").postRaw("/v1/accounts", "");
    assertThat(post.status()).isEqualTo(200);
    assertThat(post.header("Stripe-Version")).isEqualTo("2026-07-29.dahlia");
  }

  @Test
  void withoutStripeVersionTheResponseIsInTheDefaultVersion() {
    assertThat(http.get("/v1/accounts?limit=1").header("Stripe-Version")).isEqualTo(StripeApi.DEFAULT_VERSION);
  }

  @Test
  void theVersionIsEchoedOnErrorsToo() {
    StripeHttp.Response r = http.withoutKey().header("Stripe-Version", "2026-07-29.dahlia").get("/v1/accounts");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Stripe-Version")).isEqualTo("2026-07-29.dahlia");
  }

  @Test
  void aGarbageStripeVersionIsRefused() {
    for (String version : List.of("garbage", "latest", "2023-08", "2023-08-16.", "2023-08-16.DAHLIA", "16-08-2023", "2023-08-16; drop")) {
      StripeHttp.Response r = http.header("Stripe-Version", version).get("/v1/accounts?limit=1");
      assertThat(assertInvalid(r, null, null).get("message").asText()).as(version).contains("Stripe API version");
    }
  }

  @Test
  void everyResponseHasItsOwnRequestIdIncludingErrorsAndUnknownUrls() {
    List<StripeHttp.Response> responses = new ArrayList<>();
    responses.add(http.get("/v1/accounts?limit=1")); // 200
    responses.add(http.postRaw("/v1/accounts", "foo=1")); // 400
    responses.add(http.withoutKey().get("/v1/accounts")); // 401
    responses.add(http.withKey(Wire.processor().publishableKey()).get("/v1/accounts")); // 403
    responses.add(http.get("/v1/nope")); // 404 unknown URL
    responses.add(http.send("PATCH", "/v1/accounts", "a=1")); // unsupported method
    responses.add(http.header("Stripe-Version", "garbage").get("/v1/accounts")); // refused version
    responses.add(http.header("Idempotency-Key", "k".repeat(256)).postRaw("/v1/accounts", "")); // refused key
    responses.add(http.get("/v1/accounts/acct_doesnotexist")); // 403 account_invalid
    HashSet<String> ids = new HashSet<>();
    for (StripeHttp.Response r : responses) {
      assertThat(r.header("Request-Id")).as(r.status() + " " + r.body()).matches("req_[A-Za-z0-9]{14}");
      assertThat(r.header("Content-Type")).startsWith("application/json");
      ids.add(r.header("Request-Id"));
    }
    assertThat(ids).hasSize(responses.size());
  }

  @Test
  void deterministicErrorsSayNotToRetry() {
    assertThat(http.postRaw("/v1/accounts", "foo=1").header("Stripe-Should-Retry")).isEqualTo("false");
    assertThat(http.withoutKey().get("/v1/accounts").header("Stripe-Should-Retry")).isEqualTo("false");
  }

  @Test
  void theHeadersStripeJavaSendsAreAcceptedOrIgnored() {
    StripeHttp.Response r = http
        .header("User-Agent", "Stripe/v1 JavaBindings/33.0.0")
        .header("X-Stripe-Client-User-Agent", "{\"bindings_version\":\"33.0.0\",\"lang\":\"Java\"}")
        .header("X-Stripe-Client-Telemetry", "{\"last_request_metrics\":{\"request_id\":\"req_abc\",\"request_duration_ms\":12}}")
        .header("Stripe-Version", "2026-07-29.dahlia")
        .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
        .postRaw("/v1/accounts", "email=sdk%40example.com");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @Test
  void aBodyWithoutContentTypeOrWithAnotherOneIsStillReadAsAForm() {
    RawHttp raw = new RawHttp(Wire.processor().port());
    String auth = "Bearer " + Wire.processor().secretKey();
    RawHttp.Response none = raw.send("POST", "/v1/accounts", RawHttp.headers("Authorization", auth), "email=a%40example.com");
    assertThat(none.status()).as(none.body()).isEqualTo(200);
    assertThat(none.json().get("email").asText()).isEqualTo("a@example.com");
    RawHttp.Response text = raw.send("POST", "/v1/accounts", RawHttp.headers("Authorization", auth, "Content-Type", "text/plain"), "email=b%40example.com");
    assertThat(text.status()).as(text.body()).isEqualTo(200);
  }

  @Test
  void aBodyJustUnderOneMebibyteIsReadAndChecked() {
    String prefix = "metadata[k]=";
    String body = prefix + "v".repeat((int) StripeApi.MAX_BODY_BYTES - prefix.length());
    assertThat(body.length()).isEqualTo((int) StripeApi.MAX_BODY_BYTES);
    assertInvalid(http.postRaw("/v1/accounts", body), null, "metadata[k]");
  }

  @Test
  void aBodyOverOneMebibyteIsRefusedWithAStripeError() {
    String body = "metadata[k]=" + "v".repeat((int) StripeApi.MAX_BODY_BYTES);
    StripeHttp.Response r = http.postRaw("/v1/accounts", body);
    assertError(r, 413, "invalid_request_error", null, null);
  }

  @Test
  void aBodyOverOneMebibyteIsAnsweredNotReset() {
    // What holds today: the client gets an answer with a JSON body and a Request-Id (see the disabled test above for the status).
    StripeHttp.Response r = http.postRaw("/v1/accounts", "metadata[k]=" + "v".repeat(2 * (int) StripeApi.MAX_BODY_BYTES));
    assertThat(r.header("Request-Id")).matches("req_[A-Za-z0-9]{14}");
    assertThat(r.json().at("/error/type").asText()).isNotEmpty();
    assertThat(r.json().at("/error/message").asText()).isNotEmpty();
  }
}

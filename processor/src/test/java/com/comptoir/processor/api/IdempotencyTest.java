package com.comptoir.processor.api;

import static com.comptoir.processor.api.Wire.assertError;
import static com.comptoir.processor.api.Wire.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} (fact sheet §1.5). */
class IdempotencyTest {
  private final StripeHttp http = Wire.http();

  private static String key() {
    return "test-" + UUID.randomUUID();
  }

  /** The connected accounts created since {@code since} that carry {@code metadata[nonce]}. */
  private List<String> accountsWithNonce(long since, String nonce) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      StripeHttp.Response page = http.get("/v1/accounts?limit=100&created[gte]=" + since + (cursor == null ? "" : "&starting_after=" + cursor));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      for (JsonNode a : page.json().get("data")) {
        if (nonce.equals(a.at("/metadata/nonce").asText(null))) {
          ids.add(a.get("id").asText());
        }
        cursor = a.get("id").asText();
      }
      if (!page.json().get("has_more").asBoolean()) {
        break;
      }
    } while (true);
    return ids;
  }

  @Test
  void aReplayReturnsTheFirstResponseAndCreatesNothing() {
    long since = Wire.nowSeconds() - 1;
    String nonce = UUID.randomUUID().toString();
    StripeHttp keyed = http.header("Idempotency-Key", key());
    StripeHttp.Response first = keyed.postRaw("/v1/accounts", "metadata[nonce]=" + nonce);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    StripeHttp.Response second = keyed.postRaw("/v1/accounts", "metadata[nonce]=" + nonce);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.header("Request-Id")).isNotEqualTo(first.header("Request-Id"));
    assertThat(accountsWithNonce(since, nonce)).containsExactly(first.json().get("id").asText());
  }

  @Test
  void theKeyIsEchoedOnPost() {
    String key = key();
    assertThat(http.header("Idempotency-Key", key).postRaw("/v1/accounts", "").header("Idempotency-Key")).isEqualTo(key);
  }

  @Test
  void reusingAKeyWithOtherParametersIsAnIdempotencyError() {
    String key = key();
    StripeHttp keyed = http.header("Idempotency-Key", key);
    assertThat(keyed.postRaw("/v1/accounts", "email=one%40example.com").status()).isEqualTo(200);
    JsonNode error = assertError(keyed.postRaw("/v1/accounts", "email=two%40example.com"), 400, "idempotency_error", null, null);
    assertThat(error.get("message").asText()).contains("same parameters").contains("'" + key + "'");
    // another path with the same key is another request too
    String id = Wire.newAccountId();
    assertError(keyed.postRaw("/v1/accounts/" + id, "email=one%40example.com"), 400, "idempotency_error", null, null);
  }

  @Test
  void aRequestRefusedBeforeExecutionIsNotKeptAndCanBeRetriedWithTheSameKey() {
    StripeHttp keyed = http.header("Idempotency-Key", key());
    assertInvalid(keyed.postRaw("/v1/accounts", "foo=1"), "parameter_unknown", "foo");
    assertThat(keyed.withKey("sk_test_wrongwrongwrong1234").postRaw("/v1/accounts", "email=c%40example.com").status()).isEqualTo(401);
    StripeHttp.Response retried = keyed.postRaw("/v1/accounts", "email=c%40example.com");
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.header("Idempotent-Replayed")).isNull();
  }

  @Test
  void anErrorAfterExecutionBeganIsReplayedToo() {
    String id = Wire.newAccountId();
    StripeHttp keyed = http.header("Idempotency-Key", key());
    String form = "external_account[object]=bank_account&external_account[country]=US&external_account[account_number]=000123456789"
        + "&external_account[routing_number]=12";
    StripeHttp.Response first = keyed.postRaw("/v1/accounts/" + id, form);
    assertInvalid(first, "routing_number_invalid", "external_account[routing_number]");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    StripeHttp.Response second = keyed.postRaw("/v1/accounts/" + id, form);
    assertThat(second.status()).isEqualTo(400);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void aResourceMissingAfterExecutionBeganIsReplayed() {
    String id = Wire.newAccountId();
    StripeHttp keyed = http.header("Idempotency-Key", key());
    StripeHttp.Response first = keyed.postRaw("/v1/accounts/" + id, "external_account=btok_x");
    assertError(first, 404, "invalid_request_error", "resource_missing", "external_account");
    assertThat(first.json().at("/error/message").asText()).isEqualTo("No such token: 'btok_x'");
    StripeHttp.Response second = keyed.postRaw("/v1/accounts/" + id, "external_account=btok_x");
    assertThat(second.status()).isEqualTo(404);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void aKeyInUseByARequestInFlightIsA409ThatMayBeRetried() throws Exception {
    // Hold the processor's own per-key lock, as a first request in flight holds it.
    String key = key();
    String platform = Wire.processor().platformAccountId();
    try (Connection c = Wire.processor().dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
        lock.setString(1, platform + "/" + platform + "\n" + key);
        lock.execute();
      }
      StripeHttp.Response busy = http.header("Idempotency-Key", key).postRaw("/v1/accounts", "email=busy%40example.com");
      assertError(busy, 409, "idempotency_error", "idempotency_key_in_use", null);
      assertThat(busy.header("Stripe-Should-Retry")).isEqualTo("true");
      c.rollback();
    }
    StripeHttp.Response retried = http.header("Idempotency-Key", key).postRaw("/v1/accounts", "email=busy%40example.com");
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.header("Idempotent-Replayed")).isNull();
  }

  @Test
  void concurrentTwinsCreateExactlyOneObject() throws Exception {
    long since = Wire.nowSeconds() - 1;
    String nonce = UUID.randomUUID().toString();
    StripeHttp keyed = http.header("Idempotency-Key", key());
    List<Future<StripeHttp.Response>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 32; i++) {
        answers.add(pool.submit(() -> keyed.postRaw("/v1/accounts", "metadata[nonce]=" + nonce)));
      }
    }
    String createdId = null;
    int conflicts = 0;
    for (Future<StripeHttp.Response> f : answers) {
      StripeHttp.Response r = f.get();
      if (r.status() == 409) {
        assertError(r, 409, "idempotency_error", "idempotency_key_in_use", null);
        conflicts++;
        continue;
      }
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      String id = r.json().get("id").asText();
      if (createdId == null) {
        createdId = id;
      }
      assertThat(id).isEqualTo(createdId);
    }
    assertThat(createdId).as("some twin succeeded (%d conflicts)", conflicts).isNotNull();
    assertThat(accountsWithNonce(since, nonce)).containsExactly(createdId);
  }

  @Test
  void keysAreScopedPerActingAccount() {
    String a = Wire.newAccountId();
    String b = Wire.newAccountId();
    String key = key();
    // the same key and the same request, as the connected account and then as its platform: two requests
    StripeHttp.Response asA = http.header("Idempotency-Key", key).header("Stripe-Account", a).postRaw("/v1/accounts/" + a, "metadata[x]=1");
    assertThat(asA.status()).as(asA.body()).isEqualTo(200);
    StripeHttp.Response asPlatform = http.header("Idempotency-Key", key).postRaw("/v1/accounts/" + a, "metadata[x]=1");
    assertThat(asPlatform.status()).as(asPlatform.body()).isEqualTo(200);
    assertThat(asPlatform.header("Idempotent-Replayed")).isNull();
    // and as another connected account, the key is free for a different request
    StripeHttp.Response asB = http.header("Idempotency-Key", key).header("Stripe-Account", b).postRaw("/v1/accounts/" + b, "metadata[y]=2");
    assertThat(asB.status()).as(asB.body()).isEqualTo(200);
    assertThat(asB.header("Idempotent-Replayed")).isNull();
    // while within one scope it still replays
    StripeHttp.Response againAsA = http.header("Idempotency-Key", key).header("Stripe-Account", a).postRaw("/v1/accounts/" + a, "metadata[x]=1");
    assertThat(againAsA.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(againAsA.body()).isEqualTo(asA.body());
  }

  @Test
  void aKeyLongerThan255CharactersIsRefusedAnd255IsAccepted() {
    assertInvalid(http.header("Idempotency-Key", "k".repeat(256)).postRaw("/v1/accounts", ""), null, null);
    String max = UUID.randomUUID() + "k".repeat(255 - 36);
    assertThat(http.header("Idempotency-Key", max).postRaw("/v1/accounts", "").status()).isEqualTo(200);
  }

  @Test
  void aKeyOnGetOrDeleteHasNoEffect() {
    String key = key();
    StripeHttp keyed = http.header("Idempotency-Key", key);
    StripeHttp.Response first = keyed.get("/v1/accounts?limit=1");
    StripeHttp.Response second = keyed.get("/v1/accounts?limit=2");
    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.header("Idempotent-Replayed")).isNull();
    assertThat(second.json().get("data").size()).isEqualTo(2);
    // nor does it reserve the key for POSTs
    StripeHttp.Response post = keyed.postRaw("/v1/accounts", "");
    assertThat(post.status()).isEqualTo(200);
    assertThat(post.header("Idempotent-Replayed")).isNull();
  }
}

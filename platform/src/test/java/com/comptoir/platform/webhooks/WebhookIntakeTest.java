package com.comptoir.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.testing.RunningPlatform;
import com.stripe.Stripe;
import com.stripe.net.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook intake on its own: signatures checked with the right endpoint's secret, each event id
 * handled once, and a failed handling answered 5xx and left unrecorded so Stripe's retry runs it.
 */
class WebhookIntakeTest {
  private static RunningPlatform platform;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    platform = new RunningPlatform();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static String accountUpdated(String eventId, String account) {
    return """
        {
          "id": "%s", "object": "event", "account": "%s", "api_version": "%s", "created": 1700000000,
          "data": {"object": {"id": "%s", "object": "account", "charges_enabled": true}},
          "livemode": false, "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null},
          "type": "account.updated"
        }""".formatted(eventId, account, Stripe.API_VERSION, account);
  }

  private static HttpResponse<String> deliver(String path, String payload, String signature) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(platform.url(path)))
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Stripe-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int received(String eventId) {
    return platform.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM received_events WHERE id = :id")
        .bind("id", eventId).mapTo(Integer.class).one());
  }

  @Test
  void aSignedEventIsHandledOnceHoweverOftenItIsDelivered() throws Exception {
    String payload = accountUpdated("evt_once", "acct_notOurs");
    String signature = Webhook.Signature.generateSignatureHeader(payload, RunningPlatform.CONNECT_SECRET);
    HttpResponse<String> first = deliver("/webhooks/stripe/connect", payload, signature);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("handled");
    HttpResponse<String> again = deliver("/webhooks/stripe/connect", payload,
        Webhook.Signature.generateSignatureHeader(payload, RunningPlatform.CONNECT_SECRET));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("already handled");
    assertThat(received("evt_once")).isEqualTo(1);
  }

  @Test
  void aBadSignatureOrTheOtherEndpointsSecretIsRefused() throws Exception {
    String payload = accountUpdated("evt_forged", "acct_x");
    assertThat(deliver("/webhooks/stripe/connect", payload, "t=1,v1=00").statusCode()).isEqualTo(400);
    assertThat(deliver("/webhooks/stripe/connect", payload,
        Webhook.Signature.generateSignatureHeader(payload, RunningPlatform.PLATFORM_SECRET)).statusCode()).isEqualTo(400);
    assertThat(deliver("/webhooks/stripe", payload,
        Webhook.Signature.generateSignatureHeader(payload, RunningPlatform.CONNECT_SECRET)).statusCode()).isEqualTo(400);
    String tampered = payload.replace("\"charges_enabled\": true", "\"charges_enabled\": false");
    assertThat(deliver("/webhooks/stripe/connect", tampered,
        Webhook.Signature.generateSignatureHeader(payload, RunningPlatform.CONNECT_SECRET)).statusCode()).isEqualTo(400);
    long stale = Webhook.Util.getTimeNow() - 301;
    assertThat(deliver("/webhooks/stripe/connect", payload,
        Webhook.Signature.generateSignatureHeader(payload, RunningPlatform.CONNECT_SECRET, stale)).statusCode()).isEqualTo(400);
    assertThat(received("evt_forged")).isZero();
  }

  @Test
  void aHandlerThatFailsAnswers500AndLeavesTheEventForTheRetry() throws Exception {
    // A store whose account the platform knows: account.updated makes it read the account from
    // Stripe, and this platform's Stripe cannot be reached.
    platform.jdbi.useHandle(h -> {
      long merchant = h.createUpdate("INSERT INTO merchants (email, password_hash) VALUES ('fail@example.com', 'x')")
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      h.createUpdate("""
              INSERT INTO stores (merchant_id, name, slug, country, currency, brand_color, account_id)
              VALUES (:m, 'Fail', 'fail', 'US', 'usd', '#3d5afe', 'acct_ours')""").bind("m", merchant).execute();
    });
    String payload = accountUpdated("evt_retry", "acct_ours");
    HttpResponse<String> response = deliver("/webhooks/stripe/connect", payload,
        Webhook.Signature.generateSignatureHeader(payload, RunningPlatform.CONNECT_SECRET));
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(received("evt_retry")).as("rolled back with the failed handling").isZero();
  }

  @Test
  void aConnectEventWithoutAnAccountIsRefused() throws Exception {
    String payload = accountUpdated("evt_noaccount", "x").replace("\"account\": \"x\", ", "");
    assertThat(deliver("/webhooks/stripe/connect", payload,
        Webhook.Signature.generateSignatureHeader(payload, RunningPlatform.CONNECT_SECRET)).statusCode()).isEqualTo(400);
  }

  @Test
  void platformEventsAreAcknowledgedAndRecorded() throws Exception {
    String payload = """
        {"id": "evt_fee", "object": "event", "api_version": "%s", "created": 1700000000,
         "data": {"object": {"id": "fee_1", "object": "application_fee", "amount": 123, "currency": "usd"}},
         "livemode": false, "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null},
         "type": "application_fee.created"}""".formatted(Stripe.API_VERSION);
    HttpResponse<String> response = deliver("/webhooks/stripe", payload,
        Webhook.Signature.generateSignatureHeader(payload, RunningPlatform.PLATFORM_SECRET));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(received("evt_fee")).isEqualTo(1);
  }
}

package com.comptoir.processor.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.WebhookEndpoint;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.FileCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Two sandboxes used at once by two stripe-java clients (issue #17): neither sees nor touches the
 * other's accounts, checkout sessions, charges, events, files or webhook endpoints, and each has
 * its own clock.
 */
class SandboxIsolationTest {
  /** The smallest PNG: one transparent pixel. */
  private static final byte[] PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
  private static final TestProcessor processor = TestProcessor.get();
  private static final StripeHttp manager = processor.http();
  private static final World a = World.make("A");
  private static final World b = World.make("B");

  /** What one test suite would make in its sandbox: a shop, a paid order, a session, an endpoint, a file. */
  record World(String sandboxId, StripeHttp http, StripeClient stripe, String shop, RequestOptions onShop, Session session,
      PaymentIntent payment, String charge, WebhookEndpoint endpoint, String file) {

    static World make(String name) {
      JsonNode sandbox = SandboxesApiTest.create(manager, Map.of("name", "isolation " + name));
      String key = sandbox.get("secret_key").asText();
      StripeHttp http = manager.withKey(key);
      StripeClient stripe = StripeClient.builder().setApiKey(key).setApiBase(processor.url()).setFilesBase(processor.url()).build();
      String shop = ActivatedAccounts.custom(http, "US");
      RequestOptions onShop = RequestOptions.builder().setStripeAccount(shop).build();
      try {
        String product = http.header("Stripe-Account", shop).post("/v1/products", Map.of("name", "Mug")).json().get("id").asText();
        String price = http.header("Stripe-Account", shop)
            .post("/v1/prices", Map.of("product", product, "currency", "usd", "unit_amount", "2500")).json().get("id").asText();
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT)
            .setSuccessUrl("https://shop.example/ok")
            .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build()).build(), onShop);
        PaymentIntent payment = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(10_000L)
            .setCurrency("usd").setPaymentMethod("pm_card_visa").setConfirm(true).setApplicationFeeAmount(123L).build(), onShop);
        WebhookEndpoint endpoint = stripe.v1().webhookEndpoints().create(WebhookEndpointCreateParams.builder()
            .setUrl("https://hooks.example/" + name).addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CHARGE__SUCCEEDED)
            .setConnect(true).build());
        String file = stripe.v1().files().create(FileCreateParams.builder().setPurpose(FileCreateParams.Purpose.BUSINESS_LOGO)
            .setFile(new ByteArrayInputStream(PNG)).build(), onShop).getId();
        return new World(sandbox.get("id").asText(), http, stripe, shop, onShop, session, payment, payment.getLatestCharge(), endpoint,
            file);
      } catch (StripeException e) {
        throw new AssertionError(e);
      }
    }
  }

  @AfterAll
  static void deleteSandboxes() {
    manager.delete("/v1/test_helpers/sandboxes/" + a.sandboxId());
    manager.delete("/v1/test_helpers/sandboxes/" + b.sandboxId());
  }

  private static void refused(ThrowingCallable call, int... statuses) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StripeException.class,
        e -> assertThat(e.getStatusCode()).as(e.getMessage()).isIn(java.util.Arrays.stream(statuses).boxed().toArray()));
  }

  /** {@code field} of each object of a list, not of the objects inside them. */
  private static java.util.List<String> ids(JsonNode list, String field) {
    java.util.List<String> out = new java.util.ArrayList<>();
    list.get("data").forEach(o -> out.add(o.path(field).asText()));
    return out;
  }

  @Test
  void neitherSandboxCanActAsOrReadTheOthersConnectedAccount() {
    RequestOptions onForeignShop = RequestOptions.builder().setStripeAccount(a.shop()).build();
    refused(() -> b.stripe().v1().accounts().retrieveCurrent(onForeignShop), 403);
    refused(() -> b.stripe().v1().accounts().retrieve(a.shop()), 403, 404);
    refused(() -> b.stripe().v1().accounts().delete(a.shop()), 403, 404);
    assertThat(ids(b.http().get("/v1/accounts?limit=100").json(), "id")).containsExactly(b.shop());
    assertThat(ids(a.http().get("/v1/accounts?limit=100").json(), "id")).containsExactly(a.shop());
  }

  @Test
  void neitherSandboxCanSeeTheOthersSessionsChargesAndFiles() throws StripeException {
    refused(() -> b.stripe().v1().checkout().sessions().retrieve(a.session().getId(), b.onShop()), 404);
    refused(() -> b.stripe().v1().paymentIntents().retrieve(a.payment().getId(), b.onShop()), 404);
    refused(() -> b.stripe().v1().charges().retrieve(a.charge(), b.onShop()), 404);
    refused(() -> b.stripe().v1().refunds().create(com.stripe.param.RefundCreateParams.builder().setCharge(a.charge()).build(), b.onShop()),
        400, 404);
    refused(() -> b.stripe().v1().files().retrieve(a.file(), b.onShop()), 404);
    refused(() -> b.stripe().v1().files().retrieve(a.file()), 404);
    assertThat(b.stripe().v1().charges().list(com.stripe.param.ChargeListParams.builder().setLimit(100L).build(), b.onShop()).getData())
        .extracting(Charge::getId).containsExactly(b.charge());
    assertThat(b.stripe().v1().checkout().sessions().list(com.stripe.param.checkout.SessionListParams.builder().build(), b.onShop())
        .getData()).extracting(Session::getId).containsExactly(b.session().getId());
    // Its own are there: the refusals above are about whose, not about what.
    assertThat(a.stripe().v1().charges().retrieve(a.charge(), a.onShop()).getAmount()).isEqualTo(10_000L);
  }

  @Test
  void neitherSandboxCanSeeOrTouchTheOthersEventsAndWebhookEndpoints() throws StripeException {
    refused(() -> b.stripe().v1().webhookEndpoints().retrieve(a.endpoint().getId()), 404);
    refused(() -> b.stripe().v1().webhookEndpoints().delete(a.endpoint().getId()), 404);
    assertThat(b.stripe().v1().webhookEndpoints().list().getData()).extracting(WebhookEndpoint::getId)
        .containsExactly(b.endpoint().getId());
    String aEvent = a.http().header("Stripe-Account", a.shop()).get("/v1/events?type=charge.succeeded").json().at("/data/0/id").asText();
    assertThat(aEvent).startsWith("evt_");
    refused(() -> b.stripe().v1().events().retrieve(aEvent), 404);
    refused(() -> b.stripe().v1().events().retrieve(aEvent, b.onShop()), 404);
    JsonNode bEvents = b.http().header("Stripe-Account", b.shop()).get("/v1/events?limit=100").json();
    assertThat(ids(bEvents, "id")).isNotEmpty().doesNotContain(aEvent);
    assertThat(ids(bEvents, "account")).containsOnly(b.shop());
    assertThat(a.stripe().v1().webhookEndpoints().retrieve(a.endpoint().getId()).getStatus()).isEqualTo("enabled");
  }

  @Test
  void anIdempotencyKeyIsPerSandbox() {
    String key = "same-key-" + System.nanoTime();
    StripeHttp.Response inA = a.http().header("Idempotency-Key", key).post("/v1/products", Map.of("name", "made in A"));
    StripeHttp.Response inB = b.http().header("Idempotency-Key", key).post("/v1/products", Map.of("name", "made in B"));
    assertThat(inA.status()).as(inA.body()).isEqualTo(200);
    assertThat(inB.status()).as(inB.body()).isEqualTo(200);
    assertThat(inB.json().get("id").asText()).isNotEqualTo(inA.json().get("id").asText());
    assertThat(inB.json().get("name").asText()).isEqualTo("made in B");
  }

  @Test
  void advancingOneSandboxsClockBySevenDaysPaysOutItsBalanceAndLeavesTheOthersPending() {
    long bNow = b.http().get("/v1/test_helpers/clock").json().get("now").asLong();
    long defaultOffset = manager.get("/v1/test_helpers/clock").json().get("offset_seconds").asLong();
    StripeHttp.Response advanced = a.http().post("/v1/test_helpers/clock/advance",
        Map.of("seconds", Long.toString(Duration.ofDays(7).toSeconds())));
    assertThat(advanced.status()).as(advanced.body()).isEqualTo(200);

    JsonNode aPayouts = a.http().header("Stripe-Account", a.shop()).get("/v1/payouts").json().get("data");
    assertThat(aPayouts.size()).isEqualTo(1);
    assertThat(aPayouts.get(0).get("amount").asLong()).isEqualTo(10_000 - 123 - 320);
    assertThat(a.http().header("Stripe-Account", a.shop()).get("/v1/balance").json().at("/pending/0/amount").asLong()).isZero();

    assertThat(b.http().header("Stripe-Account", b.shop()).get("/v1/payouts").json().get("data").size()).isZero();
    JsonNode bBalance = b.http().header("Stripe-Account", b.shop()).get("/v1/balance").json();
    assertThat(bBalance.at("/pending/0/amount").asLong()).isEqualTo(10_000 - 123 - 320);
    assertThat(bBalance.at("/available/0/amount").asLong()).isZero();
    long bLater = b.http().get("/v1/test_helpers/clock").json().get("now").asLong();
    assertThat(bLater - bNow).isLessThan(Duration.ofHours(1).toSeconds());
    assertThat(b.http().get("/v1/test_helpers/clock").json().get("offset_seconds").asLong()).isZero();
    assertThat(manager.get("/v1/test_helpers/clock").json().get("offset_seconds").asLong()).isEqualTo(defaultOffset);
  }
}

package com.comptoir.processor.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Await;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.Stripe;
import com.stripe.model.Account;
import com.stripe.model.Event;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Events reach webhook endpoints signed, verified by stripe-java, and are never lost. */
@ResourceLock(InOwnSandbox.NONE_BESIDE) // a receiver down while the clock advances missed an event twice beside sandboxed classes
class WebhookDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  // A processor of its own: the test counts the webhook_attempts table whole and starts a second instance on its database.
  private final TestProcessor processor = TestProcessor.fresh();
  private final StripeHttp http = processor.http();
  private final WebhookReceiver receiver = new WebhookReceiver();

  @AfterEach
  void stop() {
    receiver.close();
    processor.close();
  }

  private String connectEndpoint(String... events) {
    return connectEndpoint(http, events);
  }

  private String connectEndpoint(StripeHttp http, String... events) {
    Map<String, String> form = new HashMap<>();
    form.put("url", receiver.url());
    form.put("connect", "true");
    form.put("api_version", Stripe.API_VERSION);
    for (int i = 0; i < events.length; i++) {
      form.put("enabled_events[" + i + "]", events[i]);
    }
    JsonNode endpoint = http.post("/v1/webhook_endpoints", form).json();
    assertThat(endpoint.get("secret").asText()).startsWith("whsec_");
    receiver.secret(endpoint.get("secret").asText());
    return endpoint.get("id").asText();
  }

  private String connectedAccount() {
    return http.post("/v1/accounts", Map.of("email", "shop@example.com")).json().get("id").asText();
  }

  private void updateMetadata(String account, String value) {
    StripeHttp.Response r = http.post("/v1/accounts/" + account, Map.of("metadata[step]", value));
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void stripeJavaVerifiesTheSignatureAndGetsTheTypedAccountBack() {
    connectEndpoint("account.updated");
    String account = connectedAccount();
    updateMetadata(account, "one");

    Event event = receiver.await(e -> account.equals(e.getAccount()), WAIT);
    assertThat(event.getType()).isEqualTo("account.updated");
    assertThat(event.getApiVersion()).isEqualTo(Stripe.API_VERSION);
    assertThat(event.getRequest().getId()).startsWith("req_");
    Account typed = (Account) event.getDataObjectDeserializer().getObject().orElseThrow();
    assertThat(typed.getId()).isEqualTo(account);
    assertThat(typed.getMetadata()).containsEntry("step", "one");
    assertThat(event.getData().getPreviousAttributes()).containsKey("metadata");
    assertThat(receiver.badSignatures()).isZero();
  }

  @Test
  void theEventIsListedAndItsPendingWebhooksDropsToZeroOnceDelivered() {
    connectEndpoint("account.updated");
    String account = connectedAccount();
    updateMetadata(account, "listed");
    Event delivered = receiver.await(e -> account.equals(e.getAccount()), WAIT);

    JsonNode list = http.header("Stripe-Account", account).get("/v1/events?type=account.updated").json();
    assertThat(list.get("data")).hasSize(1);
    assertThat(list.at("/data/0/id").asText()).isEqualTo(delivered.getId());
    assertThat(list.at("/data/0/account").asText()).isEqualTo(account);
    awaitPendingWebhooks(account, delivered.getId(), 0);
    assertThat(http.header("Stripe-Account", account).get("/v1/events?delivery_success=true").json().get("data")).hasSize(1);
  }

  @Test
  void aReceiverThatFailsItsFirstAttemptsGetsTheEventLater() {
    connectEndpoint("account.updated");
    receiver.failNext(2);
    String account = connectedAccount();
    updateMetadata(account, "retried");

    receiver.await(e -> account.equals(e.getAccount()), WAIT);
    assertThat(receiver.attempts()).isEqualTo(3);
    awaitAttempts(3); // each attempt is recorded, with the receiver's status
    java.util.List<Integer> statuses = jdbi().withHandle(h -> h.createQuery("SELECT http_status FROM webhook_attempts ORDER BY id")
        .mapTo(Integer.class).list());
    assertThat(statuses).containsExactly(500, 500, 200);
  }

  @Test
  void aReceiverThatIsDownWhileTheClockAdvancesGetsEveryEventWhenItIsBack() {
    // Stripe's own schedule, so retries wait for the processor clock rather than for real time.
    try (TestProcessor stripeTimed = TestProcessor.fresh(WebhookSettings.DEFAULTS)) {
      receiverDownThenBack(stripeTimed.http());
    }
  }

  @Test
  void aClockAdvancedWhileAnAttemptIsInFlightMovesItsRetryToo() {
    // Stripe's own schedule: the first retry a minute after a failure, on the processor clock.
    try (TestProcessor stripeTimed = TestProcessor.fresh(WebhookSettings.DEFAULTS)) {
      StripeHttp onIt = stripeTimed.http();
      connectEndpoint(onIt, "account.updated");
      receiver.failNextSlowly(1, Duration.ofSeconds(2));
      String account = onIt.post("/v1/accounts", Map.of()).json().get("id").asText();
      assertThat(onIt.post("/v1/accounts/" + account, Map.of("metadata[step]", "in-flight")).status()).isEqualTo(200);
      Await.until("the first attempt is in flight", WAIT, () -> receiver.attempts() >= 1);
      // 90 s: past the minute's retry, short of the two-minute lease, so nothing takes the attempt over meanwhile.
      advanceClock(onIt, Duration.ofSeconds(90));
      receiver.await(e -> account.equals(e.getAccount()), WAIT); // retried at once, not a real minute later
    }
  }

  private void receiverDownThenBack(StripeHttp http) {
    connectEndpoint(http, "account.updated");
    receiver.stop();
    String account = http.post("/v1/accounts", Map.of()).json().get("id").asText();
    for (int i = 0; i < 5; i++) {
      assertThat(http.post("/v1/accounts/" + account, Map.of("metadata[step]", "down-" + i)).status()).isEqualTo(200);
    }
    advanceClock(http, Duration.ofHours(20));
    receiver.restart();
    advanceClock(http, Duration.ofHours(20)); // every retry is due again, well inside the three days

    for (int i = 0; i < 5; i++) {
      String value = "down-" + i;
      receiver.await(e -> account.equals(e.getAccount())
          && value.equals(((Account) e.getDataObjectDeserializer().getObject().orElseThrow()).getMetadata().get("step")), WAIT);
    }
  }

  @Test
  void anEndpointFailingForTheWholeRetryPeriodIsDisabled() {
    String endpoint = connectEndpoint("account.updated");
    receiver.stop();
    updateMetadata(connectedAccount(), "lost");
    awaitAttempts(1);
    advanceClock(Duration.ofHours(2)); // past FAST_WEBHOOKS.retryFor
    Await.until("the endpoint is disabled", WAIT,
        () -> "disabled".equals(http.get("/v1/webhook_endpoints/" + endpoint).json().get("status").asText()));
  }

  @Test
  void twoInstancesOnOneDatabaseDeliverEachEventOnce() {
    try (TestProcessor second = processor.sibling()) {
      connectEndpoint("account.updated");
      String account = connectedAccount();
      int events = 40;
      for (int i = 0; i < events; i++) {
        // alternate instances, so both commit and both deliver
        StripeHttp via = i % 2 == 0 ? http : second.http();
        assertThat(via.post("/v1/accounts/" + account, Map.of("metadata[n]", Integer.toString(i))).status()).isEqualTo(200);
      }
      Await.holdsWithin(WAIT, () -> receiver.events().size() >= events); // the counts below say what is missing
      Map<String, Long> perEvent = receiver.events().stream().collect(Collectors.groupingBy(Event::getId, Collectors.counting()));
      assertThat(perEvent).hasSize(events);
      assertThat(perEvent.values()).allMatch(n -> n == 1);
      assertThat(receiver.attempts()).isEqualTo(events);
    }
  }

  @Test
  void anOperatorCanResendAnEventToAnEndpoint() {
    String endpoint = connectEndpoint("account.updated");
    String account = connectedAccount();
    updateMetadata(account, "again");
    Event first = receiver.await(e -> account.equals(e.getAccount()), WAIT);

    StripeHttp.Response r = http.header("Stripe-Account", account)
        .post("/v1/events/" + first.getId() + "/retry", Map.of("webhook_endpoint", endpoint));
    assertThat(r.status()).isEqualTo(200);
    Await.holdsWithin(WAIT, () -> receiver.events().stream().filter(e -> e.getId().equals(first.getId())).count() >= 2);
    assertThat(receiver.events().stream().filter(e -> e.getId().equals(first.getId()))).hasSize(2);
  }

  private void advanceClock(Duration by) {
    advanceClock(http, by);
  }

  private static void advanceClock(StripeHttp http, Duration by) {
    StripeHttp.Response r = http.post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(by.toSeconds())));
    assertThat(r.status()).isEqualTo(200);
  }

  private void awaitAttempts(int n) {
    Await.until(n + " attempts recorded", WAIT,
        () -> jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_attempts").mapTo(Integer.class).one()) >= n);
  }

  private void awaitPendingWebhooks(String account, String eventId, int expected) {
    Await.until("pending_webhooks of " + eventId + " becomes " + expected, WAIT,
        () -> http.header("Stripe-Account", account).get("/v1/events/" + eventId).json().get("pending_webhooks").asInt() == expected);
  }

  private Jdbi jdbi() {
    return Jdbi.create(processor.dataSource());
  }
}

package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Await;
import com.comptoir.testing.Browser;
import com.comptoir.testing.WebhookReceiver;
import com.stripe.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Developers → Webhooks in Chromium: the platform adds an endpoint for its connected accounts'
 * events, reveals its signing secret, and a receiver verifying signatures as stripe-java does gets
 * the next event; a rolled secret signs the next one; a disabled endpoint gets nothing; its events
 * are edited; and it is deleted, as the API then says too.
 */
@InOwnSandbox
class PlatformWebhooksTest {
  private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9]{32}");
  private static final TestProcessor PROCESSOR = TestProcessor.sandbox();
  private static final String EMAIL = PROCESSOR.dashboardEmail();
  private static final String PASSWORD = PROCESSOR.dashboardPassword();
  private final StripeHttp http = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  private static String secretOn(Browser browser) {
    Matcher m = SECRET.matcher(browser.text());
    assertThat(m.find()).as(browser.text()).isTrue();
    return m.group();
  }

  /** An {@code account.updated} of {@code account}, with {@code marker} in its metadata to tell the events apart. */
  private void touch(String account, String marker) {
    assertThat(http.post("/v1/accounts/" + account, Map.of("metadata[marker]", marker)).status()).isEqualTo(200);
  }

  private static boolean isTouch(Event e, String account, String marker) {
    return "account.updated".equals(e.getType()) && account.equals(e.getAccount()) && e.getData().toJson().contains("\"" + marker + "\"");
  }

  @Test
  void anEndpointAddedInThePageGetsSignedEventsAndFollowsEveryChange() {
    String account = DashboardVisitor.expressAccount(http, "FR", Map.of());
    try (WebhookReceiver receiver = new WebhookReceiver(); Browser browser = new Browser()) {
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      browser.follow("Developers: Webhooks");
      assertThat(browser.heading()).isEqualTo("Webhooks");
      assertThat(browser.text()).contains("No endpoints yet.");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();

      browser.type("Endpoint URL", "not a url").type("Description (optional)", "Orders").press("Add endpoint");
      assertThat(browser.text()).contains("The endpoint was not added", "Enter the endpoint's full URL", "Choose the events to send");
      assertThat(browser.field("Endpoint URL").getAttribute("value")).isEqualTo("not a url");
      assertThat(browser.field("Description (optional)").getAttribute("value")).isEqualTo("Orders");

      browser.type("Endpoint URL", receiver.url()).choose("Connected accounts").choose("account.updated").press("Add endpoint");
      assertThat(browser.heading()).isEqualTo("Webhook endpoint");
      assertThat(browser.text()).contains("The endpoint is added", "Connected accounts", "Orders");
      assertThat(SECRET.matcher(browser.text()).find()).as("the secret stays hidden until revealed").isFalse();
      String endpoint = browser.url().replaceAll(".*/dashboard/webhooks/(we_[A-Za-z0-9]+).*", "$1");
      browser.press("Reveal signing secret");
      receiver.secret(secretOn(browser));

      touch(account, "first");
      receiver.await(e -> isTouch(e, account, "first"), Await.WEBHOOK);

      browser.press("Roll signing secret");
      assertThat(browser.text()).contains("The signing secret is rolled");
      browser.press("Reveal signing secret");
      receiver.secret(secretOn(browser));
      touch(account, "second");
      receiver.await(e -> isTouch(e, account, "second"), Await.WEBHOOK);
      assertThat(receiver.badSignatures()).isZero();

      browser.press("Disable endpoint");
      assertThat(browser.text()).contains("The endpoint is disabled");
      assertThat(http.get("/v1/webhook_endpoints/" + endpoint).json().get("status").asText()).isEqualTo("disabled");
      touch(account, "third");
      assertThat(Await.holdsWithin(Duration.ofSeconds(3),
          () -> receiver.events().stream().noneMatch(e -> isTouch(e, account, "third")))).as("nothing sent while disabled").isTrue();
      browser.press("Enable endpoint");
      assertThat(http.get("/v1/webhook_endpoints/" + endpoint).json().get("status").asText()).isEqualTo("enabled");

      browser.choose("All events").press("Save events");
      assertThat(browser.text()).contains("The endpoint's events are saved");
      assertThat(http.get("/v1/webhook_endpoints/" + endpoint).json().get("enabled_events").toString()).isEqualTo("[\"*\"]");

      browser.press("Delete endpoint");
      assertThat(browser.text()).contains("The endpoint is deleted.", "No endpoints yet.");
      assertThat(http.get("/v1/webhook_endpoints/" + endpoint).status()).isEqualTo(404);
    }
  }

  @Test
  void aSecretIsNotRevealedWithoutTheFormsToken() {
    String endpoint = http.post("/v1/webhook_endpoints", Map.of("url", "https://example.com/hooks", "enabled_events[0]", "*"))
        .json().get("id").asText();
    DashboardVisitor platform = new DashboardVisitor(PROCESSOR, "127.0.0.13");
    assertThat(platform.signInWith(EMAIL, PASSWORD).status()).isEqualTo(303);
    DashboardVisitor.Page page = platform.get("/dashboard/webhooks/" + endpoint);
    assertThat(page.status()).isEqualTo(200);
    assertThat(SECRET.matcher(page.body()).find()).isFalse();
    DashboardVisitor.Page refused = platform.post("/dashboard/webhooks/" + endpoint + "/reveal", List.of(Map.entry("csrf", "forged")));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(SECRET.matcher(refused.body()).find()).isFalse();
    http.delete("/v1/webhook_endpoints/" + endpoint);
  }
}

package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Await;
import com.comptoir.testing.Browser;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.Stripe;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The platform's Dashboard as issue #16 shows it, in Chromium: signed in as the platform, find a
 * payment by its id with the search box, see its fees, net and the webhook deliveries it caused;
 * resend one and a test receiver gets it again, validly signed; advance the clock three days and
 * see the payout on the account's page; a foreign platform's payment is not found.
 */
@InOwnSandbox
class PlatformDashboardJourneyTest {
  /** A sandbox of its own: the clock moves. */
  private static final TestProcessor PROCESSOR = TestProcessor.sandbox();
  private static final String EMAIL = PROCESSOR.dashboardEmail();
  private static final String PASSWORD = PROCESSOR.dashboardPassword();
  private final StripeHttp http = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  @Test
  void thePlatformFindsAPaymentSeesItsFeesAndWebhooksResendsOneAndSeesThePayout() {
    try (WebhookReceiver receiver = new WebhookReceiver(); Browser browser = new Browser()) {
      // a Connect endpoint: it hears of the connected accounts' payments
      StripeHttp.Response endpoint = http.post("/v1/webhook_endpoints", Map.of("url", receiver.url(), "connect", "true",
          "api_version", Stripe.API_VERSION, "enabled_events[0]", "charge.succeeded", "enabled_events[1]", "payment_intent.succeeded"));
      assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(200);
      receiver.secret(endpoint.json().get("secret").asText());
      String account = ActivatedAccounts.custom(http, "FR");
      JsonNode intent = PlatformPaymentsTest.pay(http, account, 10000, "eur", 123).json();
      String pi = intent.get("id").asText();
      JsonNode charge = http.header("Stripe-Account", account).get("/v1/charges/" + intent.get("latest_charge").asText()).json();
      String chargeEvent = http.header("Stripe-Account", account).get("/v1/events?type=charge.succeeded&limit=1").json()
          .at("/data/0/id").asText();
      receiver.await(e -> e.getId().equals(chargeEvent), Duration.ofSeconds(20));
      StripeHttp stranger = PlatformPaymentsTest.otherPlatform(PROCESSOR);
      String foreign = stranger.post("/v1/payment_intents", Map.of("amount", "900", "currency", "eur")).json().get("id").asText();

      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      browser.type("Find by id", charge.get("id").asText()).press("Open");
      assertThat(browser.heading()).isEqualTo("Payment of €100.00");
      assertThat(browser.url()).contains("/dashboard/payments/" + pi);
      java.util.regex.Pattern delivered = java.util.regex.Pattern.compile(chargeEvent + " charge\\.succeeded [^\\n]* 1 delivered");
      Await.until("the payment's page to show the charge's event delivered", Duration.ofSeconds(20), () -> {
        browser.open(PROCESSOR.url() + "/dashboard/payments/" + pi);
        return delivered.matcher(browser.text()).find();
      });
      String text = browser.text();
      // pm_card_visa is a US card, international on a French account: 3.25% + €0.25
      assertThat(text).contains("Gross (charge) €100.00", "Stripe fee", "−€3.50", "Application fee", "−€1.23", "Net €95.27",
          charge.get("application_fee").asText());
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();

      browser.follow(chargeEvent);
      assertThat(browser.heading()).isEqualTo("charge.succeeded");
      browser.press("Resend to " + receiver.url());
      assertThat(browser.text()).contains("Sent again");
      Await.until("a second verified delivery of the charge's event", Duration.ofSeconds(20),
          () -> receiver.events().stream().filter(e -> e.getId().equals(chargeEvent)).count() == 2);
      assertThat(receiver.badSignatures()).isZero();

      browser.follow("Developers: Test clock").press("Advance 3 days");
      assertThat(browser.text()).contains("The clock moved forward 3 days;");
      browser.type("Find by id", account).press("Open");
      JsonNode payout = http.header("Stripe-Account", account).get("/v1/payouts").json().at("/data/0");
      assertThat(payout.path("id").asText()).startsWith("po_");
      assertThat(browser.text()).contains(payout.get("id").asText() + " €95.27",
          LocalDate.ofEpochDay(payout.get("arrival_date").asLong() / 86_400).toString());

      browser.type("Find by id", foreign).press("Open");
      assertThat(browser.text()).contains("Nothing with the id " + foreign + " belongs to your platform");
    }
  }
}

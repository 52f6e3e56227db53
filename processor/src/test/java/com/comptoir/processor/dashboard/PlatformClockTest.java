package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Browser;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Developers → Test clock in Chromium: the platform advances the processor clock by the buttons
 * and by a typed amount, through the API's advance, stays signed in, sees its connected account
 * paid out, and reads the ledger auditor's verdict.
 */
@InOwnSandbox
class PlatformClockTest {
  /** A sandbox of its own: this test moves the clock. */
  private static final TestProcessor PROCESSOR = TestProcessor.sandbox();
  private static final String EMAIL = PROCESSOR.dashboardEmail();
  private static final String PASSWORD = PROCESSOR.dashboardPassword();
  private final StripeHttp http = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  private long offsetSeconds() {
    return http.get("/v1/test_helpers/clock").json().get("offset_seconds").asLong();
  }

  @Test
  void thePlatformAdvancesTheClockSeesThePayoutAndTheLedgerHolds() {
    String account = ActivatedAccounts.custom(http, "FR");
    StripeHttp.Response paid = http.header("Stripe-Account", account).post("/v1/payment_intents", Map.of("amount", "10000",
        "currency", "eur", "payment_method", "pm_card_visa", "confirm", "true", "application_fee_amount", "123",
        "payment_method_types[0]", "card"));
    assertThat(paid.json().get("status").asText()).as(paid.body()).isEqualTo("succeeded");
    long before = offsetSeconds();

    try (Browser browser = new Browser()) {
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      browser.follow("Developers: Test clock");
      assertThat(browser.heading()).isEqualTo("Test clock");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();

      browser.type("Advance by", "a week").press("Advance");
      assertThat(browser.text()).contains("The clock did not move", "Enter a whole number of days");
      assertThat(browser.field("Advance by").getAttribute("value")).isEqualTo("a week");
      assertThat(offsetSeconds()).isEqualTo(before);

      browser.press("Advance 1 week");
      assertThat(browser.heading()).as("still signed in after a week passed").isEqualTo("Test clock");
      assertThat(browser.text()).contains("The clock moved forward 7 days;");
      assertThat(offsetSeconds()).isEqualTo(before + 7 * 86_400);

      browser.type("Advance by", "36").select("Unit", "hours").press("Advance");
      assertThat(browser.text()).contains("The clock moved forward 36 hours;");
      assertThat(offsetSeconds()).isEqualTo(before + 7 * 86_400 + 36 * 3_600);

      browser.follow("run the ledger audit");
      assertThat(browser.heading()).isEqualTo("Ledger audit");
      assertThat(browser.text()).as("opening the page does not run the audit").doesNotContain("Every invariant holds");
      browser.press("Run the ledger audit");
      assertThat(browser.text()).contains("Every invariant holds");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();
    }
    StripeHttp.Response payouts = http.header("Stripe-Account", account).get("/v1/payouts");
    assertThat(payouts.json().get("data")).as(payouts.body()).isNotEmpty();
    assertThat(payouts.json().at("/data/0/amount").asLong()).isPositive();
  }

  @Test
  void anAdvanceWithoutTheFormsTokenDoesNotMoveTheClock() {
    DashboardVisitor platform = new DashboardVisitor(PROCESSOR, "127.0.0.9");
    assertThat(platform.signInWith(EMAIL, PASSWORD).status()).isEqualTo(303);
    long before = offsetSeconds();
    DashboardVisitor.Page refused = platform.post("/dashboard/clock/advance",
        java.util.List.of(Map.entry("csrf", "forged"), Map.entry("by", "week")));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(offsetSeconds()).isEqualTo(before);
  }
}

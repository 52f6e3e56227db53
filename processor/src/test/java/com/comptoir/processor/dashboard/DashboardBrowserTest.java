package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Browser;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A business owner opens their dashboard from the platform's login link in Chromium, turns iDEAL
 * on, moves to weekly payouts after a typing mistake, and signs out, finding every field by its label.
 */
class DashboardBrowserTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  @Test
  void aBusinessOwnerChangesPaymentMethodsAndPayoutScheduleThenSignsOut() {
    String account = DashboardVisitor.expressAccount(http, "DE", Map.of("business_profile[name]", "Atelier Ada"));
    String url = http.post("/v1/accounts/" + account + "/login_links", Map.of()).json().get("url").asText();

    try (Browser browser = new Browser()) {
      browser.open(url);
      browser.waitForUrl(u -> u.endsWith("/dashboard"));
      assertThat(browser.heading()).isEqualTo("Atelier Ada");
      browser.follow("Settings");
      assertThat(browser.heading()).isEqualTo("Settings");
      assertThat(browser.field("Cards").isSelected()).isTrue();
      assertThat(browser.field("iDEAL").isSelected()).isFalse();

      browser.choose("iDEAL").press("Save payment methods");
      assertThat(browser.text()).contains("Your payment methods are saved.");
      assertThat(browser.field("iDEAL").isSelected()).isTrue();

      browser.select("How often you are paid", "Weekly").select("Day of the week (weekly payouts)", "Friday")
          .type("Days before a payment is paid out", "2").press("Save payout schedule");
      assertThat(browser.text()).contains("Enter a whole number of days, at least 3.");
      assertThat(browser.field("Days before a payment is paid out").getAttribute("value")).isEqualTo("2");
      browser.type("Days before a payment is paid out", "4").press("Save payout schedule");
      assertThat(browser.text()).contains("Your payout schedule is saved.", "Weekly, every Friday");

      browser.press("Sign out");
      assertThat(browser.heading()).isEqualTo("You have signed out");
      browser.open(url); // the link was spent by the first visit
      assertThat(browser.heading()).isEqualTo("This link has expired");
    }
    JsonNode schedule = http.get("/v1/accounts/" + account).json().at("/settings/payouts/schedule");
    assertThat(schedule.get("interval").asText()).isEqualTo("weekly");
    assertThat(schedule.get("delay_days").asInt()).isEqualTo(4);
  }
}

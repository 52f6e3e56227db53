package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.accounts.PlatformLogin;
import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Browser;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The platform Dashboard's Home in Chromium: the platform's balance, its application fees of the
 * last 30 days as a chart with a table beside it, and the gross volume on its connected accounts,
 * all read from the payments made through the API.
 */
class PlatformHomeTest {
  private static final String EMAIL = "home@platform.example";
  private static final String PASSWORD = "platform dashboard password";
  /** A processor of its own: the Home sums everything the platform took (in a sandbox its 30 days were off: it reads the default sandbox's clock). */
  private static final TestProcessor PROCESSOR = TestProcessor.customized(s -> s.withDashboardLogin(new PlatformLogin(EMAIL, PASSWORD)));
  private final StripeHttp http = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  private void pay(String account, String amount, String currency, String fee) {
    StripeHttp.Response paid = http.header("Stripe-Account", account).post("/v1/payment_intents", Map.of("amount", amount,
        "currency", currency, "payment_method", "pm_card_visa", "confirm", "true", "application_fee_amount", fee,
        "payment_method_types[0]", "card"));
    assertThat(paid.json().get("status").asText()).as(paid.body()).isEqualTo("succeeded");
  }

  @Test
  void thePlatformSeesItsBalanceItsFeesByDayAndTheGrossVolumeOfItsAccounts() {
    String french = ActivatedAccounts.custom(http, "FR");
    String american = ActivatedAccounts.custom(http, "US");
    pay(french, "10000", "eur", "123");
    pay(french, "2500", "eur", "77");
    pay(american, "4000", "usd", "50");
    String today = LocalDate.ofEpochDay(Math.floorDiv(http.get("/v1/test_helpers/clock").json().get("now").asLong(), 86_400))
        .toString();

    try (Browser browser = new Browser()) {
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      assertThat(browser.heading()).isEqualTo("Home");
      String text = browser.text();
      // the platform's own balance: its application fees, pending until they become available
      assertThat(text).contains("EUR €0.00 €2.00", "USD $0.00 $0.50");
      assertThat(text).contains("EUR: €2.00 in 30 days", "USD: $0.50 in 30 days");
      assertThat(text).contains("Gross volume on connected accounts", "EUR €125.00 2", "USD $40.00 1");
      assertThat(browser.html()).contains("<title>" + today + ": €2.00</title>");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();

      browser.driver().findElement(org.openqa.selenium.By.xpath("//summary[contains(., 'EUR by day')]")).click();
      assertThat(browser.text()).contains(today + " €2.00", LocalDate.parse(today).minusDays(29) + " €0.00")
          .doesNotContain(LocalDate.parse(today).minusDays(30).toString());
    }
  }
}

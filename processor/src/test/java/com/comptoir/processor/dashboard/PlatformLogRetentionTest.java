package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.accounts.PlatformLogin;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Await;
import com.comptoir.testing.Browser;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Settings → Logs in Chromium: the platform bounds the request log to two requests, a typo is
 * refused with what was typed, and Developers → Logs then shows only the newest two.
 */
class PlatformLogRetentionTest {
  private static final String EMAIL = "retention@platform.example";
  private static final String PASSWORD = "platform dashboard password";
  /** A processor of its own: the retention is the whole log's. */
  private static final TestProcessor PROCESSOR = TestProcessor.customized(s -> s.withDashboardLogin(new PlatformLogin(EMAIL, PASSWORD)));
  private final StripeHttp http = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  @Test
  void theLogKeepsWhatTheSettingsSay() {
    for (int i = 0; i < 5; i++) {
      http.get("/v1/balance?expand[]=n" + i);
    }
    try (Browser browser = new Browser()) {
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      browser.follow("Developers: Logs");
      Await.until("the five requests are logged", Duration.ofSeconds(10), () -> {
        browser.open(PROCESSOR.url() + "/dashboard/logs");
        return browser.driver().findElements(By.cssSelector("table.list tbody tr")).size() >= 5;
      });

      browser.follow("Settings: Logs");
      assertThat(browser.heading()).isEqualTo("Log settings");
      assertThat(browser.field("Requests to keep").getAttribute("value")).isEqualTo("10000");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();
      browser.type("Requests to keep", "two").type("Days to keep", "3").press("Save retention");
      assertThat(browser.text()).contains("The retention was not saved", "Enter a whole number of requests from 1 to 1,000,000.");
      assertThat(browser.field("Requests to keep").getAttribute("value")).isEqualTo("two");
      assertThat(browser.field("Days to keep").getAttribute("value")).isEqualTo("3");

      browser.type("Requests to keep", "2").press("Save retention");
      assertThat(browser.text()).contains("The log's retention is saved");
      assertThat(browser.field("Requests to keep").getAttribute("value")).isEqualTo("2");

      http.get("/v1/balance?expand[]=last"); // the writer prunes after what it writes
      Await.until("the log keeps two requests", Duration.ofSeconds(30), () -> {
        browser.open(PROCESSOR.url() + "/dashboard/logs");
        return browser.driver().findElements(By.cssSelector("table.list tbody tr")).size() == 2;
      });
      assertThat(browser.text()).contains("/v1/balance");
    }
  }
}

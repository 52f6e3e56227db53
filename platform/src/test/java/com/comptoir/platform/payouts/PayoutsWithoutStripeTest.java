package com.comptoir.platform.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.testing.RunningPlatform;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe unreachable while a merchant looks at their money or changes their schedule: the page
 * says what could not be read, section by section, keeps what was typed, and never fails blankly.
 */
class PayoutsWithoutStripeTest {
  private static RunningPlatform platform;

  @BeforeAll
  static void start() {
    platform = new RunningPlatform();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void thePageSaysWhatStripeDidNotGiveAndAScheduleThatCouldNotBeSentIsShownAsTyped() throws Exception {
    HttpClient browser = RunningPlatform.client();
    String csrf = RunningPlatform.csrf(platform.get(browser, "/signup").body());
    assertThat(platform.post(browser, "/signup", Map.of("csrf", csrf, "email", "offline@example.com", "password", "a good long password",
        "store_name", "Offline", "country", "US")).statusCode()).isEqualTo(303);
    // The account Stripe could not create at sign-up, as if it had: a Standard one, as the platform last heard.
    platform.jdbi.useHandle(h -> {
      long store = h.createQuery("SELECT id FROM stores WHERE name = 'Offline'").mapTo(Long.class).one();
      h.execute("UPDATE stores SET account_id = 'acct_offline' WHERE id = ?", store);
      h.execute("""
          INSERT INTO connected_accounts (account_id, store_id, type, details_submitted, charges_enabled, payouts_enabled,
              currently_due, past_due, eventually_due, pending_verification, refreshed_at, refreshed_by)
          VALUES ('acct_offline', ?, 'standard', true, true, true, '{}', '{}', '{}', '{}', now(), 'test')""", store);
    });

    HttpResponse<String> page = platform.get(browser, "/payouts");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Stripe did not give your balance just now: Stripe could not be reached.")
        .contains("Stripe did not list your payouts just now: Stripe could not be reached.")
        .contains("Stripe did not give your payout schedule just now")
        .as("the type the platform last heard still says where the schedule is changed")
        .contains("Open your Stripe Dashboard").contains("href=\"http://127.0.0.1:9/dashboard/login\"");

    platform.jdbi.useHandle(h -> h.execute("UPDATE connected_accounts SET type = 'custom' WHERE account_id = 'acct_offline'"));
    HttpResponse<String> refused = platform.post(browser, "/payouts/schedule", Map.of("csrf", RunningPlatform.csrf(page.body()),
        "interval", "weekly", "weekly_anchor", "thursday", "monthly_anchor", "1", "delay_days", "4"));
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("Your payout schedule was not saved: Stripe could not be reached.")
        .contains("<option value=\"thursday\" selected>Thursday</option>").contains("name=\"delay_days\" type=\"text\" value=\"4\"");
  }
}

package com.comptoir.processor.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform's own account is a fully activated Stripe account: changing it through the API
 * never derives its requirements from the rules of connected-account onboarding, which would
 * switch its charges and payouts off.
 */
@InOwnSandbox
class PlatformOwnAccountTest {

  private static void assertActivated(JsonNode account) {
    assertThat(account.get("charges_enabled").asBoolean()).as(account.toString()).isTrue();
    assertThat(account.get("payouts_enabled").asBoolean()).isTrue();
    assertThat(account.get("details_submitted").asBoolean()).isTrue();
    assertThat(account.at("/requirements/currently_due")).isEmpty();
    assertThat(account.at("/requirements/eventually_due")).isEmpty();
    assertThat(account.at("/requirements/disabled_reason").isNull()).isTrue();
  }

  @Test
  void thePlatformChangingItsOwnAccountLeavesItActivated() {
    try (TestProcessor processor = TestProcessor.sandbox()) {
      StripeHttp http = processor.http();
      String platform = processor.platformAccountId();
      assertActivated(http.get("/v1/account").json());

      StripeHttp.Response updated = http.post("/v1/accounts/" + platform, Map.of("metadata[team]", "payments",
          "business_profile[support_email]", "help@example.com", "settings[payouts][schedule][interval]", "weekly"));
      assertThat(updated.status()).as(updated.body()).isEqualTo(200);
      assertActivated(updated.json());
      // its own payouts are its own to set: the Standard refusal is for platforms writing to connected accounts
      assertThat(updated.json().at("/settings/payouts/schedule/interval").asText()).isEqualTo("weekly");

      StripeHttp.Response bank = http.post("/v1/accounts/" + platform + "/external_accounts", Map.of(
          "external_account[object]", "bank_account", "external_account[country]", "US", "external_account[currency]", "usd",
          "external_account[routing_number]", "110000000", "external_account[account_number]", "000123456789"));
      assertThat(bank.status()).as(bank.body()).isEqualTo(200);
      assertActivated(http.get("/v1/accounts/" + platform).json());
      assertActivated(http.get("/v1/account").json());
    }
  }
}

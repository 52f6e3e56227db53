package com.comptoir.processor.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.InvalidRequestException;
import com.stripe.param.AccountUpdateParams;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who sets a connected account's payouts (fact sheet §3.4, §7.7): the platform, on Express and
 * Custom accounts; on a Standard account, only its holder, in their own Dashboard.
 */
class PayoutSettingsByAccountTypeTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  private JsonNode schedule(String account) {
    return http.get("/v1/accounts/" + account).json().at("/settings/payouts/schedule");
  }

  @Test
  void thePlatformCannotChangeAStandardAccountsPayouts() {
    String standard = ConnectedAccounts.create(http, "standard");

    StripeHttp.Response r = http.post("/v1/accounts/" + standard, Map.of("settings[payouts][schedule][interval]", "weekly",
        "settings[payouts][schedule][weekly_anchor]", "friday"));
    assertThat(r.status()).isEqualTo(400);
    JsonNode error = r.json().get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("code").asText()).isEqualTo("not_allowed_on_standard_account");
    assertThat(error.get("param").asText()).startsWith("settings[payouts][schedule][");
    assertThat(error.get("message").asText()).contains("Standard account", "manages their payouts", "own Stripe Dashboard");
    assertThat(schedule(standard).get("interval").asText()).isEqualTo("daily");

    // any payout setting, and also when the platform acts as the account with Stripe-Account
    StripeHttp.Response debits = http.header("Stripe-Account", standard).post("/v1/accounts/" + standard,
        Map.of("settings[payouts][debit_negative_balances]", "false"));
    assertThat(debits.status()).isEqualTo(400);
    assertThat(debits.json().at("/error/param").asText()).isEqualTo("settings[payouts][debit_negative_balances]");
    assertThat(http.get("/v1/accounts/" + standard).json().at("/settings/payouts/debit_negative_balances").asBoolean()).isTrue();

    // what the platform may still write on a Standard account goes through
    StripeHttp.Response metadata = http.post("/v1/accounts/" + standard, Map.of("metadata[store]", "42",
        "settings[payments][statement_descriptor]", "ADA SHOP"));
    assertThat(metadata.status()).as(metadata.body()).isEqualTo(200);
  }

  @Test
  void theJavaSdkSeesTheRefusalAsAnInvalidRequestWithItsCode() {
    String standard = ConnectedAccounts.create(http, "standard");
    AccountUpdateParams weekly = AccountUpdateParams.builder().setSettings(AccountUpdateParams.Settings.builder()
        .setPayouts(AccountUpdateParams.Settings.Payouts.builder().setSchedule(AccountUpdateParams.Settings.Payouts.Schedule.builder()
            .setInterval(AccountUpdateParams.Settings.Payouts.Schedule.Interval.WEEKLY).build()).build()).build()).build();

    assertThatThrownBy(() -> ConnectedAccounts.client(processor).accounts().update(standard, weekly))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.getCode()).isEqualTo("not_allowed_on_standard_account");
          assertThat(e.getParam()).isEqualTo("settings[payouts][schedule][interval]");
        });
  }

  @Test
  void thePlatformSetsThePayoutScheduleOfExpressAndCustomAccounts() {
    for (String type : new String[] {"express", "custom"}) {
      String account = ConnectedAccounts.create(http, type);
      StripeHttp.Response r = http.post("/v1/accounts/" + account, Map.of("settings[payouts][schedule][interval]", "weekly",
          "settings[payouts][schedule][weekly_anchor]", "friday"));
      assertThat(r.status()).as(type + ": " + r.body()).isEqualTo(200);
      assertThat(schedule(account).get("interval").asText()).isEqualTo("weekly");
      assertThat(schedule(account).get("weekly_anchor").asText()).isEqualTo("friday");
    }
  }

  @Test
  void aStandardAccountsPayoutsCanBePrefilledWhenItIsCreated() {
    StripeHttp.Response r = http.post("/v1/accounts", Map.of("type", "standard",
        "settings[payouts][schedule][interval]", "monthly", "settings[payouts][schedule][monthly_anchor]", "15"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().at("/settings/payouts/schedule/interval").asText()).isEqualTo("monthly");
    assertThat(r.json().at("/settings/payouts/schedule/monthly_anchor").asInt()).isEqualTo(15);
  }
}

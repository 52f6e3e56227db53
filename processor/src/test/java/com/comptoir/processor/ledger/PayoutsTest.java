package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.AuditedProcessor;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Payouts on the processor clock (fact sheet §7.7, §7.8): schedules, manual payouts, failures, negative balances. */
@InOwnSandbox
class PayoutsTest {
  @RegisterExtension
  static final AuditedProcessor processor = AuditedProcessor.sandbox();
  private final Money money = new Money(processor);

  private static final Money.Payment BYPASS_PENDING = Money.Payment.card(5_000, "usd", null).withCard("US", "0077");

  private JsonNode payouts(String account) {
    return money.get(account, "/v1/payouts?limit=100").get("data");
  }

  @Test
  void aWeeklySchedulePaysAvailableFundsOnItsAnchorDayOnly() {
    String account = money.frAccount();
    LocalDate today = LocalDate.ofEpochDay(money.now() / Money.DAY_SECONDS);
    String anchor = today.plusDays(5).getDayOfWeek().name().toLowerCase(Locale.ROOT);
    money.setSchedule(account, Map.of("interval", "weekly", "weekly_anchor", anchor));
    money.charge(account, Money.Payment.card(10_000, "eur", null).withCard("FR", "4242"));

    money.advanceToDay(3); // available three calendar days later in France
    assertThat(money.available(account, "eur")).isEqualTo(10_000 - 175);
    assertThat(payouts(account)).isEmpty();
    money.advanceToDay(2);
    JsonNode payout = payouts(account).get(0);
    assertThat(payout.get("amount").asLong()).isEqualTo(10_000 - 175);
    assertThat(LocalDate.ofEpochDay(payout.get("created").asLong() / Money.DAY_SECONDS).getDayOfWeek().name().toLowerCase(Locale.ROOT))
        .isEqualTo(anchor);
    assertThat(money.available(account, "eur")).isZero();
  }

  @Test
  void aManualScheduleWaitsForPayoutRequestsWhichCanBeCanceledWhilePending() {
    String account = money.usAccount();
    money.setSchedule(account, Map.of("interval", "manual"));
    money.charge(account, BYPASS_PENDING);
    assertThat(money.available(account, "usd")).isEqualTo(4_825);
    money.advanceToDay(3);
    assertThat(payouts(account)).isEmpty();

    StripeHttp shop = money.as(account);
    StripeHttp.Response tooMuch = shop.post("/v1/payouts", Map.of("amount", "5000", "currency", "usd"));
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.json().at("/error/code").asText()).isEqualTo("balance_insufficient");
    assertThat(shop.post("/v1/payouts", Map.of("amount", "100", "currency", "eur")).json().at("/error/message").asText())
        .contains("external accounts in that currency");

    JsonNode payout = shop.post("/v1/payouts", Map.of("amount", "1000", "currency", "usd", "statement_descriptor", "COMPTOIR",
        "metadata[order]", "42")).json();
    assertThat(money.get(account, "/v1/events?type=payout.created").at("/data/0/data/object/metadata/order").asText())
        .as("the event carries what the request set").isEqualTo("42");
    assertThat(payout.get("status").asText()).isEqualTo("pending");
    assertThat(payout.get("automatic").asBoolean()).isFalse();
    assertThat(payout.get("reconciliation_status").asText()).isEqualTo("not_applicable");
    assertThat(money.available(account, "usd")).isEqualTo(3_825);
    assertThat(money.get(account, "/v1/payouts?status=pending").get("data").findValuesAsText("id")).containsExactly(payout.get("id").asText());
    JsonNode canceled = shop.post("/v1/payouts/" + payout.get("id").asText() + "/cancel", Map.of()).json();
    assertThat(canceled.get("status").asText()).isEqualTo("canceled");
    assertThat(money.available(account, "usd")).isEqualTo(4_825);
    assertThat(money.get(account, "/v1/balance_transactions?type=payout_cancel").at("/data/0/source").asText()).isEqualTo(payout.get("id").asText());
    assertThat(shop.get("/v1/balance_transactions?payout=" + payout.get("id").asText()).json().at("/error/message").asText())
        .contains("only be filtered on automatic");

    JsonNode all = shop.post("/v1/payouts", Map.of("amount", "4825", "currency", "usd")).json();
    money.advanceToDay(4);
    all = money.get(account, "/v1/payouts/" + all.get("id").asText() + "?expand[]=destination");
    assertThat(all.get("status").asText()).isEqualTo("paid");
    assertThat(all.at("/destination/last4").asText()).isEqualTo("6789");
    StripeHttp.Response late = shop.post("/v1/payouts/" + all.get("id").asText() + "/cancel", Map.of());
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.json().at("/error/message").asText()).isEqualTo("Payouts can only be canceled while they are pending; "
        + all.get("id").asText() + " is paid.");
    assertThat(money.available(account, "usd")).isZero();
  }

  @Test
  void manualPayoutsAreRefusedOnAnAutomaticSchedule() {
    String account = money.usAccount();
    money.charge(account, BYPASS_PENDING);
    StripeHttp.Response r = money.as(account).post("/v1/payouts", Map.of("amount", "100", "currency", "usd"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/message").asText()).contains("automatic payouts");
  }

  @Test
  void aPayoutToAFailingTestAccountFailsGivesTheMoneyBackAndDisablesTheBankAccount() {
    String account = money.usAccount("000111111116");
    money.charge(account, BYPASS_PENDING);
    money.advanceToDay(4);
    JsonNode payout = payouts(account).get(0);
    assertThat(payout.get("status").asText()).isEqualTo("failed");
    assertThat(payout.get("failure_code").asText()).isEqualTo("no_account");
    JsonNode back = money.get(account, "/v1/balance_transactions/" + payout.get("failure_balance_transaction").asText());
    assertThat(back.get("type").asText()).isEqualTo("payout_failure");
    assertThat(back.get("amount").asLong()).isEqualTo(4_825);
    assertThat(money.available(account, "usd")).isEqualTo(4_825);
    assertThat(money.get(account, "/v1/events?type=payout.failed").get("data")).hasSize(1);
    assertThat(money.http().get("/v1/accounts/" + account).json().at("/external_accounts/data/0/status").asText()).isEqualTo("errored");
    assertThat(money.get(account, "/v1/events?type=account.external_account.updated").get("data")).hasSize(1);
    money.advanceToDay(3);
    assertThat(payouts(account)).as("no payout goes to an errored bank account").hasSize(1);
  }

  @Test
  void aFailingTestIbanFailsItsPayoutToo() {
    String account = money.frAccount("DE62370400440532013001");
    money.charge(account, Money.Payment.card(2_000, "eur", null).withCard("FR", "0077"));
    money.advanceToDay(4);
    JsonNode payout = payouts(account).get(0);
    assertThat(payout.get("status").asText()).isEqualTo("failed");
    assertThat(payout.get("failure_code").asText()).isEqualTo("no_account");
  }

  @Test
  void aNegativeBalanceIsDebitedFromTheBankWhenTheAccountAllowsIt() {
    String account = money.usAccount();
    // a Custom account's default is not to debit (Stripe's default); this one allows it
    StripeHttp.Response on = money.http().post("/v1/accounts/" + account, Map.of("settings[payouts][debit_negative_balances]", "true"));
    assertThat(on.status()).as(on.body()).isEqualTo(200);
    String charge = money.charge(account, BYPASS_PENDING).get("id").asText();
    money.advanceToDay(4);
    assertThat(payouts(account).get(0).get("status").asText()).isEqualTo("paid");
    assertThat(money.as(account).post("/v1/refunds", Map.of("charge", charge)).status()).isEqualTo(200);
    assertThat(money.available(account, "usd")).isEqualTo(-5_000);

    money.advanceToDay(4);
    JsonNode debit = payouts(account).get(0);
    assertThat(debit.get("amount").asLong()).isEqualTo(-5_000);
    assertThat(debit.get("status").asText()).isEqualTo("paid");
    assertThat(money.available(account, "usd")).isZero();
  }

  @Test
  void withoutDebitNegativeBalancesANegativeBalanceWaitsForLaterPayments() {
    String account = money.usAccount();
    StripeHttp.Response off = money.http().post("/v1/accounts/" + account, Map.of("settings[payouts][debit_negative_balances]", "false"));
    assertThat(off.status()).as(off.body()).isEqualTo(200);
    String charge = money.charge(account, BYPASS_PENDING).get("id").asText();
    money.as(account).post("/v1/refunds", Map.of("charge", charge, "amount", "4900"));
    money.advanceToDay(4);
    assertThat(payouts(account)).isEmpty();
    assertThat(money.available(account, "usd")).isEqualTo(-75);
    money.charge(account, BYPASS_PENDING);
    money.advanceToDay(4);
    assertThat(payouts(account).get(0).get("amount").asLong()).isEqualTo(4_825 - 75);
  }

  @Test
  void theBalanceTransactionsOfAnAutomaticPayoutAreListedByIt() {
    String account = money.usAccount();
    String first = money.charge(account, BYPASS_PENDING).get("balance_transaction").asText();
    String second = money.charge(account, BYPASS_PENDING).get("balance_transaction").asText();
    money.advanceToDay(3); // a business day is among the next three
    JsonNode payout = payouts(account).get(0);
    assertThat(payout.get("amount").asLong()).isEqualTo(2 * 4_825);
    assertThat(payout.get("automatic").asBoolean()).isTrue();
    assertThat(payout.get("description").asText()).isEqualTo("STRIPE PAYOUT");
    JsonNode listed = money.get(account, "/v1/balance_transactions?payout=" + payout.get("id").asText()).get("data");
    assertThat(listed.findValuesAsText("id")).containsExactlyInAnyOrder(first, second, payout.get("balance_transaction").asText());
    JsonNode updated = money.as(account).post("/v1/payouts/" + payout.get("id").asText(), Map.of("metadata[batch]", "7")).json();
    assertThat(updated.at("/metadata/batch").asText()).isEqualTo("7");
    assertThat(money.as(money.usAccount()).get("/v1/payouts/" + payout.get("id").asText()).status()).isEqualTo(404);
  }
}

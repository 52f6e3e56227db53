package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.AuditedProcessor;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v1/refunds} on the connected account (fact sheet §7.4). */
@InOwnSandbox
class RefundsTest {
  @RegisterExtension
  static final AuditedProcessor processor = AuditedProcessor.sandbox();
  private final Money money = new Money(processor);

  private StripeHttp.Response refund(String account, Map<String, String> form) {
    return money.as(account).post("/v1/refunds", form);
  }

  @Test
  void partialRefundsReturnTheFeeInProportionAndTheLastTakesWhatIsLeft() {
    String account = money.usAccount();
    JsonNode charge = money.charge(account, Money.Payment.card(10_000, "usd", 123L));
    String id = charge.get("id").asText();

    JsonNode first = refund(account, Map.of("charge", id, "amount", "3333", "refund_application_fee", "true", "reason", "requested_by_customer")).json();
    assertThat(first.get("id").asText()).startsWith("re_");
    assertThat(first.get("reason").asText()).isEqualTo("requested_by_customer");
    JsonNode firstBt = money.get(account, "/v1/balance_transactions/" + first.get("balance_transaction").asText());
    assertThat(firstBt.get("fee").asLong()).as("123 × 3333 / 10000 = 40.99, half up").isEqualTo(-41);
    assertThat(firstBt.get("net").asLong()).isEqualTo(-3333 + 41);

    JsonNode second = refund(account, Map.of("charge", id, "refund_application_fee", "true")).json();
    assertThat(second.get("amount").asLong()).isEqualTo(6667);
    assertThat(money.get(account, "/v1/balance_transactions/" + second.get("balance_transaction").asText()).get("fee").asLong())
        .isEqualTo(-82);
    JsonNode fee = money.get(money.platform(), "/v1/application_fees/" + charge.get("application_fee").asText());
    assertThat(fee.get("amount_refunded").asLong()).isEqualTo(123);
    assertThat(fee.get("refunded").asBoolean()).isTrue();
    assertThat(money.get(money.platform(), "/v1/application_fees/" + fee.get("id").asText() + "/refunds").get("data")).hasSize(2);
    JsonNode stored = money.get(account, "/v1/charges/" + id);
    assertThat(stored.get("amount_refunded").asLong()).isEqualTo(10_000);
    assertThat(stored.get("refunded").asBoolean()).isTrue();
    assertThat(stored.at("/refunds/data").findValuesAsText("id")).containsExactly(second.get("id").asText(), first.get("id").asText());
    // Stripe's includable list, as SDKs ask for it (and one level deeper, into each refund).
    JsonNode expanded = money.get(account, "/v1/charges/" + id + "?expand[]=refunds&expand[]=refunds.data.balance_transaction");
    assertThat(expanded.at("/refunds/object").asText()).isEqualTo("list");
    assertThat(expanded.at("/refunds/data/0/id").asText()).isEqualTo(second.get("id").asText());
    assertThat(expanded.at("/refunds/data/0/balance_transaction/object").asText()).isEqualTo("balance_transaction");
  }

  @Test
  void byDefaultThePlatformKeepsItsFeeAndTheProcessingFeeIsNotReturned() {
    String account = money.usAccount();
    JsonNode charge = money.charge(account, Money.Payment.card(10_000, "usd", 123L));
    JsonNode refund = refund(account, Map.of("charge", charge.get("id").asText())).json();
    JsonNode bt = money.get(account, "/v1/balance_transactions/" + refund.get("balance_transaction").asText());
    assertThat(bt.get("fee").asLong()).isZero();
    assertThat(bt.get("net").asLong()).isEqualTo(-10_000);
    assertThat(money.pending(account, "usd") + money.available(account, "usd")).isEqualTo(-320 - 123);
    assertThat(money.get(money.platform(), "/v1/application_fees/" + charge.get("application_fee").asText()).get("amount_refunded").asLong())
        .isZero();
  }

  @Test
  void refundsAreRefusedAsStripeRefusesThem() {
    String account = money.usAccount();
    String id = money.charge(account, Money.Payment.card(1_000, "usd", null)).get("id").asText();
    StripeHttp.Response tooMuch = refund(account, Map.of("charge", id, "amount", "1001"));
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.json().at("/error/param").asText()).isEqualTo("amount");
    assertThat(tooMuch.json().at("/error/message").asText()).contains("greater than unrefunded amount");
    assertThat(refund(account, Map.of()).json().at("/error/code").asText()).isEqualTo("parameter_missing");
    assertThat(refund(account, Map.of("charge", id, "reverse_transfer", "true")).status()).isEqualTo(400);
    assertThat(refund(account, Map.of("charge", id, "reason", "bored")).json().at("/error/param").asText()).isEqualTo("reason");
    String otherAccount = money.usAccount();
    StripeHttp.Response elsewhere = refund(otherAccount, Map.of("charge", id));
    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(elsewhere.json().at("/error/code").asText()).isEqualTo("resource_missing");

    assertThat(refund(account, Map.of("charge", id)).status()).isEqualTo(200);
    StripeHttp.Response again = refund(account, Map.of("charge", id));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().at("/error/code").asText()).isEqualTo("charge_already_refunded");
  }

  @Test
  void anAccountWhoseBalanceIsNegativeCannotRefundUntilItRecovers() {
    String account = money.usAccount();
    String first = money.charge(account, Money.Payment.card(1_000, "usd", null)).get("id").asText();
    String second = money.charge(account, Money.Payment.card(1_000, "usd", null)).get("id").asText();
    refund(account, Map.of("charge", first));
    refund(account, Map.of("charge", second, "amount", "1000"));
    StripeHttp.Response refused = refund(account, Map.of("charge", money.charge(account, Money.Payment.card(50, "usd", null)).get("id").asText()));
    assertThat(money.pending(account, "usd") + money.available(account, "usd")).isNegative();
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/code").asText()).isEqualTo("balance_insufficient");
  }

  @Test
  void theRefundsApiListsRetrievesAndUpdatesOnlyTheAccountsOwn() {
    String account = money.usAccount();
    String charge = money.charge(account, Money.Payment.card(2_000, "usd", null)).get("id").asText();
    String refund = refund(account, Map.of("charge", charge, "amount", "500", "metadata[order]", "A-1")).json().get("id").asText();
    assertThat(money.get(account, "/v1/refunds?charge=" + charge).get("data").findValuesAsText("id")).containsExactly(refund);
    assertThat(money.get(account, "/v1/refunds/" + refund).at("/metadata/order").asText()).isEqualTo("A-1");
    JsonNode updated = money.as(account).post("/v1/refunds/" + refund, Map.of("metadata[order]", "", "metadata[note]", "late")).json();
    assertThat(updated.get("metadata").has("order")).isFalse();
    assertThat(updated.at("/metadata/note").asText()).isEqualTo("late");
    assertThat(money.get(account, "/v1/events?type=refund.updated&limit=1").at("/data/0/data/previous_attributes/metadata/order").asText())
        .isEqualTo("A-1");
    assertThat(money.as(account).post("/v1/refunds/" + refund + "/cancel", Map.of()).status()).isEqualTo(400);
    assertThat(money.as(money.usAccount()).get("/v1/refunds/" + refund).status()).isEqualTo(404);
    assertThat(money.get(account, "/v1/refunds/" + refund + "?expand[]=charge").at("/charge/id").asText()).isEqualTo(charge);
  }

  @Test
  void theRefundPendingTestCardSucceedsAMinuteLater() {
    String account = money.usAccount();
    String charge = money.charge(account, Money.Payment.card(3_000, "usd", null).withCard("US", "7726")).get("id").asText();
    JsonNode refund = refund(account, Map.of("charge", charge)).json();
    assertThat(refund.get("status").asText()).isEqualTo("pending");
    money.advanceSeconds(61);
    assertThat(money.get(account, "/v1/refunds/" + refund.get("id").asText()).get("status").asText()).isEqualTo("succeeded");
    JsonNode updated = money.get(account, "/v1/events?type=charge.refund.updated&limit=1").at("/data/0/data");
    assertThat(updated.at("/object/status").asText()).isEqualTo("succeeded");
    assertThat(updated.at("/previous_attributes/status").asText()).isEqualTo("pending");
  }

  @Test
  void theRefundFailureTestCardGivesTheMoneyBack() {
    String account = money.usAccount();
    String charge = money.charge(account, Money.Payment.card(3_000, "usd", null).withCard("US", "5126")).get("id").asText();
    long before = money.pending(account, "usd") + money.available(account, "usd");
    JsonNode refund = refund(account, Map.of("charge", charge)).json();
    assertThat(refund.get("status").asText()).isEqualTo("succeeded");
    money.advanceSeconds(61);
    JsonNode failed = money.get(account, "/v1/refunds/" + refund.get("id").asText());
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.get("failure_reason").asText()).isEqualTo("expired_or_canceled_card");
    JsonNode back = money.get(account, "/v1/balance_transactions/" + failed.get("failure_balance_transaction").asText());
    assertThat(back.get("type").asText()).isEqualTo("refund_failure");
    assertThat(back.get("amount").asLong()).isEqualTo(3_000);
    assertThat(money.pending(account, "usd") + money.available(account, "usd")).isEqualTo(before);
    assertThat(money.get(account, "/v1/charges/" + charge).get("amount_refunded").asLong()).isZero();
  }
}

package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.AuditedProcessor;
import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read side of the ledger on the shared processor (its clock stays put): Balance,
 * BalanceTransactions and ApplicationFees with their filters, expansion and tenancy.
 */
class LedgerApiTest {
  @RegisterExtension
  static final AuditedProcessor processor = AuditedProcessor.shared();
  private final Money money = new Money(processor);

  @Test
  void anAccountThatNeverMovedMoneyHasAZeroBalanceInItsCurrency() {
    String account = money.frAccount();
    JsonNode balance = money.balance(account);
    assertThat(balance.get("object").asText()).isEqualTo("balance");
    assertThat(balance.get("livemode").asBoolean()).isFalse();
    assertThat(balance.at("/available/0/currency").asText()).isEqualTo("eur");
    assertThat(balance.at("/available/0/amount").asLong()).isZero();
    assertThat(balance.at("/pending/0/source_types/card").asLong()).isZero();
    assertThat(balance.has("connect_reserved")).as("only platforms have connect_reserved").isFalse();
    assertThat(money.balance(money.platform()).has("connect_reserved")).isTrue();
  }

  @Test
  void balancesAreKeptPerCurrency() {
    String account = money.usAccount();
    money.charge(account, Money.Payment.card(1_000, "usd", null));
    money.charge(account, Money.Payment.card(2_000, "eur", null));
    assertThat(money.balance(account).get("pending").findValuesAsText("currency")).containsExactly("eur", "usd");
    assertThat(money.pending(account, "usd")).isEqualTo(1_000 - 59);
    assertThat(money.pending(account, "eur")).isEqualTo(2_000 - 88);
  }

  @Test
  void balanceTransactionsAreListedNewestFirstAndFilteredByTypeSourceAndCurrency() {
    String account = money.usAccount();
    JsonNode first = money.charge(account, Money.Payment.card(1_000, "usd", null));
    JsonNode second = money.charge(account, Money.Payment.card(3_000, "eur", null));
    JsonNode refund = money.as(account).post("/v1/refunds", Map.of("charge", first.get("id").asText(), "amount", "100")).json();

    JsonNode all = money.get(account, "/v1/balance_transactions").get("data");
    assertThat(all.findValuesAsText("id")).containsExactly(refund.get("balance_transaction").asText(),
        second.get("balance_transaction").asText(), first.get("balance_transaction").asText());
    assertThat(money.get(account, "/v1/balance_transactions?type=refund").get("data").findValuesAsText("source"))
        .containsExactly(refund.get("id").asText());
    assertThat(money.get(account, "/v1/balance_transactions?source=" + second.get("id").asText()).get("data")).hasSize(1);
    assertThat(money.get(account, "/v1/balance_transactions?currency=EUR").get("data").findValuesAsText("id"))
        .containsExactly(second.get("balance_transaction").asText());
    assertThat(money.get(account, "/v1/balance_transactions?limit=1").get("has_more").asBoolean()).isTrue();
    assertThat(money.get(account, "/v1/balance/history?type=charge").get("data")).hasSize(2);
    long created = all.get(0).get("created").asLong();
    assertThat(money.get(account, "/v1/balance_transactions?created[gt]=" + created).get("data")).isEmpty();
  }

  @Test
  void aBalanceTransactionIsItsAccountsOwnAndExpandsItsSource() {
    String account = money.usAccount();
    JsonNode charge = money.charge(account, Money.Payment.card(1_000, "usd", null));
    String txn = charge.get("balance_transaction").asText();
    JsonNode expanded = money.get(account, "/v1/balance_transactions/" + txn + "?expand[]=source");
    assertThat(expanded.at("/source/object").asText()).isEqualTo("charge");
    assertThat(expanded.at("/source/balance_transaction").asText()).isEqualTo(txn);
    StripeHttp.Response elsewhere = money.as(money.usAccount()).get("/v1/balance_transactions/" + txn);
    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(elsewhere.json().at("/error/message").asText()).contains("No such balance transaction");
    assertThat(money.http().get("/v1/balance_transactions/" + txn).status()).as("not the platform's either").isEqualTo(404);
  }

  @Test
  void applicationFeesAreThePlatformsListedByChargeAndExpandTheConnectedCharge() {
    String account = money.usAccount();
    JsonNode charge = money.charge(account, Money.Payment.card(5_000, "usd", 250L));
    String fee = charge.get("application_fee").asText();
    JsonNode listed = money.get(money.platform(), "/v1/application_fees?charge=" + charge.get("id").asText()).get("data");
    assertThat(listed.findValuesAsText("id")).containsExactly(fee);
    JsonNode expanded = money.get(money.platform(), "/v1/application_fees/" + fee + "?expand[]=charge&expand[]=balance_transaction");
    assertThat(expanded.at("/charge/id").asText()).isEqualTo(charge.get("id").asText());
    assertThat(expanded.at("/balance_transaction/reporting_category").asText()).isEqualTo("platform_earning");
    assertThat(expanded.at("/refunds/object").asText()).isEqualTo("list");
    assertThat(money.as(account).get("/v1/application_fees/" + fee).status()).isEqualTo(404);
    assertThat(money.get(account, "/v1/application_fees").get("data")).isEmpty();
    assertThat(money.get(account, "/v1/charges/" + charge.get("id").asText() + "?expand[]=application_fee").at("/application_fee/amount")
        .asLong()).isEqualTo(250);
  }

  @Test
  void thePlatformCanRefundItsApplicationFeeToTheConnectedAccount() {
    String account = money.usAccount();
    JsonNode charge = money.charge(account, Money.Payment.card(5_000, "usd", 250L));
    String fee = charge.get("application_fee").asText();
    long accountBefore = money.pending(account, "usd") + money.available(account, "usd");

    StripeHttp.Response tooMuch = money.http().post("/v1/application_fees/" + fee + "/refunds", Map.of("amount", "251"));
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.json().at("/error/param").asText()).isEqualTo("amount");

    JsonNode part = money.http().post("/v1/application_fees/" + fee + "/refunds", Map.of("amount", "100", "metadata[why]", "goodwill")).json();
    assertThat(part.get("object").asText()).isEqualTo("fee_refund");
    assertThat(part.get("id").asText()).startsWith("fr_");
    assertThat(part.get("fee").asText()).isEqualTo(fee);
    assertThat(money.get(money.platform(), "/v1/balance_transactions/" + part.get("balance_transaction").asText()).get("amount").asLong())
        .isEqualTo(-100);
    assertThat(money.pending(account, "usd") + money.available(account, "usd") - accountBefore).isEqualTo(100);
    assertThat(money.get(account, "/v1/balance_transactions?type=application_fee_refund").at("/data/0/amount").asLong()).isEqualTo(100);

    JsonNode got = money.get(money.platform(), "/v1/application_fees/" + fee + "/refunds/" + part.get("id").asText());
    assertThat(got.at("/metadata/why").asText()).isEqualTo("goodwill");
    JsonNode updated = money.http().post("/v1/application_fees/" + fee + "/refunds/" + part.get("id").asText(),
        Map.of("metadata[why]", "")).json();
    assertThat(updated.get("metadata").isEmpty()).isTrue();

    JsonNode whole = money.http().post("/v1/application_fees/" + fee + "/refund", Map.of()).json();
    assertThat(whole.get("object").asText()).isEqualTo("application_fee");
    assertThat(whole.get("amount_refunded").asLong()).isEqualTo(250);
    assertThat(whole.get("refunded").asBoolean()).isTrue();
    assertThat(money.get(money.platform(), "/v1/application_fees/" + fee + "/refunds").get("data")).hasSize(2);
    assertThat(money.http().post("/v1/application_fees/" + fee + "/refunds", Map.of()).json().at("/error/code").asText())
        .isEqualTo("charge_already_refunded");
    assertThat(money.get(money.platform(), "/v1/events?type=application_fee.refunded&limit=1").at("/data/0/data/object/id").asText())
        .isEqualTo(fee);
  }
}

package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.AuditedProcessor;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checkout Sessions paid through the payments code, as the ledger books them. */
@InOwnSandbox
class CheckoutMoneyTest {
  @RegisterExtension
  static final AuditedProcessor processor = AuditedProcessor.sandbox();
  private final Money money = new Money(processor);

  /** The guide's request 3 on {@code account}, for a price of {@code amount} in {@code currency}. */
  private String session(String account, long amount, String currency, Long applicationFee) {
    StripeHttp shop = money.as(account);
    String product = shop.post("/v1/products", Map.of("name", "Hat")).json().get("id").asText();
    String price = shop.post("/v1/prices", Map.of("product", product, "currency", currency, "unit_amount", Long.toString(amount)))
        .json().get("id").asText();
    Map<String, String> form = new HashMap<>(Map.of("mode", "payment", "line_items[0][price]", price, "line_items[0][quantity]", "1",
        "success_url", "https://example.com/success", "cancel_url", "https://example.com/cancel"));
    if (applicationFee != null) {
      form.put("payment_intent_data[application_fee_amount]", applicationFee.toString());
    }
    StripeHttp.Response r = shop.post("/v1/checkout/sessions", form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("id").asText();
  }

  /** Pays the session through the checkout test helper and returns its charge. */
  private JsonNode pay(String account, String session, Map<String, String> form) {
    StripeHttp.Response paid = money.as(account).post("/v1/test_helpers/checkout/sessions/" + session + "/pay", form);
    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    return latestCharge(account, paid.json().get("payment_intent").asText());
  }

  private JsonNode latestCharge(String account, String paymentIntent) {
    return money.get(account, "/v1/payment_intents/" + paymentIntent + "?expand[]=latest_charge").get("latest_charge");
  }

  @Test
  void theGuidesCheckoutPaidByCardIsBookedWithBothFees() {
    String account = money.usAccount();
    long platformBefore = money.pending(money.platform(), "eur");
    JsonNode charge = pay(account, session(account, 10_000, "eur", 123L), Map.of("payment_method", "pm_card_visa"));

    assertThat(charge.get("application").asText()).startsWith("ca_");
    assertThat(money.pending(account, "eur")).isEqualTo(9_557);
    assertThat(money.pending(money.platform(), "eur") - platformBefore).isEqualTo(123);
    JsonNode expanded = money.get(account, "/v1/charges/" + charge.get("id").asText()
        + "?expand[]=balance_transaction&expand[]=application_fee");
    assertThat(expanded.at("/balance_transaction/fee_details").findValuesAsText("type")).containsExactly("stripe_fee", "application_fee");
    assertThat(expanded.at("/balance_transaction/fee_details/0/amount").asLong()).isEqualTo(320);
    assertThat(expanded.at("/application_fee/amount").asLong()).isEqualTo(123);
    assertThat(money.get(money.platform(), "/v1/application_fees?charge=" + charge.get("id").asText()).get("data")).hasSize(1);
  }

  @Test
  void theBypassPendingCardMakesTheFundsAvailableAtOnce() {
    String account = money.usAccount();
    JsonNode charge = pay(account, session(account, 5_000, "usd", null), Map.of("payment_method", "pm_card_bypassPending"));
    assertThat(charge.get("application_fee").isNull()).isTrue();
    assertThat(money.available(account, "usd")).isEqualTo(5_000 - 175); // 2.9% of 5000 = 145, + 30
    assertThat(money.pending(account, "usd")).isZero();
  }

  @Test
  void theFraudulentDisputeCardWithdrawsTheAmountAndTheDisputeFee() {
    String account = money.usAccount();
    JsonNode charge = pay(account, session(account, 10_000, "usd", 123L), Map.of("payment_method", "pm_card_createDispute"));
    assertThat(charge.get("disputed").asBoolean()).isTrue();
    JsonNode dispute = money.get(account, "/v1/disputes?charge=" + charge.get("id").asText()).at("/data/0");
    assertThat(dispute.get("reason").asText()).isEqualTo("fraudulent");
    assertThat(dispute.get("status").asText()).isEqualTo("needs_response");
    assertThat(dispute.at("/balance_transactions/0/net").asLong()).isEqualTo(-10_000 - 1_500);
    assertThat(money.pending(account, "usd")).isEqualTo(9_557);
    assertThat(money.available(account, "usd")).isEqualTo(-11_500);
  }

  @Test
  void aSepaDebitIsBookedWhenItSettlesAsAPaymentFromABank() {
    String account = money.frAccount();
    StripeHttp shop = money.as(account);
    String config = shop.get("/v1/payment_method_configurations").json().at("/data/0/id").asText();
    assertThat(shop.post("/v1/payment_method_configurations/" + config, Map.of("sepa_debit[display_preference][preference]", "on"))
        .status()).isEqualTo(200);
    String session = session(account, 4_000, "eur", 100L);
    StripeHttp.Response submitted = shop.post("/v1/test_helpers/checkout/sessions/" + session + "/pay", Map.of(
        "payment_method_data[type]", "sepa_debit", "payment_method_data[sepa_debit][iban]", "DE89370400440532013000"));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
    String paymentIntent = submitted.json().get("payment_intent").asText();
    assertThat(latestCharge(account, paymentIntent).get("balance_transaction").isNull()).isTrue();
    assertThat(money.pending(account, "eur")).isZero();

    money.advanceSeconds(4 * Money.DAY_SECONDS);
    JsonNode charge = latestCharge(account, paymentIntent);
    assertThat(charge.get("status").asText()).isEqualTo("succeeded");
    JsonNode bt = money.get(account, "/v1/balance_transactions/" + charge.get("balance_transaction").asText());
    assertThat(bt.get("type").asText()).isEqualTo("payment");
    assertThat(bt.at("/fee_details/0/amount").asLong()).isEqualTo(35);
    JsonNode pending = money.balance(account).get("pending").get(0);
    assertThat(pending.at("/source_types/bank_account").asLong() + money.available(account, "eur")).isEqualTo(4_000 - 35 - 100);
  }
}

package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.AuditedProcessor;
import com.comptoir.processor.testing.InOwnSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The money of the guide's checkout (request 3: 10000 EUR cents with a 123 application fee) on a
 * US connected account paid with a US card (2.9% + 30 = 320): pending, available, paid out,
 * received by the banks; and a refund that gives the fee back.
 */
@InOwnSandbox
class DirectChargeMoneyTest {
  @RegisterExtension
  static final AuditedProcessor processor = AuditedProcessor.sandbox();
  private final Money money = new Money(processor);

  @Test
  void theGuidesCheckoutIsPendingThenAvailableThenPaidOutAndBothBalancesReturnToZero() {
    String account = money.usAccount();
    money.addIban(account, "eur", "DE89370400440532013000");
    String platform = money.platform();
    money.addIban(platform, "eur", "FR1420041010050500013M02606");
    long platformPendingBefore = money.pending(platform, "eur");
    long banksBefore = outside("banks", "eur");

    JsonNode charge = money.charge(account, Money.Payment.card(10_000, "eur", 123L));

    assertThat(money.pending(account, "eur")).isEqualTo(10_000 - 320 - 123);
    assertThat(money.available(account, "eur")).isZero();
    assertThat(money.pending(platform, "eur") - platformPendingBefore).isEqualTo(123);

    JsonNode bt = money.get(account, "/v1/balance_transactions/" + charge.get("balance_transaction").asText());
    assertThat(bt.get("type").asText()).isEqualTo("charge");
    assertThat(bt.get("reporting_category").asText()).isEqualTo("charge");
    assertThat(bt.get("source").asText()).isEqualTo(charge.get("id").asText());
    assertThat(bt.get("amount").asLong()).isEqualTo(10_000);
    assertThat(bt.get("fee").asLong()).isEqualTo(443);
    assertThat(bt.get("net").asLong()).isEqualTo(9_557);
    assertThat(bt.get("status").asText()).isEqualTo("pending");
    assertThat(bt.at("/fee_details/0/type").asText()).isEqualTo("stripe_fee");
    assertThat(bt.at("/fee_details/0/amount").asLong()).isEqualTo(320);
    assertThat(bt.at("/fee_details/1/type").asText()).isEqualTo("application_fee");
    assertThat(bt.at("/fee_details/1/amount").asLong()).isEqualTo(123);
    assertThat(bt.at("/fee_details/1/application").asText()).startsWith("ca_");
    long availableOn = bt.get("available_on").asLong();
    assertThat(availableOn % Money.DAY_SECONDS).as("00:00 UTC").isZero();
    assertThat(availableOn).isGreaterThan(money.now());

    String feeId = charge.get("application_fee").asText();
    JsonNode fee = money.get(platform, "/v1/application_fees/" + feeId);
    assertThat(fee.get("amount").asLong()).isEqualTo(123);
    assertThat(fee.get("account").asText()).isEqualTo(account);
    assertThat(fee.get("charge").asText()).isEqualTo(charge.get("id").asText());
    JsonNode feeBt = money.get(platform, "/v1/balance_transactions/" + fee.get("balance_transaction").asText());
    assertThat(feeBt.get("type").asText()).isEqualTo("application_fee");
    assertThat(feeBt.get("net").asLong()).isEqualTo(123);
    assertThat(money.get(platform, "/v1/events?type=application_fee.created&limit=1").at("/data/0/data/object/id").asText())
        .isEqualTo(feeId);

    // The day the funds become available, they are paid out.
    long daysToAvailable = (availableOn - money.now() + Money.DAY_SECONDS - 1) / Money.DAY_SECONDS;
    money.advanceToDay((int) daysToAvailable);
    assertThat(money.get(account, "/v1/balance_transactions/" + bt.get("id").asText()).get("status").asText()).isEqualTo("available");
    JsonNode available = money.get(account, "/v1/events?type=balance.available&limit=1").at("/data/0/data/object/available");
    assertThat(available.findValuesAsText("currency")).contains("eur");
    JsonNode payout = money.get(account, "/v1/payouts?limit=1").at("/data/0");
    assertThat(payout.get("amount").asLong()).isEqualTo(9_557);
    assertThat(payout.get("currency").asText()).isEqualTo("eur");
    assertThat(payout.get("automatic").asBoolean()).isTrue();
    assertThat(money.available(account, "eur")).isZero();
    assertThat(money.pending(account, "eur")).isZero();

    // It arrives the next business day; the banks have both.
    money.advanceToDay(4);
    payout = money.get(account, "/v1/payouts/" + payout.get("id").asText());
    assertThat(payout.get("status").asText()).isEqualTo("paid");
    JsonNode paidOut = money.get(account, "/v1/balance_transactions?payout=" + payout.get("id").asText());
    assertThat(paidOut.get("data").findValuesAsText("id")).contains(bt.get("id").asText(), payout.get("balance_transaction").asText());
    assertThat(money.available(account, "eur")).isZero();
    assertThat(money.pending(account, "eur")).isZero();
    assertThat(money.pending(platform, "eur")).isZero();
    assertThat(money.available(platform, "eur")).isZero();
    assertThat(outside("banks", "eur") - banksBefore).isEqualTo(9_557 + 123);
  }

  @Test
  void aFullRefundWithTheApplicationFeeGivesTheCustomerEverythingAndTheFeeBack() {
    String account = money.usAccount();
    String platform = money.platform();
    long platformBefore = money.pending(platform, "eur") + money.available(platform, "eur");
    JsonNode charge = money.charge(account, Money.Payment.card(10_000, "eur", 123L));

    var r = money.as(account).post("/v1/refunds", Map.of("charge", charge.get("id").asText(), "refund_application_fee", "true"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode refund = r.json();
    assertThat(refund.get("amount").asLong()).isEqualTo(10_000);
    assertThat(refund.get("status").asText()).isEqualTo("succeeded");
    JsonNode refundBt = money.get(account, "/v1/balance_transactions/" + refund.get("balance_transaction").asText());
    assertThat(refundBt.get("type").asText()).isEqualTo("refund");
    assertThat(refundBt.get("amount").asLong()).isEqualTo(-10_000);
    assertThat(refundBt.get("fee").asLong()).isEqualTo(-123);
    assertThat(refundBt.get("net").asLong()).isEqualTo(-9_877);

    // The account keeps only the processing fee's loss; the platform is back where it was.
    assertThat(money.pending(account, "eur") + money.available(account, "eur")).isEqualTo(-320);
    assertThat(money.pending(platform, "eur") + money.available(platform, "eur")).isEqualTo(platformBefore);
    JsonNode fee = money.get(platform, "/v1/application_fees/" + charge.get("application_fee").asText());
    assertThat(fee.get("refunded").asBoolean()).isTrue();
    assertThat(fee.get("amount_refunded").asLong()).isEqualTo(123);
    assertThat(fee.at("/refunds/data/0/object").asText()).isEqualTo("fee_refund");
    JsonNode refunded = money.get(account, "/v1/events?type=charge.refunded&limit=1").at("/data/0/data/object");
    assertThat(refunded.get("refunded").asBoolean()).isTrue();
    assertThat(refunded.get("amount_refunded").asLong()).isEqualTo(10_000);
  }

  private long outside(String bucket, String currency) {
    for (JsonNode total : processor.audit().get("totals")) {
      if ("outside".equals(total.get("account").asText()) && bucket.equals(total.get("bucket").asText())
          && currency.equals(total.get("currency").asText())) {
        return total.get("amount").asLong();
      }
    }
    return 0;
  }
}

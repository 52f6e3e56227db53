package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.AuditedProcessor;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Disputes on the connected account (fact sheet §7.5), decided by Stripe's test evidence. */
@InOwnSandbox
class DisputesTest {
  @RegisterExtension
  static final AuditedProcessor processor = AuditedProcessor.sandbox();
  private final Money money = new Money(processor);

  private JsonNode disputeOf(String account, JsonNode charge) {
    return money.get(account, "/v1/disputes?charge=" + charge.get("id").asText()).at("/data/0");
  }

  private JsonNode submit(String account, String dispute, String evidence) {
    StripeHttp.Response r = money.as(account).post("/v1/disputes/" + dispute, Map.of("evidence[uncategorized_text]", evidence));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void winningEvidenceGivesBackTheAmountAndTheFee() {
    String account = money.usAccount();
    JsonNode charge = money.disputedCharge(account, Money.Payment.card(10_000, "usd", null), "fraudulent", false);
    long total = money.pending(account, "usd") + money.available(account, "usd");
    assertThat(total).isEqualTo(10_000 - 320 - 10_000 - 1_500);
    JsonNode dispute = disputeOf(account, charge);
    assertThat(dispute.at("/balance_transactions/0/reporting_category").asText()).isEqualTo("dispute");
    assertThat(dispute.at("/balance_transactions/0/fee_details/0/amount").asLong()).isEqualTo(1_500);
    assertThat(dispute.get("is_charge_refundable").asBoolean()).isFalse();
    assertThat(money.get(account, "/v1/events?type=charge.dispute.funds_withdrawn").get("data")).isNotEmpty();

    JsonNode submitted = submit(account, dispute.get("id").asText(), "winning_evidence");
    assertThat(submitted.get("status").asText()).isEqualTo("under_review");
    assertThat(submitted.at("/evidence_details/submission_count").asInt()).isEqualTo(1);
    assertThat(submitted.at("/evidence_details/has_evidence").asBoolean()).isTrue();
    money.advanceSeconds(61);

    JsonNode won = money.get(account, "/v1/disputes/" + dispute.get("id").asText());
    assertThat(won.get("status").asText()).isEqualTo("won");
    assertThat(won.at("/balance_transactions/1/reporting_category").asText()).isEqualTo("dispute_reversal");
    assertThat(won.at("/balance_transactions/1/net").asLong()).isEqualTo(11_500);
    assertThat(money.pending(account, "usd") + money.available(account, "usd")).isEqualTo(10_000 - 320);
    assertThat(money.get(account, "/v1/events?type=charge.dispute.funds_reinstated").get("data")).isNotEmpty();
    assertThat(money.get(account, "/v1/events?type=charge.dispute.closed&limit=1").at("/data/0/data/object/status").asText())
        .isEqualTo("won");
  }

  @Test
  void losingEvidenceLosesItAndClosingAcceptsTheLoss() {
    String account = money.usAccount();
    JsonNode lostCharge = money.disputedCharge(account, Money.Payment.card(2_000, "usd", null), "product_not_received", false);
    String lost = disputeOf(account, lostCharge).get("id").asText();
    submit(account, lost, "losing_evidence");
    money.advanceSeconds(61);
    assertThat(money.get(account, "/v1/disputes/" + lost).get("status").asText()).isEqualTo("lost");

    JsonNode acceptedCharge = money.disputedCharge(account, Money.Payment.card(2_000, "usd", null), "fraudulent", false);
    String accepted = disputeOf(account, acceptedCharge).get("id").asText();
    JsonNode closed = money.as(account).post("/v1/disputes/" + accepted + "/close", Map.of()).json();
    assertThat(closed.get("status").asText()).isEqualTo("lost");
    StripeHttp.Response late = money.as(account).post("/v1/disputes/" + accepted, Map.of("evidence[product_description]", "A hat"));
    assertThat(late.status()).isEqualTo(400);
    assertThat(money.as(account).post("/v1/disputes/" + accepted + "/close", Map.of()).status()).isEqualTo(400);
    assertThat(money.pending(account, "usd") + money.available(account, "usd")).isEqualTo(2 * (2_000 - 88 - 2_000 - 1_500));
    StripeHttp.Response refund = money.as(account).post("/v1/refunds", Map.of("charge", acceptedCharge.get("id").asText()));
    assertThat(refund.json().at("/error/code").asText()).isEqualTo("charge_disputed");
  }

  @Test
  void anInquiryMovesNoMoneyUntilItIsEscalated() {
    String account = money.usAccount();
    JsonNode charge = money.disputedCharge(account, Money.Payment.card(5_000, "usd", null), "general", true);
    JsonNode inquiry = disputeOf(account, charge);
    assertThat(inquiry.get("status").asText()).isEqualTo("warning_needs_response");
    assertThat(inquiry.get("balance_transactions")).isEmpty();
    assertThat(money.pending(account, "usd") + money.available(account, "usd")).isEqualTo(5_000 - 175);

    assertThat(submit(account, inquiry.get("id").asText(), "escalate_inquiry_evidence").get("status").asText())
        .isEqualTo("warning_under_review");
    money.advanceSeconds(61);
    JsonNode escalated = money.get(account, "/v1/disputes/" + inquiry.get("id").asText());
    assertThat(escalated.get("status").asText()).isEqualTo("needs_response");
    assertThat(escalated.at("/balance_transactions/0/net").asLong()).isEqualTo(-6_500);
  }

  @Test
  void anUnansweredDisputeIsLostWhenItsEvidenceIsDue() {
    String account = money.usAccount();
    JsonNode charge = money.disputedCharge(account, Money.Payment.card(1_000, "usd", null), "fraudulent", false);
    JsonNode dispute = disputeOf(account, charge);
    long dueBy = dispute.at("/evidence_details/due_by").asLong();
    assertThat(dueBy).isGreaterThan(money.now() + 6 * Money.DAY_SECONDS);
    money.advanceSeconds(dueBy - money.now() + 1);
    JsonNode lost = money.get(account, "/v1/disputes/" + dispute.get("id").asText());
    assertThat(lost.get("status").asText()).isEqualTo("lost");
    assertThat(lost.at("/evidence_details/past_due").asBoolean()).isTrue();
  }

  @Test
  void evidenceCanBeStagedThenSubmittedAndDisputesAreTheAccountsOwn() {
    String account = money.usAccount();
    JsonNode charge = money.disputedCharge(account, Money.Payment.card(1_000, "usd", null), "fraudulent", false);
    String id = disputeOf(account, charge).get("id").asText();
    JsonNode staged = money.as(account).post("/v1/disputes/" + id,
        Map.of("evidence[customer_name]", "Jenny Rosen", "submit", "false", "metadata[case]", "7")).json();
    assertThat(staged.get("status").asText()).isEqualTo("needs_response");
    assertThat(staged.at("/evidence/customer_name").asText()).isEqualTo("Jenny Rosen");
    assertThat(staged.at("/evidence_details/submission_count").asInt()).isZero();
    assertThat(money.get(account, "/v1/events?type=charge.dispute.updated&limit=1").at("/data/0/data/previous_attributes/evidence/customer_name")
        .isNull()).isTrue();
    JsonNode submitted = money.as(account).post("/v1/disputes/" + id, Map.of("submit", "true")).json();
    assertThat(submitted.get("status").asText()).isEqualTo("under_review");
    assertThat(money.as(money.usAccount()).get("/v1/disputes/" + id).status()).isEqualTo(404);
    assertThat(money.get(account, "/v1/disputes/" + id + "?expand[]=charge").at("/charge/disputed").asBoolean()).isTrue();
  }
}

package com.comptoir.processor.dashboard;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A business's payments over real HTTP: the list and its filter, a payment's page, and refunds made from it. */
class BusinessPaymentsTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  @Test
  void aPaymentsPageShowsItsFeesAndNetAndThePartialRefundMadeThere() {
    String account = BusinessFixture.expressShop(processor, "US", "Hat Shop");
    JsonNode charge = BusinessFixture.pay(http, account, 10_000, "usd", "pm_card_visa");
    String id = charge.get("id").asText();
    JsonNode txn = http.header("Stripe-Account", account).get("/v1/balance_transactions/" + charge.get("balance_transaction").asText()).json();
    DashboardVisitor holder = new DashboardVisitor(processor);
    holder.signIn(http, account);

    assertThat(holder.get("/dashboard/business/payments").body()).contains("href=\"/dashboard/business/payments/" + id + "\"");
    assertThat(holder.get("/dashboard/business/payments?status=failed").body()).contains("No payments match.").doesNotContain(id);
    Page page = holder.get("/dashboard/business/payments/" + id);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>Payment of $100.00</h1>", "<dd class=\"fee\">" + BusinessLinks.money(txn.get("fee").asLong(), "usd") + "</dd>",
        "<dd class=\"net\">" + BusinessLinks.money(txn.get("net").asLong(), "usd") + "</dd>", "Visa •••• 4242", "Up to $100.00", "value=\"100.00\"");

    Page tooMuch = holder.post("/dashboard/business/payments/" + id + "/refund",
        List.of(entry("csrf", page.csrf()), entry("amount", "150.00"), entry("reason", "requested_by_customer")));
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.body()).contains("The refund was not made", "is greater than unrefunded amount on charge ($100.00)",
        "value=\"150.00\"", "<option value=\"requested_by_customer\" selected>");
    Page nonsense = holder.post("/dashboard/business/payments/" + id + "/refund",
        List.of(entry("csrf", page.csrf()), entry("amount", "12.345"), entry("reason", "duplicate")));
    assertThat(nonsense.status()).isEqualTo(400);
    assertThat(nonsense.body()).contains("Enter an amount above zero, like 12.55, with at most 2 decimals.", "value=\"12.345\"");
    assertThat(http.header("Stripe-Account", account).get("/v1/charges/" + id).json().get("amount_refunded").asLong()).isZero();

    Page made = holder.post("/dashboard/business/payments/" + id + "/refund",
        List.of(entry("csrf", page.csrf()), entry("amount", "25.00"), entry("reason", "requested_by_customer")));
    assertThat(made.status()).as(made.body()).isEqualTo(303);
    Page after = holder.get(made.header("Location"));
    assertThat(after.body()).contains("is made.", "Partially refunded", "<tr class=\"refund\"><td>$25.00</td><td>succeeded</td><td>Requested by customer</td>",
        "Up to $75.00");

    JsonNode refunds = http.header("Stripe-Account", account).get("/v1/refunds?charge=" + id).json().get("data");
    assertThat(refunds).hasSize(1);
    assertThat(refunds.get(0).get("amount").asLong()).isEqualTo(2_500);
    assertThat(refunds.get(0).get("reason").asText()).isEqualTo("requested_by_customer");
    JsonNode event = http.header("Stripe-Account", account).get("/v1/events?type=charge.refunded").json().at("/data/0/data/object");
    assertThat(event.get("id").asText()).isEqualTo(id);
    assertThat(event.get("amount_refunded").asLong()).isEqualTo(2_500);
    assertThat(holder.get("/dashboard/business/payments?status=refunded").body()).contains(id);
  }

  @Test
  void aRefundWithoutTheFormsTokenIsRefusedAndAnotherAccountsPaymentIsNotFound() {
    String account = BusinessFixture.expressShop(processor, "US", "Hat Shop");
    String other = BusinessFixture.expressShop(processor, "US", "Other Shop");
    String id = BusinessFixture.pay(http, account, 5_000, "usd", "pm_card_visa").get("id").asText();
    String theirs = BusinessFixture.pay(http, other, 5_000, "usd", "pm_card_visa").get("id").asText();
    DashboardVisitor holder = new DashboardVisitor(processor);
    String csrf = holder.signIn(http, account).csrf();

    Page forged = holder.post("/dashboard/business/payments/" + id + "/refund", List.of(entry("csrf", "x"), entry("amount", "10.00")));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(holder.get("/dashboard/business/payments/" + theirs).status()).isEqualTo(404);
    Page notMine = holder.post("/dashboard/business/payments/" + theirs + "/refund", List.of(entry("csrf", csrf), entry("amount", "10.00")));
    assertThat(notMine.status()).isEqualTo(404);
    assertThat(http.header("Stripe-Account", account).get("/v1/charges/" + id).json().get("amount_refunded").asLong()).isZero();
    assertThat(http.header("Stripe-Account", other).get("/v1/charges/" + theirs).json().get("amount_refunded").asLong()).isZero();
  }
}

package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A business's payouts over real HTTP: the list with arrival dates, and a payout's page with the transactions it paid out. */
@ResourceLock(InOwnSandbox.DEFAULT_CLOCK) // moves the shared processor's clock: alone, not under other classes' sessions
class BusinessPayoutsTest {
  private static final long DAY_SECONDS = 86_400;
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  @Test
  void anAutomaticPayoutsPageListsThePaymentsItPaidOut() {
    String account = BusinessFixture.expressShop(processor, "US", "Payout Hats");
    String first = BusinessFixture.pay(http, account, 4_000, "usd", "pm_card_visa").get("id").asText();
    String second = BusinessFixture.pay(http, account, 6_000, "usd", "pm_card_visa").get("id").asText();
    StripeHttp.Response advanced = http.post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(6 * DAY_SECONDS)));
    assertThat(advanced.status()).as(advanced.body()).isEqualTo(200);
    StripeHttp shop = http.header("Stripe-Account", account);
    JsonNode payout = shop.get("/v1/payouts").json().at("/data/0");
    String id = payout.get("id").asText();

    DashboardVisitor holder = new DashboardVisitor(processor);
    holder.signIn(http, account);
    String list = holder.get("/dashboard/business/payouts").body();
    assertThat(list).contains("href=\"/dashboard/business/payouts/" + id + "\"", BusinessLinks.money(payout.get("amount").asLong(), "usd"),
        BusinessLinks.day(payout.get("arrival_date").asLong()));
    assertThat(holder.get("/dashboard/business/payouts?status=failed").body()).contains("No payouts match.");

    String page = holder.get("/dashboard/business/payouts/" + id).body();
    assertThat(page).contains("<h1>Payout of " + BusinessLinks.money(payout.get("amount").asLong(), "usd") + "</h1>",
        "href=\"/dashboard/business/payments/" + first + "\"", "href=\"/dashboard/business/payments/" + second + "\"",
        "Automatic, on your payout schedule");
    JsonNode paidOut = shop.get("/v1/balance_transactions?payout=" + id + "&limit=100").json().get("data");
    for (JsonNode txn : paidOut) {
      assertThat(page).contains("<code>" + txn.get("id").asText() + "</code>");
    }
    assertThat(page.split("<tr class=\"txn\">", -1)).hasSize(paidOut.size() + 1);
    assertThat(new DashboardVisitor(processor).get("/dashboard/business/payouts/" + id).status()).isEqualTo(401);
  }
}

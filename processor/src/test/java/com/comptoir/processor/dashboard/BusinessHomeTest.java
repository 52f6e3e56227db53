package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A business's Dashboard home over real HTTP: its balance, its next payout, its latest payments. */
@ResourceLock(InOwnSandbox.DEFAULT_CLOCK) // moves the shared processor's clock: alone, not under other classes' sessions
class BusinessHomeTest {
  private static final Pattern NEXT = Pattern.compile("</strong> on (\\d{4}-\\d{2}-\\d{2}), arriving in your bank on (\\d{4}-\\d{2}-\\d{2})");
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  @Test
  void homeShowsTheBalanceTheNextPayoutAndTheLatestPayments() {
    String account = BusinessFixture.expressShop(processor, "US", "Ada's Hats");
    JsonNode charge = BusinessFixture.pay(http, account, 10_000, "usd", "pm_card_visa");
    JsonNode txn = http.header("Stripe-Account", account).get("/v1/balance_transactions/" + charge.get("balance_transaction").asText()).json();
    long net = txn.get("net").asLong();

    Page home = new DashboardVisitor(processor).signIn(http, account);
    assertThat(home.body()).contains("<h1>Ada's Hats</h1>")
        .contains("<td class=\"available\">$0.00</td><td class=\"pending\">" + BusinessLinks.money(net, "usd") + "</td>")
        .contains("<strong>" + BusinessLinks.money(net, "usd") + "</strong> on ")
        .contains("href=\"/dashboard/business/payments/" + charge.get("id").asText() + "\"")
        .contains("$100.00", "Succeeded", "Visa •••• 4242", "jenny@example.com");

    // What the home page announced is what the ledger does when the clock gets there.
    Matcher next = NEXT.matcher(home.body());
    assertThat(next.find()).isTrue();
    long payoutDay = LocalDate.parse(next.group(1)).toEpochDay() * 86_400;
    long now = http.get("/v1/test_helpers/clock").json().get("now").asLong();
    StripeHttp.Response advanced = http.post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(payoutDay + 60 - now)));
    assertThat(advanced.status()).as(advanced.body()).isEqualTo(200);
    JsonNode payout = http.header("Stripe-Account", account).get("/v1/payouts").json().at("/data/0");
    assertThat(payout.get("amount").asLong()).isEqualTo(net);
    assertThat(payout.get("created").asLong() / 86_400).isEqualTo(payoutDay / 86_400);
    assertThat(LocalDate.ofEpochDay(payout.get("arrival_date").asLong() / 86_400).toString()).isEqualTo(next.group(2));
  }

  @Test
  void manualPayoutsMeanNoNextPayout() {
    String account = BusinessFixture.expressShop(processor, "US", "Manual Hats");
    StripeHttp.Response r = http.post("/v1/accounts/" + account, Map.of("settings[payouts][schedule][interval]", "manual"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    BusinessFixture.pay(http, account, 5_000, "usd", "pm_card_visa");

    String home = new DashboardVisitor(processor).signIn(http, account).body();
    assertThat(home).contains("No payout is coming").doesNotContain("class=\"next-payout\"");
  }

  @Test
  void thePlatformsOwnLoginDoesNotOpenABusinessPage() {
    String account = BusinessFixture.expressShop(processor, "US", "Hats");
    DashboardVisitor holder = new DashboardVisitor(processor);
    holder.signIn(http, account);
    assertThat(holder.get("/dashboard/business/settings").status()).isEqualTo(200);
    assertThat(new DashboardVisitor(processor).get("/dashboard/business/settings").status()).isEqualTo(401);
  }
}

package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.PlatformSettings;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who changes the payout schedule, by account type (fact sheet §3.4, §7.7): a Custom account's
 * merchant does it on the platform's Payouts page, which sends it to Stripe and shows Stripe's
 * refusal with what was typed; an Express account's merchant is signed into the Express Dashboard
 * at once through a login link. Over HTTP against the processor.
 */
class PayoutScheduleByAccountTypeTest {

  private static String signUp(Stack stack, Visitor merchant, String storeName) {
    String email = "schedule+" + System.nanoTime() + "@example.com";
    assertThat(merchant.signUp(email, storeName).location()).isEqualTo("/onboarding/start");
    return stack.platformJdbi.withHandle(h -> h.createQuery(
            "SELECT s.account_id FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e")
        .bind("e", email).mapTo(String.class).one());
  }

  private static JsonObject schedule(Stack stack, String accountId) {
    return JsonParser.parseString(stack.stripeGet("/v1/accounts/" + accountId, null)).getAsJsonObject()
        .getAsJsonObject("settings").getAsJsonObject("payouts").getAsJsonObject("schedule");
  }

  @Test
  void aCustomMerchantChangesTheScheduleHereAndSeesStripesRefusalWithWhatTheyTyped() {
    Stack stack = Stack.customAccounts();
    Visitor merchant = new Visitor(stack);
    String account = signUp(stack, merchant, "Weekly Wares");
    String page = merchant.get("/payouts").body();
    assertThat(page).contains("<dd id=\"schedule-summary\">Daily</dd>").contains("action=\"/payouts/schedule\"")
        .contains("<option value=\"daily\" selected>Daily</option>").contains("name=\"delay_days\" type=\"text\" value=\"2\"")
        .doesNotContain("Open your Stripe Dashboard").doesNotContain("Open your Express Dashboard");

    Visitor.Page saved = merchant.post("/payouts/schedule",
        Map.of("interval", "weekly", "weekly_anchor", "friday", "monthly_anchor", "1", "delay_days", "2"));
    assertThat(saved.status()).isEqualTo(303);
    assertThat(saved.location()).startsWith("/payouts?saved=schedule");
    assertThat(merchant.get(saved.location()).body()).contains("Your payout schedule is saved.")
        .contains("<dd id=\"schedule-summary\">Weekly, on Fridays</dd>").contains("<option value=\"friday\" selected>Friday</option>");
    JsonObject onStripe = schedule(stack, account);
    assertThat(onStripe.get("interval").getAsString()).isEqualTo("weekly");
    assertThat(onStripe.get("weekly_anchor").getAsString()).isEqualTo("friday");
    assertThat(onStripe.get("delay_days").getAsLong()).isEqualTo(2);

    // A day of the month Stripe does not have: its message, by the field, with everything as typed.
    Visitor.Page refused = merchant.post("/payouts/schedule",
        Map.of("interval", "monthly", "weekly_anchor", "friday", "monthly_anchor", "32", "delay_days", "3"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).containsPattern("id=\"monthly_anchor-error\">[^<]*less than or equal to 31")
        .contains("name=\"monthly_anchor\" type=\"text\" value=\"32\"").contains("name=\"delay_days\" type=\"text\" value=\"3\"")
        .contains("<option value=\"monthly\" selected>Monthly</option>")
        .as("the page still shows the schedule Stripe has").contains("<dd id=\"schedule-summary\">Weekly, on Fridays</dd>");
    assertThat(schedule(stack, account).get("interval").getAsString()).isEqualTo("weekly");

    // Something stripe-java cannot send at all is refused here, also keeping what was typed.
    Visitor.Page typo = merchant.post("/payouts/schedule", Map.of("interval", "monthly", "monthly_anchor", "the 5th", "delay_days", "2"));
    assertThat(typo.status()).isEqualTo(422);
    assertThat(typo.body()).contains("Enter the day of the month as a number, from 1 to 31.").contains("value=\"the 5th\"");
  }

  @Test
  void anExpressMerchantIsSignedIntoTheirExpressDashboardAtOnce() {
    try (Stack stack = Stack.fresh(s -> s.withAccountType(Optional.of(PlatformSettings.AccountType.EXPRESS)))) {
      Visitor merchant = new Visitor(stack);
      String account = signUp(stack, merchant, "Express Emporium");
      String page = merchant.get("/payouts").body();
      assertThat(page).contains("<dd id=\"schedule-summary\">Daily</dd>").contains("action=\"/payouts/express-dashboard\"")
          .doesNotContain("action=\"/payouts/schedule\"").doesNotContain("Open your Stripe Dashboard");

      Visitor.Page sent = merchant.post("/payouts/express-dashboard", Map.of());
      assertThat(sent.status()).isEqualTo(303);
      assertThat(sent.location()).startsWith(stack.processor.url() + "/dashboard/" + account + "/login/");
      HostedPages holder = new HostedPages(stack);
      HostedPages.Page dashboard = holder.open(sent.location());
      assertThat(dashboard.url()).isEqualTo(stack.processor.url() + "/dashboard");
      assertThat(dashboard.status()).isEqualTo(200);
      assertThat(dashboard.body()).contains("<h1>Express Emporium</h1>").contains("Express").contains("Payout schedule");

      // The link was a bearer credential for one use: it opens nothing a second time.
      assertThat(new HostedPages(stack).open(sent.location()).status()).isEqualTo(401);
      // And a new one is made for each request.
      assertThat(merchant.post("/payouts/express-dashboard", Map.of()).location()).isNotEqualTo(sent.location());
    }
  }
}

package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Step 5 of the guide, as a Standard account's merchant sees it on the platform's Payouts page:
 * a sale's funds pending (the amount less Stripe's fee and the platform's application fee, as
 * Stripe's balance transaction says), available once the processor clock passes their
 * {@code available_on}, then paid out to the bank on the schedule the holder chose in their own
 * Stripe Dashboard, which the page links to. The platform itself cannot change that schedule, and
 * no other merchant sees any of it. Over HTTP against the processor, on a stack of its own: the
 * test moves the processor's clock days ahead, and the platform's fees and balance would show in
 * other tests' views of the platform account.
 */
class StandardPayoutsTest {
  private static Stack stack;
  private static final String DASHBOARD_PASSWORD = "honey money 2741 jars";
  private static final Pattern DASHBOARD_LINK = Pattern.compile("<a class=\"button\" href=\"([^\"]+)\"[^>]*>Open your Stripe Dashboard</a>");
  private static final long DAY_SECONDS = 86_400;

  private static JsonObject json(String body) {
    return JsonParser.parseString(body).getAsJsonObject();
  }

  /** 4700 in USD is "47.00 USD", written out here rather than by the platform's own formatter. */
  private static String usd(long minor) {
    return String.format(Locale.ROOT, "%s%d.%02d USD", minor < 0 ? "-" : "", Math.abs(minor) / 100, Math.abs(minor) % 100);
  }

  private static String interval(String accountId) {
    return json(stack.stripeGet("/v1/accounts/" + accountId, null)).getAsJsonObject("settings").getAsJsonObject("payouts")
        .getAsJsonObject("schedule").get("interval").getAsString();
  }

  private static long processorNow() {
    return json(stack.stripeGet("/v1/test_helpers/clock", null)).get("now").getAsLong();
  }

  /** Moves the processor clock to {@code unixSeconds} (and runs what fell due on the way). */
  private static void advanceClockTo(long unixSeconds) {
    long by = unixSeconds - processorNow();
    assertThat(by).isPositive();
    stack.stripePost("/v1/test_helpers/clock/advance", null, "seconds=" + by);
  }

  @BeforeAll
  static void start() {
    stack = Stack.fresh(UnaryOperator.identity()); // Stripe's default account type: Standard
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aSaleIsPendingThenAvailableThenPaidOutOnTheHoldersScheduleAndNoOtherMerchantSeesIt() {
    Shops.Shop shop = Shops.openStandard(stack, "Payout Provisions", DASHBOARD_PASSWORD);
    Visitor merchant = shop.merchant();
    String before = merchant.get("/payouts").body();
    assertThat(before).contains("No payouts yet. Your first payout comes once customers have paid you.")
        .contains("Stripe pays out your available balance daily.")
        .contains("Funds from a card payment become available 2 business days after the payment.");

    // A customer buys a 50.00 jar on the storefront and pays on Stripe's hosted checkout.
    long jar = shop.addProduct("Jar of honey", "50.00");
    String session = new Shops.Customer(shop).checkout(Map.of(jar, 1));
    stack.payCheckoutSession(shop.accountId(), session);

    // Stripe's word for what the sale left the account: its balance transaction.
    JsonObject txn = json(stack.stripeGet("/v1/balance_transactions?type=charge", shop.accountId())).getAsJsonArray("data")
        .get(0).getAsJsonObject();
    long net = txn.get("net").getAsLong();
    long stripeFee = 0;
    long applicationFee = 0;
    for (var detail : txn.getAsJsonArray("fee_details")) {
      JsonObject d = detail.getAsJsonObject();
      switch (d.get("type").getAsString()) {
        case "stripe_fee" -> stripeFee += d.get("amount").getAsLong();
        case "application_fee" -> applicationFee += d.get("amount").getAsLong();
        default -> throw new AssertionError("unexpected fee " + d);
      }
    }
    assertThat(applicationFee).as("2.5% of 50.00 plus 0.30").isEqualTo(155);
    assertThat(stripeFee).isPositive();
    assertThat(net).isEqualTo(5000 - stripeFee - applicationFee);
    assertThat(txn.get("status").getAsString()).isEqualTo("pending");

    String pending = merchant.get("/payouts").body();
    assertThat(pending).contains("<td class=\"available\">" + usd(0) + "</td><td class=\"pending\">" + usd(net) + "</td>")
        .contains("Your funds are pending until Stripe makes them available.");

    // Standard: the holder's own Dashboard, at the processor's sign-in; the platform offers no schedule form.
    Matcher link = DASHBOARD_LINK.matcher(pending);
    assertThat(link.find()).as("an Open your Stripe Dashboard link").isTrue();
    assertThat(link.group(1)).isEqualTo(stack.processor.url() + "/dashboard/login");
    assertThat(pending).doesNotContain("action=\"/payouts/schedule\"").doesNotContain("Open your Express Dashboard");
    Visitor.Page forged = merchant.post("/payouts/schedule", Map.of("interval", "manual"));
    assertThat(forged.status()).isEqualTo(409);
    assertThat(forged.body()).contains("Your payout schedule is changed in your Stripe Dashboard, not here.");
    // As Stripe would have: it refuses the platform's writes to a Standard account's payout settings.
    assertThatThrownBy(() -> stack.stripePost("/v1/accounts/" + shop.accountId(), null, "settings[payouts][schedule][interval]=manual"))
        .hasMessageContaining("not_allowed_on_standard_account");
    assertThat(interval(shop.accountId())).isEqualTo("daily");

    // The holder signs in there and pays out weekly, on the day after the funds become available,
    // so that the available balance can be seen before it leaves.
    long availableOn = txn.get("available_on").getAsLong();
    DayOfWeek payoutDay = Instant.ofEpochSecond(availableOn + DAY_SECONDS).atZone(ZoneOffset.UTC).getDayOfWeek();
    String anchor = payoutDay.name().toLowerCase(Locale.ROOT);
    HostedPages holder = new HostedPages(stack);
    HostedPages.Page signIn = holder.open(link.group(1));
    HostedPages.Page dashboard = holder.submit(signIn, "/dashboard/login", Map.of("email", shop.email(), "password", DASHBOARD_PASSWORD));
    assertThat(dashboard.url()).isEqualTo(stack.processor.url() + "/dashboard");
    HostedPages.Page saved = holder.submit(dashboard, "/dashboard/payout_schedule",
        Map.of("interval", "weekly", "weekly_anchor", anchor, "monthly_anchor", "1", "delay_days", "2"));
    assertThat(saved.body()).contains("Your payout schedule is saved.");
    String weekly = "Weekly, on " + anchor.substring(0, 1).toUpperCase(Locale.ROOT) + anchor.substring(1) + "s";
    assertThat(merchant.get("/payouts").body()).contains(weekly);

    // The clock reaches available_on: the funds are available, not yet paid out.
    advanceClockTo(availableOn + 60);
    String available = merchant.get("/payouts").body();
    assertThat(available).contains("<td class=\"available\">" + usd(net) + "</td><td class=\"pending\">" + usd(0) + "</td>")
        .contains("You have funds available: they go out on the next payout day.")
        .doesNotContain("class=\"payout\"");

    // The payout day: Stripe pays the balance out; it is in transit, then paid on its arrival date.
    advanceClockTo(availableOn + DAY_SECONDS + 120);
    assertThat(merchant.get("/payouts").body()).contains("<td class=\"payout-status\">In transit</td>").contains(usd(net));
    JsonArray payouts = json(stack.stripeGet("/v1/payouts", shop.accountId())).getAsJsonArray("data");
    assertThat(payouts).hasSize(1);
    JsonObject payout = payouts.get(0).getAsJsonObject();
    assertThat(payout.get("amount").getAsLong()).isEqualTo(net);
    advanceClockTo(payout.get("arrival_date").getAsLong() + 60);
    String paid = merchant.get("/payouts").body();
    String arrival = Instant.ofEpochSecond(payout.get("arrival_date").getAsLong()).atZone(ZoneOffset.UTC).toLocalDate()
        .format(java.time.format.DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH));
    assertThat(paid).contains("<tr class=\"payout\"><td><a href=\"/payouts/" + payout.get("id").getAsString() + "\">" + arrival + "</a></td><td>" + usd(net)
            + "</td><td class=\"payout-status\">Paid</td><td>Standard</td></tr>")
        .contains("<td class=\"available\">" + usd(0) + "</td>");
    assertThat(json(stack.stripeGet("/v1/test_helpers/ledger/audit", null)).get("ok").getAsBoolean()).isTrue();

    // Another merchant sees none of it, whatever the address says.
    Visitor other = new Visitor(stack);
    other.signUp("other+" + System.nanoTime() + "@example.com", "Someone Else's");
    for (String path : new String[] {"/payouts", "/payouts?account=" + shop.accountId()}) {
      String theirs = other.get(path).body();
      assertThat(theirs).contains("No payouts yet").doesNotContain(usd(net)).doesNotContain(shop.accountId())
          .doesNotContain("class=\"payout\"").doesNotContain(weekly);
    }
  }
}

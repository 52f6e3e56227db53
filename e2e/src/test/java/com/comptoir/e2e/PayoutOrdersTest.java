package com.comptoir.e2e;

import com.comptoir.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A payout's page lists exactly the orders whose charges it paid out, as Stripe's
 * {@code GET /v1/balance_transactions?payout=} says (not an order paid after it, nor another
 * store's), with figures adding up to the payout's amount; the merchant is e-mailed when the
 * clock passes its arrival ({@code payout.paid}); a failed payout is explained in words. Over HTTP
 * against the processor.
 */
class PayoutOrdersTest {
  private static final Stack STACK = Stack.customAccounts();
  private static final Pattern ORDER_LINK = Pattern.compile("<tr class=\"payout-order\">\\s*<th scope=\"row\"><a href=\"/orders/(\\d+)\">");

  private static JsonObject json(String body) {
    return JsonParser.parseString(body).getAsJsonObject();
  }

  private static long processorNow() {
    return json(STACK.stripeGet("/v1/test_helpers/clock", null)).get("now").getAsLong();
  }

  private static void advanceClockTo(long unixSeconds) {
    long by = unixSeconds - processorNow();
    if (by > 0) {
      STACK.stripePost("/v1/test_helpers/clock/advance", null, "seconds=" + by);
    }
  }

  private static long paidOrder(Shops.Shop shop, long product) {
    String sessionId = new Shops.Customer(shop).checkout(Map.of(product, 1));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("payment_method", "pm_card_visa");
    fields.put("customer_email", "payouts+" + System.nanoTime() + "@example.com");
    STACK.payCheckoutSession(shop.accountId(), sessionId, fields);
    Await.until("the order is paid", () -> STACK.platformJdbi.withHandle(h -> h.createQuery(
        "SELECT status FROM orders WHERE checkout_session_id = :s").bind("s", sessionId).mapTo(String.class).one()).equals("paid"));
    return STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT id FROM orders WHERE checkout_session_id = :s")
        .bind("s", sessionId).mapTo(Long.class).one());
  }

  private static String mailsTo(String email) {
    List<String> mails = STACK.platformJdbi.withHandle(h -> h.createQuery(
        "SELECT subject || '\n' || body FROM mail_outbox WHERE recipient = :r ORDER BY id").bind("r", email).mapTo(String.class).list());
    return String.join("\n---\n", mails);
  }

  @Test
  void aPayoutListsExactlyTheOrdersItPaidOutAndItsArrivalIsMailed() {
    Shops.Shop shop = Shops.open(STACK, "Payout Pottery", "US");
    Shops.Shop other = Shops.open(STACK, "Other Pottery", "US");
    long bowl = shop.addProduct("Bowl", "20.00");
    long cup = other.addProduct("Cup", "20.00");
    long first = paidOrder(shop, bowl);
    long second = paidOrder(shop, bowl);
    paidOrder(other, cup);
    assertThat(mailsTo(shop.email())).contains("New order " + first + " at Payout Pottery: 20.00 USD")
        .contains("New order " + second + " at Payout Pottery: 20.00 USD");

    // The two sales become available, and the daily schedule pays them out the day after.
    JsonArray charges = json(STACK.stripeGet("/v1/balance_transactions?type=charge", shop.accountId())).getAsJsonArray("data");
    long availableOn = 0;
    for (var c : charges) {
      availableOn = Math.max(availableOn, c.getAsJsonObject().get("available_on").getAsLong());
    }
    advanceClockTo(availableOn + 60);
    // Six hours at a time, so the payout is seen in transit before it arrives; at most three days.
    for (int step = 0; step < 12 && json(STACK.stripeGet("/v1/payouts", shop.accountId())).getAsJsonArray("data").isEmpty(); step++) {
      STACK.advanceProcessorClock(java.time.Duration.ofHours(6));
    }
    JsonObject payout = json(STACK.stripeGet("/v1/payouts", shop.accountId())).getAsJsonArray("data").get(0).getAsJsonObject();
    String payoutId = payout.get("id").getAsString();
    assertThat(payout.get("status").getAsString()).isEqualTo("in_transit");
    long later = paidOrder(shop, bowl); // after the payout: not in it

    // Stripe's own list of what the payout carried: the two charges.
    JsonArray carried = json(STACK.stripeGet("/v1/balance_transactions?payout=" + payoutId, shop.accountId())).getAsJsonArray("data");
    long expectedTotal = 0;
    for (var t : carried) {
      if (!"payout".equals(t.getAsJsonObject().get("type").getAsString())) {
        expectedTotal += t.getAsJsonObject().get("net").getAsLong();
      }
    }
    assertThat(expectedTotal).isEqualTo(payout.get("amount").getAsLong());

    String payouts = shop.merchant().get("/payouts").body();
    assertThat(payouts).contains("href=\"/payouts/" + payoutId + "\"");
    String page = shop.merchant().get("/payouts/" + payoutId).body();
    List<Long> listed = new ArrayList<>();
    Matcher m = ORDER_LINK.matcher(page);
    while (m.find()) {
      listed.add(Long.parseLong(m.group(1)));
    }
    assertThat(listed).containsExactlyInAnyOrder(first, second).doesNotContain(later);
    assertThat(page).contains("<strong class=\"payout-total\">" + OrderEarningsTest.money(payout.get("amount").getAsLong(), "usd") + "</strong>");

    // Another merchant cannot open it: Stripe has no such payout on their account.
    assertThat(other.merchant().get("/payouts/" + payoutId).status()).isEqualTo(404);
    assertThat(mailsTo(shop.email())).doesNotContain("Your payout of");

    // The clock passes the arrival date: payout.paid, and the merchant's e-mail.
    advanceClockTo(payout.get("arrival_date").getAsLong() + 60);
    String amount = OrderEarningsTest.money(payout.get("amount").getAsLong(), "usd");
    Await.until("the payout e-mail is in the outbox", () -> mailsTo(shop.email()).contains("Your payout of " + amount + " has arrived"));
    assertThat(mailsTo(shop.email())).contains(STACK.url("/payouts/" + payoutId));
    assertThat(mailsTo(other.email())).doesNotContain("Your payout of " + amount);
  }

  @Test
  void aFailedPayoutIsMailedWithStripesReasonInWords() throws Exception {
    Shops.Shop shop = Shops.open(STACK, "Failing Payouts", "US");
    String payload = """
        {"id": "evt_payout_failed_%d", "object": "event", "api_version": "%s", "created": 1700000000, "type": "payout.failed",
         "account": "%s", "livemode": false, "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null},
         "data": {"object": {"id": "po_failed%d", "object": "payout", "amount": 4321, "currency": "usd", "arrival_date": 1700086400,
           "automatic": true, "status": "failed", "failure_code": "account_closed", "failure_message": "The bank account has been closed.",
           "method": "standard", "type": "bank_account", "created": 1700000000, "livemode": false, "metadata": {}}}}"""
        .formatted(System.nanoTime(), com.stripe.Stripe.API_VERSION, shop.accountId(), System.nanoTime());
    assertThat(ConnectEndpoint.deliver(STACK, payload).statusCode()).isEqualTo(200);
    assertThat(mailsTo(shop.email())).contains("Your payout of 43.21 USD failed")
        .contains("Your bank account has been closed. Add another one in your payout settings.");
  }
}

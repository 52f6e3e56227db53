package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.PlatformSettings;
import com.comptoir.testing.Await;
import com.comptoir.testing.Browser;
import com.comptoir.testing.VerifiedAccount;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Both systems, as an Express merchant lives them: the platform opens the merchant's Express
 * Dashboard with a login link made on click; in Chromium, the holder refunds part of a payment
 * there; a second visit of the same link opens nothing; and the platform's order page shows the
 * refund, which it heard of only from Stripe's webhook.
 */
class ExpressDashboardRefundBrowserTest {

  @Test
  void anExpressHolderRefundsPartOfAPaymentInTheirDashboardAndTheOrderPageShowsIt() {
    try (Stack stack = Stack.fresh(s -> s.withAccountType(Optional.of(PlatformSettings.AccountType.EXPRESS)))) {
      Shops.Shop shop = expressShop(stack, "Express Lamps");
      long lamp = shop.addProduct("Brass lamp", "25.00");
      String sessionId = new Shops.Customer(shop).checkout(Map.of(lamp, 2));
      stack.payCheckoutSession(shop.accountId(), sessionId, Map.of("payment_method", "pm_card_visa", "customer_email", "buyer@example.com"));
      Await.until("the order is paid", () -> "paid".equals(orderColumn(stack, sessionId, "status")));
      String orderId = orderColumn(stack, sessionId, "id");
      String paymentIntent = orderColumn(stack, sessionId, "payment_intent_id");
      String charge = JsonParser.parseString(stack.stripeGet("/v1/payment_intents/" + paymentIntent, shop.accountId()))
          .getAsJsonObject().get("latest_charge").getAsString();

      Visitor.Page sent = shop.merchant().post("/payouts/express-dashboard", Map.of());
      assertThat(sent.status()).isEqualTo(303);
      String link = sent.location();
      try (Browser browser = new Browser()) {
        browser.open(link);
        browser.waitForUrl(u -> u.endsWith("/dashboard"));
        assertThat(browser.heading()).isEqualTo("Express Lamps");
        browser.follow("Payments").follow(charge);
        assertThat(browser.heading()).isEqualTo("Payment of $50.00");
        browser.type("Amount to refund (USD)", "20.00").select("Reason", "Requested by customer").press("Refund");
        assertThat(browser.text()).contains("is made.", "Partially refunded", "Up to $30.00");
      }
      try (Browser again = new Browser()) {
        again.open(link); // single use: spent by the first visit
        assertThat(again.heading()).isEqualTo("This link has expired");
      }

      Await.until("the platform hears of the refund", () -> "2000".equals(orderColumn(stack, sessionId, "amount_refunded")));
      String order = shop.merchant().get("/orders/" + orderId).body();
      assertThat(order).contains("<dd class=\"order-refunded\">20.00 USD</dd>");
    }
  }

  /** A US store on an Express platform: the platform prefills the account, the holder finishes hosted onboarding. */
  private static Shops.Shop expressShop(Stack stack, String storeName) {
    Visitor merchant = new Visitor(stack);
    String email = "express+" + System.nanoTime() + "@example.com";
    assertThat(merchant.signUp(email, storeName, "US").location()).isEqualTo("/onboarding/start");
    record Ids(long storeId, String slug, String accountId) {}
    Ids ids = stack.platformJdbi.withHandle(h -> h.createQuery("""
            SELECT s.id, s.slug, s.account_id FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e""")
        .bind("e", email).map((rs, c) -> new Ids(rs.getLong(1), rs.getString(2), rs.getString(3))).one());
    Map<String, String> prefill = new java.util.HashMap<>(VerifiedAccount.completion("US"));
    prefill.keySet().removeIf(k -> k.startsWith("tos_acceptance"));
    stack.stripePost("/v1/accounts/" + ids.accountId(), null, Stack.form(prefill));
    HostedPages holder = new HostedPages(stack);
    HostedPages.Page verify = holder.open(merchant.get("/onboarding/start").location());
    HostedPages.Page review = holder.submit(verify, "/onboarding/verify", Map.of("phone", "000 000 0000", "code", "000000"));
    assertThat(review.url()).as(review.body()).endsWith("/onboarding/review");
    HostedPages.Page back = holder.submit(review, "/onboarding/review", Map.of("tos", "on"));
    assertThat(back.location()).as(back.body()).isNotNull();
    assertThat(merchant.get("/onboarding/return").body()).contains("Your store is ready to accept payments");
    return new Shops.Shop(stack, merchant, email, ids.slug(), ids.accountId(), ids.storeId());
  }

  private static String orderColumn(Stack stack, String sessionId, String column) {
    return stack.platformJdbi.withHandle(h -> h.createQuery("SELECT " + column + "::text FROM orders WHERE checkout_session_id = :s")
        .bind("s", sessionId).mapTo(String.class).one());
  }
}

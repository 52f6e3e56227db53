package com.comptoir.platform.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.testing.RunningPlatform;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Await;
import com.comptoir.testing.VerifiedAccount;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform's order logic ({@link CheckoutEvents}, {@link ChargeEvents}, {@link Fulfilment})
 * moved only by the signed webhooks of a real processor, on real PostgreSQL: what the order row,
 * its transitions and the customer's mail say after each event. Reconciliation runs hourly here,
 * so every move is a webhook's (each transition names its event). The pages that show these
 * orders are the e2e tests' business.
 */
class OrderWebhooksTest {
  private static final Pattern ORDER_TOKEN = Pattern.compile("name=\"order_token\" value=\"([^\"]+)\"");
  private static final TestProcessor PROCESSOR = TestProcessor.get();
  private static RunningPlatform platform;
  private static Shop shop;

  /** A store whose Custom account can take charges, and one product of 25.00 USD. */
  private record Shop(long storeId, String slug, String accountId, long productId) {}

  private record Row(long id, String status, long amountTotal, long amountRefunded, String paymentIntent, String disputeId,
      String disputeStatus, Long disputeAmount) {}

  @BeforeAll
  static void openAShop() throws Exception {
    platform = RunningPlatform.against(PROCESSOR.secretKey(), PROCESSOR.url());
    HttpClient merchant = RunningPlatform.client();
    String email = "orders+" + System.nanoTime() + "@example.com";
    String signup = platform.get(merchant, "/signup").body();
    assertThat(platform.post(merchant, "/signup", Map.of("csrf", RunningPlatform.csrf(signup), "email", email,
        "password", "a good long password", "store_name", "Ada's Lamps", "country", "US")).statusCode()).isIn(302, 303);
    record Ids(long storeId, String slug, String accountId) {}
    Ids ids = platform.jdbi.withHandle(h -> h.createQuery("""
            SELECT s.id, s.slug, s.account_id FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e""")
        .bind("e", email).map((rs, c) -> new Ids(rs.getLong(1), rs.getString(2), rs.getString(3))).one());
    StripeHttp.Response completed = PROCESSOR.http().post("/v1/accounts/" + ids.accountId(), VerifiedAccount.completion("US"));
    assertThat(completed.status()).as(completed.body()).isEqualTo(200);
    Await.until("account.updated opens the store", () -> platform.jdbi.withHandle(h -> h.createQuery(
        "SELECT charges_enabled FROM connected_accounts WHERE account_id = :a").bind("a", ids.accountId()).mapTo(Boolean.class)
        .findOne().orElse(false)));
    String form = platform.get(merchant, "/products/new").body();
    assertThat(platform.post(merchant, "/products", Map.of("csrf", RunningPlatform.csrf(form), "name", "Brass lamp", "price", "25.00"))
        .headers().firstValue("Location")).hasValue("/products");
    long productId = platform.jdbi.withHandle(h -> h.createQuery("SELECT id FROM products WHERE store_id = :s")
        .bind("s", ids.storeId()).mapTo(Long.class).one());
    shop = new Shop(ids.storeId(), ids.slug(), ids.accountId(), productId);
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void aPaidCheckoutSessionMovesItsOrderToPaidOnceAndQueuesOneReceipt() throws Exception {
    String buyer = "paid+" + System.nanoTime() + "@example.com";
    String sessionId = checkout(2);
    Row pending = order(sessionId);
    assertThat(pending.status()).isEqualTo("pending");

    pay(sessionId, buyer, "pm_card_visa");
    Await.until("checkout.session.completed marks the order paid", () -> "paid".equals(order(sessionId).status()));

    Row paid = order(sessionId);
    assertThat(paid.amountTotal()).isEqualTo(5000);
    assertThat(paid.paymentIntent()).startsWith("pi_");
    assertThat(transitions(paid.id())).containsExactly("pending->paid");
    assertThat(transitionSources(paid.id())).allMatch(source -> source.startsWith("evt_"));
    assertThat(mails(buyer)).hasSize(1);

    // Stripe may deliver an event again; the order and the customer hear of it once.
    String eventId = transitionSources(paid.id()).getFirst();
    StripeHttp.Response resent = PROCESSOR.http().header("Stripe-Account", shop.accountId())
        .post("/v1/events/" + eventId + "/retry", Map.of("webhook_endpoint", connectEndpoint()));
    assertThat(resent.status()).as(resent.body()).isEqualTo(200);
    Await.until("the resent event is delivered", () -> onShop().get("/v1/events/" + eventId).json().get("pending_webhooks").asInt() == 0);
    assertThat(transitions(paid.id())).containsExactly("pending->paid");
    assertThat(mails(buyer)).hasSize(1);
  }

  @Test
  void refundsMoveTheOrderAsTheChargeSaysAndTellTheCustomerOfEachOnce() {
    String buyer = "refunds+" + System.nanoTime() + "@example.com";
    Row paid = paidOrder(buyer);

    refund(paid.paymentIntent(), Map.of("amount", "1500"));
    Await.until("charge.refunded marks the order partially refunded", () -> "partially_refunded".equals(order(paid).status()));
    assertThat(order(paid).amountRefunded()).isEqualTo(1500);

    refund(paid.paymentIntent(), Map.of()); // the rest
    Await.until("charge.refunded marks the order refunded", () -> "refunded".equals(order(paid).status()));
    assertThat(order(paid).amountRefunded()).isEqualTo(5000);
    assertThat(transitions(paid.id())).containsExactly("pending->paid", "paid->partially_refunded", "partially_refunded->refunded");
    assertThat(refundRows(paid.id())).containsExactlyInAnyOrder("1500 succeeded", "3500 succeeded");
    assertThat(mails(buyer)).filteredOn(subject -> subject.endsWith("refunded")).hasSize(2);
  }

  @Test
  void aDisputeIsRecordedOnItsOrderAndFollowedToItsOutcomeWithoutMovingTheOrder() {
    String buyer = "dispute+" + System.nanoTime() + "@example.com";
    String sessionId = checkout(2);
    pay(sessionId, buyer, "pm_card_createDispute");
    Await.until("checkout.session.completed marks the order paid", () -> "paid".equals(order(sessionId).status()));
    Await.until("charge.dispute.created records the dispute", () -> order(sessionId).disputeStatus() != null);

    Row disputed = order(sessionId);
    assertThat(disputed.disputeId()).startsWith("dp_");
    assertThat(disputed.disputeStatus()).isEqualTo("needs_response");
    assertThat(disputed.disputeAmount()).isEqualTo(5000);

    StripeHttp.Response closed = onShop().post("/v1/disputes/" + disputed.disputeId() + "/close", Map.of());
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    Await.until("charge.dispute.closed records the outcome", () -> "lost".equals(order(sessionId).disputeStatus()));
    assertThat(order(sessionId).status()).isEqualTo("paid");
    assertThat(transitions(disputed.id())).containsExactly("pending->paid");
  }

  /** A customer's storefront order of {@code quantity} lamps; the Checkout Session they are sent to. */
  private static String checkout(int quantity) {
    try {
      HttpClient customer = RunningPlatform.client();
      String page = platform.get(customer, "/s/" + shop.slug()).body();
      Matcher token = ORDER_TOKEN.matcher(page);
      assertThat(token.find()).as("the storefront is open:\n" + page).isTrue();
      Map<String, String> form = new LinkedHashMap<>();
      if (page.contains("name=\"csrf\"")) {
        form.put("csrf", RunningPlatform.csrf(page));
      }
      form.put("order_token", token.group(1));
      form.put("quantity-" + shop.productId(), Integer.toString(quantity));
      HttpResponse<String> sent = platform.post(customer, "/s/" + shop.slug() + "/checkout", form);
      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
      String location = sent.headers().firstValue("Location").orElseThrow();
      assertThat(location).as("the customer is sent to the processor's hosted page").contains("/c/pay/cs_");
      return location.substring(location.lastIndexOf('/') + 1);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Row paidOrder(String buyer) {
    String sessionId = checkout(2);
    pay(sessionId, buyer, "pm_card_visa");
    Await.until("the order is paid", () -> "paid".equals(order(sessionId).status()));
    return order(sessionId);
  }

  /** What the customer does on the hosted page, through the processor's test helper. */
  private static void pay(String sessionId, String buyer, String paymentMethod) {
    StripeHttp.Response paid = onShop().post("/v1/test_helpers/checkout/sessions/" + sessionId + "/pay",
        Map.of("payment_method", paymentMethod, "customer_email", buyer));
    assertThat(paid.status()).as(paid.body()).isEqualTo(200);
  }

  /** A refund made on the store's account (as from its Dashboard), not through the platform's form. */
  private static void refund(String paymentIntent, Map<String, String> fields) {
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("payment_intent", paymentIntent);
    StripeHttp.Response refund = onShop().post("/v1/refunds", form);
    assertThat(refund.status()).as(refund.body()).isEqualTo(200);
  }

  private static StripeHttp onShop() {
    return PROCESSOR.http().header("Stripe-Account", shop.accountId());
  }

  private static Row order(Row row) {
    return order("id = :key", row.id());
  }

  private static Row order(String sessionId) {
    return order("checkout_session_id = :key", sessionId);
  }

  private static Row order(String where, Object key) {
    return platform.jdbi.withHandle(h -> h.createQuery("""
            SELECT id, status, amount_total, amount_refunded, payment_intent_id, dispute_id, dispute_status, dispute_amount
            FROM orders""" + " WHERE " + where).bind("key", key)
        .map((rs, c) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6),
            rs.getString(7), (Long) rs.getObject(8)))
        .one());
  }

  private static List<String> transitions(long orderId) {
    return platform.jdbi.withHandle(h -> h.createQuery(
            "SELECT from_status || '->' || to_status FROM order_transitions WHERE order_id = :o ORDER BY id")
        .bind("o", orderId).mapTo(String.class).list());
  }

  private static List<String> transitionSources(long orderId) {
    return platform.jdbi.withHandle(h -> h.createQuery("SELECT source FROM order_transitions WHERE order_id = :o ORDER BY id")
        .bind("o", orderId).mapTo(String.class).list());
  }

  private static List<String> refundRows(long orderId) {
    return platform.jdbi.withHandle(h -> h.createQuery("SELECT amount || ' ' || status FROM order_refunds WHERE order_id = :o")
        .bind("o", orderId).mapTo(String.class).list());
  }

  private static List<String> mails(String recipient) {
    return platform.jdbi.withHandle(h -> h.createQuery("SELECT subject FROM mail_outbox WHERE recipient = :r ORDER BY id")
        .bind("r", recipient).mapTo(String.class).list());
  }

  private static String connectEndpoint() {
    return platform.jdbi.withHandle(h -> h.createQuery("SELECT endpoint_id FROM registered_webhook_endpoints WHERE purpose = 'connect'")
        .mapTo(String.class).one());
  }
}

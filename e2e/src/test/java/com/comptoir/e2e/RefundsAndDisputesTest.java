package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Await;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.net.RequestOptions;
import com.stripe.param.EventListParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A merchant refunds a paid order from its page, on the store's own connected account; the order
 * follows only what Stripe's webhooks report (partly, then fully refunded; back again when a refund
 * fails later), the customer hears once per refund, and Comptoir's application fee is refunded in
 * proportion. Refusals come back readable, with the typed amount. Disputes show on the order.
 * Over HTTP against the processor and PostgreSQL.
 */
class RefundsAndDisputesTest {
  private static final Stack STACK = Stack.customAccounts();
  private static final Pattern REFUND_TOKEN = Pattern.compile("name=\"refund_token\" value=\"([^\"]+)\"");
  private static Shops.Shop carla;
  private static Shops.Shop dan;
  private static long lamp;

  @BeforeAll
  static void twoStores() {
    carla = Shops.open(STACK, "Carla's Lamps", "US");
    lamp = carla.addProduct("Brass lamp", "25.00");
    dan = Shops.open(STACK, "Dan's Desks", "US");
  }

  private record Row(long id, String status, long refunded, String paymentIntent, String disputeStatus) {}

  private static Row order(String sessionId) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery("""
            SELECT id, status, amount_refunded, payment_intent_id, dispute_status FROM orders WHERE checkout_session_id = :s""")
        .bind("s", sessionId)
        .map((rs, c) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5))).one());
  }

  private static int mailsTo(String email) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox WHERE recipient = :r AND subject LIKE '%refunded'")
        .bind("r", email).mapTo(Integer.class).one());
  }

  private static List<String> transitions(long orderId) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery(
            "SELECT from_status || '->' || to_status FROM order_transitions WHERE order_id = :o ORDER BY id")
        .bind("o", orderId).mapTo(String.class).list());
  }

  /** A paid order of two lamps (50.00 USD, fee 1.55 USD), paid with {@code payment}; its session id. */
  private static String paidOrder(String buyer, Map<String, String> payment) {
    String sessionId = new Shops.Customer(carla).checkout(Map.of(lamp, 2));
    Map<String, String> fields = new LinkedHashMap<>(payment);
    fields.put("customer_email", buyer);
    STACK.payCheckoutSession(carla.accountId(), sessionId, fields);
    Await.until("the order is paid", () -> "paid".equals(order(sessionId).status()));
    return sessionId;
  }

  /** Opens the order page as {@code merchant} and sends its refund form with {@code amount}; the answer. */
  private static Visitor.Page refund(Visitor merchant, long orderId, String amount, String reason) {
    String page = merchant.get("/orders/" + orderId).body();
    Matcher token = REFUND_TOKEN.matcher(page);
    assertThat(token.find()).as("the order page has a refund form").isTrue();
    return merchant.post("/orders/" + orderId + "/refunds", Map.of("amount", amount, "reason", reason, "refund_token", token.group(1)));
  }

  private static RequestOptions onCarla() {
    return RequestOptions.builder().setStripeAccount(carla.accountId()).build();
  }

  private static Charge charge(String paymentIntent) throws Exception {
    return STACK.stripe().v1().paymentIntents().retrieve(paymentIntent, PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build(),
        onCarla()).getLatestChargeObject();
  }

  private static long feeRefunded(String feeId) {
    return JsonParser.parseString(STACK.stripeGet("/v1/application_fees/" + feeId, null)).getAsJsonObject().get("amount_refunded").getAsLong();
  }

  @Test
  void aPartialThenAFullRefundMoveTheOrderWhenStripeSaysSoAndRefundTheFeeInProportion() throws Exception {
    String buyer = "refunds+" + System.nanoTime() + "@example.com";
    String sessionId = paidOrder(buyer, Map.of("payment_method", "pm_card_visa"));
    Row paid = order(sessionId);
    String feeId = charge(paid.paymentIntent()).getApplicationFee();
    Visitor merchant = carla.merchant();

    String page = merchant.get("/orders/" + paid.id()).body();
    assertThat(page).contains("value=\"50.00\"").contains("fee of 1.55 USD is refunded too");
    long[] operatorBefore = operatorUsdOrdersAndRefunded();

    // The same form sent twice (a double click) is one refund of 20.00; the button alone moves nothing.
    String form = merchant.get("/orders/" + paid.id()).body();
    Matcher token = REFUND_TOKEN.matcher(form);
    assertThat(token.find()).isTrue();
    Map<String, String> twenty = Map.of("amount", "20.00", "reason", "requested_by_customer", "refund_token", token.group(1));
    String endpoint = ConnectEndpoint.id(STACK);
    STACK.stripe().v1().webhookEndpoints().update(endpoint, WebhookEndpointUpdateParams.builder().setDisabled(true).build());
    try {
      assertThat(merchant.post("/orders/" + paid.id() + "/refunds", twenty).location()).isEqualTo("/orders/" + paid.id() + "?refund=requested");
      assertThat(merchant.post("/orders/" + paid.id() + "/refunds", twenty).status()).isEqualTo(303);
      assertThat(merchant.get("/orders/" + paid.id() + "?refund=requested").body()).contains("Refund requested");
      assertThat(order(sessionId).status()).isEqualTo("paid");
      assertThat(order(sessionId).refunded()).isZero();
    } finally {
      STACK.stripe().v1().webhookEndpoints().update(endpoint, WebhookEndpointUpdateParams.builder().setDisabled(false).build());
    }
    // Stripe's charge.refunded, sent again now that the endpoint listens: the order moves.
    STACK.stripePost("/v1/events/" + event("charge.refunded", paid.paymentIntent()).getId() + "/retry", carla.accountId(),
        "webhook_endpoint=" + endpoint);
    Await.until("the order is partly refunded", () -> "partially_refunded".equals(order(sessionId).status()));
    assertThat(order(sessionId).refunded()).isEqualTo(2000);
    Charge afterFirst = charge(paid.paymentIntent());
    assertThat(afterFirst.getAmountRefunded()).isEqualTo(2000);
    assertThat(STACK.stripe().v1().refunds().list(com.stripe.param.RefundListParams.builder().setPaymentIntent(paid.paymentIntent()).build(),
        onCarla()).getData()).singleElement().satisfies(r -> {
          assertThat(r.getAmount()).isEqualTo(2000);
          assertThat(r.getReason()).isEqualTo("requested_by_customer");
          assertThat(r.getMetadata()).containsEntry("order", Long.toString(paid.id()));
        });
    assertThat(feeRefunded(feeId)).as("1.55 × 20/50").isEqualTo(62);

    // The rest: the form now offers 30.00.
    assertThat(merchant.get("/orders/" + paid.id()).body()).contains("value=\"30.00\"").contains("Partially refunded");
    assertThat(refund(merchant, paid.id(), "30.00", "duplicate").status()).isEqualTo(303);
    Await.until("the order is refunded", () -> "refunded".equals(order(sessionId).status()));
    assertThat(order(sessionId).refunded()).isEqualTo(5000);
    assertThat(feeRefunded(feeId)).as("all of the fee").isEqualTo(155);
    assertThat(transitions(paid.id())).containsExactly("pending->paid", "paid->partially_refunded", "partially_refunded->refunded");
    Await.until("one e-mail per refund", () -> mailsTo(buyer) == 2);
    List<String> subjects = STACK.platformJdbi.withHandle(h -> h.createQuery(
            "SELECT subject FROM mail_outbox WHERE recipient = :r AND subject LIKE '%refunded' ORDER BY id")
        .bind("r", buyer).mapTo(String.class).list());
    assertThat(subjects).containsExactly(
            "Your order " + paid.id() + " at Carla's Lamps: 20.00 USD refunded", "Your order " + paid.id() + " at Carla's Lamps: 30.00 USD refunded");
    String publicId = STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT public_id FROM orders WHERE id = :id").bind("id", paid.id())
        .mapTo(String.class).one());
    assertThat(new Visitor(STACK).get(carla.storefront() + "/orders/" + publicId).body()).contains("Refunded")
        .contains("50.00 USD of your payment of 50.00 USD has been refunded");
    assertThat(merchant.get("/orders").body()).contains("Refunded").contains("50.00 USD");
    assertThat(merchant.get("/orders/" + paid.id()).body()).contains("This order is fully refunded").doesNotContain("refund_token");
    // The operator still counts the sale, with what was given back beside it.
    assertThat(operatorUsdOrdersAndRefunded()).containsExactly(operatorBefore[0], operatorBefore[1] + 5000);

    // Stripe's charge.refunded again, and a copy under a new id: nothing moves, nobody is mailed again.
    Event refunded = event("charge.refunded", paid.paymentIntent());
    String raw = STACK.stripe().v1().events().retrieve(refunded.getId(), onCarla()).getLastResponse().body();
    assertThat(ConnectEndpoint.deliver(STACK, raw).body()).isEqualTo("already handled");
    JsonObject copy = JsonParser.parseString(raw).getAsJsonObject();
    copy.addProperty("id", "evt_copy" + System.nanoTime());
    assertThat(ConnectEndpoint.deliver(STACK, copy.toString()).body()).isEqualTo("handled");
    assertThat(transitions(paid.id())).hasSize(3);
    assertThat(order(sessionId).refunded()).isEqualTo(5000);
    assertThat(mailsTo(buyer)).isEqualTo(2);

    // The same event as if Dan's account had sent it moves nothing of Carla's.
    JsonObject forged = JsonParser.parseString(raw).getAsJsonObject();
    forged.addProperty("id", "evt_forged" + System.nanoTime());
    forged.addProperty("account", dan.accountId());
    assertThat(ConnectEndpoint.deliver(STACK, forged.toString()).statusCode()).isEqualTo(200);
    assertThat(transitions(paid.id())).hasSize(3);
  }

  /** The operator's money page, USD row of the paid orders: how many, and the refunded amount in cents. */
  private static long[] operatorUsdOrdersAndRefunded() {
    Visitor operator = new Visitor(STACK);
    operator.logInAsOperator();
    Matcher row = Pattern.compile("<th scope=\"row\">USD</th><td>(\\d+)</td><td>[^<]*</td><td>([0-9,]+)\\.(\\d\\d) USD</td>")
        .matcher(operator.get("/operator/money").body());
    assertThat(row.find()).as("the USD row of the paid orders").isTrue();
    return new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2).replace(",", "")) * 100 + Long.parseLong(row.group(3))};
  }

  @Test
  void refusalsAreReadableAndKeepWhatWasTyped() throws Exception {
    String sessionId = paidOrder("refusals+" + System.nanoTime() + "@example.com", Map.of("payment_method", "pm_card_visa"));
    Row paid = order(sessionId);
    Visitor merchant = carla.merchant();

    Visitor.Page tooMuch = refund(merchant, paid.id(), "60.00", "requested_by_customer");
    assertThat(tooMuch.status()).isEqualTo(422);
    assertThat(tooMuch.body()).contains("At most 50.00 USD is left to refund").contains("value=\"60.00\"");
    assertThat(refund(merchant, paid.id(), "0", "requested_by_customer").body()).contains("Enter an amount more than zero");
    assertThat(refund(merchant, paid.id(), "1.234", "requested_by_customer").body()).contains("Use at most 2 decimals");

    // Refunded on Stripe (in the Dashboard, say) before the platform heard of it: Stripe's own refusal, the amount as typed.
    String endpoint = ConnectEndpoint.id(STACK);
    StripeClient stripe = STACK.stripe();
    stripe.v1().webhookEndpoints().update(endpoint, WebhookEndpointUpdateParams.builder().setDisabled(true).build());
    try {
      STACK.stripePost("/v1/refunds", carla.accountId(), "payment_intent=" + paid.paymentIntent() + "&amount=4000");
      Visitor.Page refused = refund(merchant, paid.id(), "20.00", "requested_by_customer");
      assertThat(refused.status()).isEqualTo(422);
      assertThat(refused.body()).contains("greater than unrefunded amount on charge").contains("value=\"20.00\"");
    } finally {
      stripe.v1().webhookEndpoints().update(endpoint, WebhookEndpointUpdateParams.builder().setDisabled(false).build());
    }
    assertThat(charge(paid.paymentIntent()).getAmountRefunded()).isEqualTo(4000);

    // Without the form's CSRF token: refused before anything reaches Stripe.
    assertThat(merchant.postRaw("/orders/" + paid.id() + "/refunds", Map.of("amount", "1.00", "reason", "duplicate")).status()).isEqualTo(403);
    // Dan, typing Carla's order id: as if it did not exist, and nothing is refunded.
    dan.merchant().get("/orders");
    assertThat(dan.merchant().get("/orders/" + paid.id()).status()).isEqualTo(404);
    Visitor.Page tampered = dan.merchant().post("/orders/" + paid.id() + "/refunds",
        Map.of("amount", "1.00", "reason", "duplicate", "refund_token", "x".repeat(43)));
    assertThat(tampered.status()).isEqualTo(404);
    assertThat(charge(paid.paymentIntent()).getAmountRefunded()).isEqualTo(4000);

    // An order not paid yet cannot be refunded.
    String unpaid = new Shops.Customer(carla).checkout(Map.of(lamp, 1));
    Visitor.Page notPaid = merchant.post("/orders/" + order(unpaid).id() + "/refunds",
        Map.of("amount", "1.00", "reason", "duplicate", "refund_token", "y".repeat(43)));
    assertThat(notPaid.status()).isEqualTo(409);
    assertThat(notPaid.body()).contains("Only a paid order can be refunded");
  }

  @Test
  void aRefundThatFailsLaterGivesTheOrderItsMoneyBack() throws Exception {
    String buyer = "refundfail+" + System.nanoTime() + "@example.com";
    String sessionId = paidOrder(buyer, Map.of("payment_method_data[type]", "card", "payment_method_data[card][number]", "4000000000005126",
        "payment_method_data[card][exp_month]", "12", "payment_method_data[card][exp_year]", "2040", "payment_method_data[card][cvc]", "123"));
    Row paid = order(sessionId);
    assertThat(refund(carla.merchant(), paid.id(), "50.00", "requested_by_customer").status()).isEqualTo(303);
    Await.until("the order is refunded", () -> "refunded".equals(order(sessionId).status()));
    // Test card 5126: the refund succeeds, then fails a minute later (fact sheet §7.4).
    STACK.advanceProcessorClock(Duration.ofSeconds(61));
    Await.until("the failed refund's money is back on the order", () -> order(sessionId).refunded() == 0);
    assertThat(order(sessionId).status()).isEqualTo("paid");
    assertThat(transitions(paid.id())).containsExactly("pending->paid", "paid->refunded", "refunded->paid");
    assertThat(carla.merchant().get("/orders/" + paid.id()).body()).contains("failed").contains("value=\"50.00\"");
    assertThat(mailsTo(buyer)).as("the refund did succeed first").isEqualTo(1);
  }

  @Test
  void aPendingRefundMailsTheCustomerOnlyOnceItSucceeds() throws Exception {
    String buyer = "refundpending+" + System.nanoTime() + "@example.com";
    String sessionId = paidOrder(buyer, Map.of("payment_method_data[type]", "card", "payment_method_data[card][number]", "4000000000007726",
        "payment_method_data[card][exp_month]", "12", "payment_method_data[card][exp_year]", "2040", "payment_method_data[card][cvc]", "123"));
    Row paid = order(sessionId);
    assertThat(refund(carla.merchant(), paid.id(), "50.00", "requested_by_customer").status()).isEqualTo(303);
    Await.until("the order is refunded", () -> "refunded".equals(order(sessionId).status()));
    assertThat(carla.merchant().get("/orders/" + paid.id()).body()).contains("<td>pending</td>");
    assertThat(mailsTo(buyer)).as("not while the refund is pending").isZero();
    // Test card 7726: the refund is pending, then succeeds a minute later (fact sheet §7.4).
    STACK.advanceProcessorClock(Duration.ofSeconds(61));
    Await.until("the customer hears of the refund", () -> mailsTo(buyer) == 1);
    assertThat(carla.merchant().get("/orders/" + paid.id()).body()).contains("<td>succeeded</td>");
    assertThat(order(sessionId).status()).isEqualTo("refunded");
  }

  @Test
  void aDisputeShowsOnTheOrderWithWhatTheMerchantDoes() throws Exception {
    String sessionId = paidOrder("dispute+" + System.nanoTime() + "@example.com", Map.of("payment_method", "pm_card_createDispute"));
    Row paid = order(sessionId);
    Await.until("the dispute is recorded", () -> order(sessionId).disputeStatus() != null);
    String page = carla.merchant().get("/orders/" + paid.id()).body();
    assertThat(page).contains("Disputed").contains("50.00 USD").contains("the dispute, not Comptoir").contains("while its dispute is open")
        // Carla's is a Custom account: it has no Stripe Dashboard, so the platform answers for her.
        .contains("has no Stripe Dashboard of its own").doesNotContain("Respond with your evidence in the Stripe Dashboard");
    assertThat(carla.merchant().get("/orders").body()).contains("Disputed");

    String disputeId = STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT dispute_id FROM orders WHERE id = :id")
        .bind("id", paid.id()).mapTo(String.class).one());
    STACK.stripePost("/v1/disputes/" + disputeId + "/close", carla.accountId(), "");
    Await.until("the dispute is closed", () -> "lost".equals(order(sessionId).disputeStatus()));
    assertThat(carla.merchant().get("/orders/" + paid.id()).body()).contains("Disputed: lost");
  }

  /** The newest event of {@code type} on Carla's account that names {@code id}. */
  private static Event event(String type, String id) throws Exception {
    return STACK.stripe().v1().events().list(EventListParams.builder().setType(type).setLimit(100L).build(), onCarla())
        .getData().stream().filter(e -> e.getDataObjectDeserializer().getRawJson().contains(id)).findFirst().orElseThrow();
  }


}

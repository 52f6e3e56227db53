package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Await;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.EventListParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Orders move on Stripe's word alone, once, and only for the store whose account spoke: the
 * customer's return from Checkout proves nothing, an event signed correctly but from another
 * store's account moves nothing, and a repeated event sends no second e-mail. Merchants see only
 * their own orders. Over HTTP against the processor; the Connect endpoint is switched off while
 * the customer pays, so the test decides when the webhook arrives.
 */
class OrderFulfilmentTest {
  private static final Stack STACK = Stack.customAccounts();
  private static Shops.Shop alice;
  private static Shops.Shop bob;
  private static long scarf;

  @BeforeAll
  static void twoStores() {
    alice = Shops.open(STACK, "Alice's Atelier", "US");
    scarf = alice.addProduct("Silk scarf", "25.00");
    bob = Shops.open(STACK, "Bob's Bazaar", "US");
    bob.addProduct("Bob's tea", "8.00");
  }

  private record Row(long id, String publicId, String status, long total, long fee, String email, Long stripeTotal, Long stripeFee,
      String discrepancy) {}

  private static Row order(String sessionId) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery("""
            SELECT id, public_id, status, amount_total, application_fee_amount, customer_email, stripe_amount_total,
                   stripe_application_fee_amount, discrepancy FROM orders WHERE checkout_session_id = :s""")
        .bind("s", sessionId)
        .map((rs, c) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6),
            (Long) rs.getObject(7), (Long) rs.getObject(8), rs.getString(9)))
        .one());
  }

  private static List<String> transitions(long orderId) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery(
            "SELECT from_status || '->' || to_status || ' by ' || source FROM order_transitions WHERE order_id = :o ORDER BY id")
        .bind("o", orderId).mapTo(String.class).list());
  }

  private static int mailsTo(String email) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox WHERE recipient = :r")
        .bind("r", email).mapTo(Integer.class).one());
  }



  @Test
  void anOrderIsPaidByItsOwnStoresWebhookOnceAndNeverByTheReturnFromCheckout() throws Exception {
    StripeClient stripe = STACK.stripe();
    RequestOptions onAlice = RequestOptions.builder().setStripeAccount(alice.accountId()).build();
    String buyer = "buyer+" + System.nanoTime() + "@example.com";
    Shops.Customer customer = new Shops.Customer(alice);
    String sessionId = customer.checkout(Map.of(scarf, 2));

    // The order came first, and the session on Alice's account names it and carries the platform's fee.
    Row pending = order(sessionId);
    assertThat(pending.status()).isEqualTo("pending");
    assertThat(pending.total()).isEqualTo(5000);
    assertThat(pending.fee()).as("2.5% of 50.00 plus 0.30").isEqualTo(155);
    Session session = stripe.v1().checkout().sessions().retrieve(sessionId, SessionRetrieveParams.builder().addExpand("line_items").build(), onAlice);
    assertThat(session.getClientReferenceId()).isEqualTo(Long.toString(pending.id()));
    assertThat(session.getMetadata()).containsEntry("order", Long.toString(pending.id()));
    assertThat(session.getAmountTotal()).isEqualTo(5000);
    assertThat(session.getLineItems().getData()).singleElement().satisfies(item -> assertThat(item.getQuantity()).isEqualTo(2));
    assertThat(session.getSuccessUrl()).isEqualTo(STACK.url(alice.storefront() + "/orders/" + pending.publicId()) + "?session_id={CHECKOUT_SESSION_ID}");

    String endpoint = ConnectEndpoint.id(STACK);
    stripe.v1().webhookEndpoints().update(endpoint, WebhookEndpointUpdateParams.builder().setDisabled(true).build());
    Event completed;
    try {
      STACK.payCheckoutSession(alice.accountId(), sessionId, Map.of("payment_method", "pm_card_visa", "customer_email", buyer));
      assertThat(stripe.v1().checkout().sessions().retrieve(sessionId, onAlice).getPaymentStatus()).isEqualTo("paid");

      // Back from Checkout before any webhook: the page waits, and nothing is marked paid.
      String orderPage = alice.storefront() + "/orders/" + pending.publicId();
      Visitor.Page returned = customer.visitor.get(orderPage + "?session_id=" + sessionId);
      assertThat(returned.status()).isEqualTo(200);
      assertThat(returned.body()).contains("We are confirming your payment").doesNotContain("Payment received");
      assertThat(order(sessionId).status()).isEqualTo("pending");

      // Alice's real event, re-signed as if Bob's account had sent it: refused, nothing moves.
      completed = stripe.v1().events().list(EventListParams.builder().setType("checkout.session.completed").setLimit(100L).build(), onAlice)
          .getData().stream().filter(e -> e.getDataObjectDeserializer().getRawJson().contains("\"" + sessionId + "\""))
          .findFirst().orElseThrow();
      String raw = stripe.v1().events().retrieve(completed.getId(), onAlice).getLastResponse().body();
      JsonObject forged = JsonParser.parseString(raw).getAsJsonObject();
      forged.addProperty("id", "evt_forged" + System.nanoTime());
      forged.addProperty("account", bob.accountId());
      assertThat(ConnectEndpoint.deliver(STACK, forged.toString()).statusCode()).isEqualTo(200);
      assertThat(order(sessionId).status()).isEqualTo("pending");
      assertThat(transitions(pending.id())).isEmpty();
      assertThat(customer.visitor.get(orderPage).body()).contains("We are confirming your payment");
    } finally {
      stripe.v1().webhookEndpoints().update(endpoint, WebhookEndpointUpdateParams.builder().setDisabled(false).build());
    }

    // Stripe sends the event again (as the CLI's "events resend" does): now the order is paid.
    STACK.stripePost("/v1/events/" + completed.getId() + "/retry", alice.accountId(), "webhook_endpoint=" + endpoint);
    String orderPage = alice.storefront() + "/orders/" + pending.publicId();
    Await.until("the order page says paid", () -> customer.visitor.get(orderPage).body().contains("Payment received — thank you"));
    Row paid = order(sessionId);
    assertThat(paid.status()).isEqualTo("paid");
    assertThat(paid.email()).isEqualTo(buyer);
    assertThat(paid.stripeTotal()).isEqualTo(5000);
    assertThat(paid.stripeFee()).isEqualTo(155);
    assertThat(paid.discrepancy()).isNull();

    // The same event again, and a copy under a new id: still one move and one e-mail.
    String raw = stripe.v1().events().retrieve(completed.getId(), onAlice).getLastResponse().body();
    assertThat(ConnectEndpoint.deliver(STACK, raw).body()).isEqualTo("already handled");
    JsonObject copy = JsonParser.parseString(raw).getAsJsonObject();
    copy.addProperty("id", "evt_copy" + System.nanoTime());
    assertThat(ConnectEndpoint.deliver(STACK, copy.toString()).body()).isEqualTo("handled");
    assertThat(transitions(paid.id())).containsExactly("pending->paid by " + completed.getId());
    assertThat(mailsTo(buyer)).isEqualTo(1);
    Await.until("the confirmation reaches the customer's inbox", () -> Arrays.stream(STACK.mail.getReceivedMessages())
        .anyMatch(m -> recipient(m).equals(buyer)));
    MimeMessage mail = Arrays.stream(STACK.mail.getReceivedMessages()).filter(m -> recipient(m).equals(buyer)).findFirst().orElseThrow();
    assertThat(mail.getSubject()).isEqualTo("Your order " + paid.id() + " at Alice's Atelier: payment received");
    assertThat((String) mail.getContent()).contains("2 × Silk scarf").contains("50.00 USD");

    // Alice sees the order; Bob sees neither it nor its page, by list or by address.
    String alicesOrders = alice.merchant().get("/orders").body();
    assertThat(alicesOrders).contains(buyer).contains("50.00 USD").contains("Paid");
    assertThat(alice.merchant().get("/orders/" + paid.id()).body()).contains("Silk scarf").contains(sessionId)
        .contains("<dd class=\"money-application-fee\">1.55 USD</dd>");
    assertThat(bob.merchant().get("/orders").body()).doesNotContain(buyer).contains("No orders yet");
    assertThat(bob.merchant().get("/orders/" + paid.id()).status()).isEqualTo(404);
    assertThat(bob.merchant().get("/orders/" + paid.id()).body()).doesNotContain(buyer);
    assertThat(new Visitor(STACK).get(bob.storefront() + "/orders/" + paid.publicId()).status()).isEqualTo(404);
    assertThat(new Visitor(STACK).get(alice.storefront() + "/orders/" + paid.publicId().substring(1) + "x").status()).isEqualTo(404);
  }

  @Test
  void anAbandonedCheckoutExpiresAndTheOrderSaysSo() {
    Shops.Customer customer = new Shops.Customer(alice);
    String sessionId = customer.checkout(Map.of(scarf, 1));
    Row pending = order(sessionId);
    // What Stripe does after 24 hours, or at once through the API: checkout.session.expired.
    STACK.stripePost("/v1/checkout/sessions/" + sessionId + "/expire", alice.accountId(), "");
    Await.until("checkout.session.expired handled", () -> "expired".equals(order(sessionId).status()));
    assertThat(customer.visitor.get(alice.storefront() + "/orders/" + pending.publicId()).body())
        .contains("Checkout expired").contains("nothing was charged");
    assertThat(transitions(pending.id())).singleElement().asString().startsWith("pending->expired by evt_");
    assertThat(alice.merchant().get("/orders").body()).contains("Expired");
  }

  @Test
  void theOperatorCountsPaidOrders() {
    Shops.Customer customer = new Shops.Customer(bob);
    long tea = STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT id FROM products WHERE store_id = :s AND name = 'Bob''s tea'")
        .bind("s", bob.storeId()).mapTo(Long.class).one());
    String sessionId = customer.checkout(Map.of(tea, 3));
    STACK.payCheckoutSession(bob.accountId(), sessionId, Map.of("payment_method", "pm_card_visa", "customer_email", "tea@example.com"));
    Await.until("paid", () -> "paid".equals(order(sessionId).status()));
    Visitor operator = new Visitor(STACK);
    operator.logInAsOperator();
    String money = operator.get("/operator/money").body();
    assertThat(money).contains("Paid storefront orders").containsPattern("<th scope=\"row\">USD</th><td>[1-9][0-9]*</td>");
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }
}

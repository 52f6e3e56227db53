package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Await;
import com.stripe.param.WebhookEndpointUpdateParams;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the Checkout webhook never comes (the endpoint off past Stripe's retries), reconciliation
 * reads the session back and moves the order as the webhook would have. A stack of its own, with
 * a one-second reconciliation interval and the Connect endpoint disabled.
 */
class OrderReconciliationTest {
  private static Stack stack;

  @BeforeAll
  static void start() {
    stack = Stack.fresh(settings -> settings.withAccountType(Optional.of(com.comptoir.platform.PlatformSettings.AccountType.CUSTOM))
        .withReconcileInterval(Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void anOrderWhoseWebhookNeverCameIsPaidByReconciliation() throws Exception {
    Shops.Shop shop = Shops.open(stack, "Quiet Shop", "US");
    long hat = shop.addProduct("Hat", "20.00");
    String connect = stack.platformJdbi.withHandle(h -> h.createQuery("SELECT endpoint_id FROM registered_webhook_endpoints WHERE purpose = 'connect'")
        .mapTo(String.class).one());
    stack.stripe().v1().webhookEndpoints().update(connect, WebhookEndpointUpdateParams.builder().setDisabled(true).build());

    Shops.Customer customer = new Shops.Customer(shop);
    String session = customer.checkout(Map.of(hat, 1));
    stack.payCheckoutSession(shop.accountId(), session, Map.of("payment_method", "pm_card_visa", "customer_email", "quiet@example.com"));
    record Row(long id, String status) {}
    java.util.function.Supplier<Row> order = () -> stack.platformJdbi.withHandle(h -> h.createQuery(
            "SELECT id, status FROM orders WHERE checkout_session_id = :s").bind("s", session)
        .map((rs, c) -> new Row(rs.getLong(1), rs.getString(2))).one());
    Await.until("reconciliation reads the paid session back", () -> "paid".equals(order.get().status()));
    java.util.List<String> sources = stack.platformJdbi.withHandle(h -> h.createQuery("SELECT source FROM order_transitions WHERE order_id = :o")
        .bind("o", order.get().id()).mapTo(String.class).list());
    assertThat(sources).containsExactly("reconciliation");
    assertThat(shop.merchant().get("/orders/" + order.get().id()).body()).contains("read back from Stripe");
  }
}

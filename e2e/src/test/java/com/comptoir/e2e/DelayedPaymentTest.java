package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Await;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SEPA Direct Debit, the guide's delayed method: Checkout completes unpaid, the order waits for the
 * bank ("we will e-mail you"), and days later (the processor's clock moved on) it is paid, or, with
 * Stripe's failing test IBAN, failed with the customer asked to order again.
 */
class DelayedPaymentTest {
  private static final Stack STACK = Stack.customAccounts();
  /** Fact sheet §6.4: DE89… succeeds, DE62… fails (generic_could_not_process). */
  private static final String GOOD_IBAN = "DE89370400440532013000";
  private static final String FAILING_IBAN = "DE62370400440532013001";

  private static String status(String sessionId) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT status FROM orders WHERE checkout_session_id = :s")
        .bind("s", sessionId).mapTo(String.class).one());
  }

  private static String orderPage(Shops.Shop shop, String sessionId) {
    return shop.storefront() + "/orders/" + STACK.platformJdbi.withHandle(h -> h.createQuery(
        "SELECT public_id FROM orders WHERE checkout_session_id = :s").bind("s", sessionId).mapTo(String.class).one());
  }

  private static String mailTo(String email) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT subject || '\n' || body FROM mail_outbox WHERE recipient = :r")
        .bind("r", email).mapTo(String.class).findOne().orElse(""));
  }

  @Test
  void aSepaDebitWaitsForTheBankThenIsPaidOrFailed() {
    Shops.Shop shop = Shops.open(STACK, "Berliner Wolle", "DE");
    long coat = shop.addProduct("Wool coat", "40.00");
    // The business turns SEPA Direct Debit on, as the guide assumes (cards are on by default).
    String config = JsonParser.parseString(STACK.stripeGet("/v1/payment_method_configurations", shop.accountId())).getAsJsonObject()
        .getAsJsonArray("data").get(0).getAsJsonObject().get("id").getAsString();
    STACK.stripePost("/v1/payment_method_configurations/" + config, shop.accountId(), "sepa_debit[display_preference][preference]=on");

    String good = "sepa-good+" + System.nanoTime() + "@example.com";
    String bad = "sepa-bad+" + System.nanoTime() + "@example.com";
    Shops.Customer goodCustomer = new Shops.Customer(shop);
    Shops.Customer badCustomer = new Shops.Customer(shop);
    String paying = goodCustomer.checkout(Map.of(coat, 1));
    String failing = badCustomer.checkout(Map.of(coat, 2));
    STACK.payCheckoutSession(shop.accountId(), paying, Map.of("payment_method_data[type]", "sepa_debit",
        "payment_method_data[sepa_debit][iban]", GOOD_IBAN, "customer_email", good));
    STACK.payCheckoutSession(shop.accountId(), failing, Map.of("payment_method_data[type]", "sepa_debit",
        "payment_method_data[sepa_debit][iban]", FAILING_IBAN, "customer_email", bad));

    for (Shops.Customer customer : new Shops.Customer[] {goodCustomer, badCustomer}) {
      String session = customer == goodCustomer ? paying : failing;
      Await.until("checkout.session.completed (unpaid) handled", () -> "awaiting_payment".equals(status(session)));
      assertThat(customer.visitor.get(orderPage(shop, session)).body()).contains("Payment processing: we will e-mail you")
          .doesNotContain("Payment received");
    }
    assertThat(mailTo(good)).as("nothing to say until the bank answers").isEmpty();

    // SEPA settles in days; the processor's clock moves four ahead.
    STACK.advanceProcessorClock(Duration.ofDays(4));
    Await.until("checkout.session.async_payment_succeeded handled", () -> "paid".equals(status(paying)));
    Await.until("checkout.session.async_payment_failed handled", () -> "payment_failed".equals(status(failing)));
    assertThat(goodCustomer.visitor.get(orderPage(shop, paying)).body()).contains("Payment received — thank you");
    assertThat(badCustomer.visitor.get(orderPage(shop, failing)).body()).contains("Payment failed").contains("order again");
    assertThat(mailTo(good)).contains("payment received").contains("40.00 EUR");
    assertThat(mailTo(bad)).contains("payment failed, please order again").contains("80.00 EUR")
        .contains(STACK.url(shop.storefront()));

    // 2.5% of 40.00 plus 0.25: what the platform asked for is what Stripe recorded.
    long fee = STACK.platformJdbi.withHandle(h -> h.createQuery(
        "SELECT stripe_application_fee_amount FROM orders WHERE checkout_session_id = :s AND discrepancy IS NULL")
        .bind("s", paying).mapTo(Long.class).one());
    assertThat(fee).isEqualTo(125);
    String orders = shop.merchant().get("/orders").body();
    assertThat(orders).contains("Paid").contains("Payment failed").contains(good).contains(bad);
  }
}

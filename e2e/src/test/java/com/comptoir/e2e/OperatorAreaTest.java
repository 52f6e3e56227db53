package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator sees every merchant with their onboarding state, sets one merchant's fee (which the
 * merchant's price preview then uses), sees the platform's money as Stripe reports it, and reads
 * the e-mail outbox.
 */
class OperatorAreaTest {
  private final Stack stack = Stack.shared();

  @Test
  void theOperatorSeesMerchantsAndSetsAMerchantsFee() {
    Visitor merchant = new Visitor(stack);
    String email = "operated+" + System.nanoTime() + "@example.com";
    merchant.signUp(email, "Operated shop");
    long storeId = stack.platformJdbi.withHandle(h -> h.createQuery("SELECT s.id FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e")
        .bind("e", email).mapTo(Long.class).one());

    Visitor operator = new Visitor(stack);
    assertThat(operator.logInAsOperator().location()).isEqualTo("/operator");
    String merchants = operator.get("/operator").body();
    assertThat(merchants).contains("Operated shop").contains(email).contains("not submitted").contains("acct_");

    String page = operator.get("/operator/merchants/" + storeId).body();
    assertThat(page).contains("In force: <strong>2.5% + 0.30 USD</strong> (the default)");
    Visitor.Page refused = operator.post("/operator/merchants/" + storeId + "/fee", Map.of("percent", "2.555", "fixed", "0.3"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).contains("with at most two decimals").contains("value=\"2.555\"");
    assertThat(operator.post("/operator/merchants/" + storeId + "/fee", Map.of("percent", "5", "fixed", "0.50")).location())
        .isEqualTo("/operator/merchants/" + storeId + "?saved=1");
    assertThat(operator.get("/operator/merchants/" + storeId).body())
        .contains("In force: <strong>5% + 0.50 USD</strong> (this merchant's own rate)");

    // The merchant's preview uses it: 5% of 20.00 is 1.00, plus 0.50.
    merchant.get("/products/new");
    String preview = merchant.post("/products", Map.of("name", "Hat", "price", "20.00", "action", "preview")).body();
    assertThat(preview).contains("Comptoir fee (5% + 0.50 USD)").contains("1.50 USD").contains("18.50 USD");
    assertThat(merchant.get("/products").body()).contains("No products yet."); // a preview saves nothing

    operator.get("/operator/merchants/" + storeId);
    operator.post("/operator/merchants/" + storeId + "/fee", Map.of("action", "remove"));
    assertThat(operator.get("/operator/merchants/" + storeId).body()).contains("(the default)");
  }

  @Test
  void theOperatorSeesThePlatformsMoneyAsStripeReportsIt() {
    Visitor operator = new Visitor(stack);
    operator.logInAsOperator();
    Visitor.Page money = operator.get("/operator/money");
    assertThat(money.status()).isEqualTo(200);
    assertThat(money.body()).contains("Platform balance").contains("Application fees earned");
    assertThat(money.body()).doesNotContain("Stripe did not").contains("<dt>Available</dt>").contains("<dt>Pending</dt>")
        .contains("net of refunds");
  }

  @Test
  void wrongOperatorPasswordsAreRefusedAndThrottled() {
    Visitor guesser = new Visitor(stack);
    for (int i = 0; i < 5; i++) {
      guesser.get("/operator/login");
      assertThat(guesser.post("/operator/login", Map.of("email", Stack.OPERATOR_EMAIL, "password", "guess " + i)).status()).isEqualTo(401);
    }
    guesser.get("/operator/login");
    assertThat(guesser.post("/operator/login", Map.of("email", Stack.OPERATOR_EMAIL, "password", Stack.OPERATOR_PASSWORD)).status())
        .isEqualTo(429);
    // Unlock for the other tests of this shared stack (the throttle is per e-mail and address).
    stack.platformJdbi.useHandle(h -> h.execute("DELETE FROM login_attempts WHERE realm = 'operator'"));
  }
}

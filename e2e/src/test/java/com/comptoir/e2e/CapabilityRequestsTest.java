package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.PlatformSettings;
import com.stripe.model.Capability;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A platform that creates Express accounts asks Stripe, at creation, for the capabilities of the
 * guide's payment methods that the store's country can have, so a new store can take them once it
 * is onboarded.
 */
class CapabilityRequestsTest {
  private static String signUp(Stack stack, String storeName, String country) {
    Visitor merchant = new Visitor(stack);
    String email = "caps+" + System.nanoTime() + "@example.com";
    assertThat(merchant.signUp(email, storeName, country).location()).isEqualTo("/onboarding/start");
    return stack.platformJdbi.withHandle(h -> h.createQuery(
            "SELECT s.account_id FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e")
        .bind("e", email).mapTo(String.class).one());
  }

  @Test
  void anExpressAccountIsCreatedAskingForTheMethodsItsCountryAllows() throws Exception {
    try (Stack stack = Stack.fresh(s -> s.withAccountType(Optional.of(PlatformSettings.AccountType.EXPRESS)))) {
      String french = signUp(stack, "Boutique Express", "FR");
      assertThat(stack.stripe().v1().accounts().capabilities().list(french).getData())
          .allSatisfy(c -> assertThat(c.getRequested()).isTrue())
          .extracting(Capability::getId)
          .containsExactlyInAnyOrder("card_payments", "transfers", "bancontact_payments", "eps_payments", "ideal_payments",
              "p24_payments", "sepa_debit_payments", "sofort_payments");

      String american = signUp(stack, "Express Diner", "US");
      assertThat(stack.stripe().v1().accounts().capabilities().list(american).getData()).extracting(Capability::getId)
          .contains("card_payments", "transfers", "ideal_payments", "sepa_debit_payments")
          .doesNotContain("sofort_payments");
    }
  }
}

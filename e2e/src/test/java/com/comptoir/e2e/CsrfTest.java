package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every form is refused without the session's CSRF token, and nothing changes. */
class CsrfTest {
  private final Stack stack = Stack.shared();

  private static final List<String> MERCHANT_FORMS = List.of(
      "/products", "/products/1", "/products/1/archive", "/products/1/sync", "/store", "/store/branding", "/payouts/schedule",
      "/payouts/express-dashboard", "/logout");
  private static final List<String> PUBLIC_FORMS = List.of(
      "/signup", "/login", "/password/forgot", "/password/reset/sometoken", "/operator/login");
  private static final List<String> OPERATOR_FORMS = List.of("/operator/merchants/1/fee", "/operator/logout");

  @Test
  void formsWithoutOrWithAWrongTokenAreRefusedAndChangeNothing() {
    Visitor merchant = new Visitor(stack);
    String email = "csrf+" + System.nanoTime() + "@example.com";
    merchant.signUp(email, "Csrf shop");
    Map<String, String> fields = Map.of("name", "Forged", "price", "5.00", "slug", "forged", "brand_color", "#000000",
        "currency", "usd", "email", email, "password", "a good long password", "store_name", "x", "country", "US");
    for (String path : MERCHANT_FORMS) {
      assertThat(merchant.postRaw(path, fields).status()).as("POST " + path + " without a token").isEqualTo(403);
      Map<String, String> wrong = new java.util.HashMap<>(fields);
      wrong.put("csrf", "not-the-token");
      assertThat(merchant.postRaw(path, wrong).status()).as("POST " + path + " with a wrong token").isEqualTo(403);
    }
    for (String path : PUBLIC_FORMS) {
      assertThat(new Visitor(stack).postRaw(path, fields).status()).as("POST " + path + " without a session or token").isEqualTo(403);
    }
    Visitor operator = new Visitor(stack);
    operator.logInAsOperator();
    for (String path : OPERATOR_FORMS) {
      assertThat(operator.postRaw(path, Map.of("percent", "0", "fixed", "0")).status()).as("POST " + path).isEqualTo(403);
    }
    assertThat(merchant.get("/products").body()).doesNotContain("Forged");
    assertThat(merchant.get("/store").body()).contains("value=\"Csrf shop\"");
    assertThat(merchant.get("/dashboard").status()).as("still signed in: the forged log-out was refused").isEqualTo(200);
  }

  @Test
  void theRefusalSaysWhatToDo() {
    Visitor visitor = new Visitor(stack);
    visitor.get("/signup");
    Visitor.Page refused = visitor.postRaw("/signup", Map.of("email", "x@example.com"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("This form has expired or did not come from this site").contains("reload the page");
  }
}

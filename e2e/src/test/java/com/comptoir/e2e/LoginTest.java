package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Logging in and out, bad input shown again with what was typed, and guessing slowed down. */
class LoginTest {
  private final Stack stack = Stack.shared();

  @Test
  void fiveWrongPasswordsFromOneBrowserMakeItWaitEvenForTheRightOne() {
    String email = "guessed+" + System.nanoTime() + "@example.com";
    new Visitor(stack).signUp(email, "Guessed");
    Visitor attacker = new Visitor(stack);
    for (int i = 0; i < 5; i++) {
      Visitor.Page wrong = attacker.logIn(email, "wrong password " + i);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.body()).contains("That e-mail address and password do not match an account.")
          .contains("value=\"" + email + "\"").doesNotContain("wrong password");
    }
    Visitor.Page locked = attacker.logIn(email, "a good long password");
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.body()).contains("Too many failed attempts").contains("try again in 1 minute,");
  }

  @Test
  void logInLogOutAndBackToWhereTheMerchantWasGoing() {
    String email = "returning+" + System.nanoTime() + "@example.com";
    new Visitor(stack).signUp(email, "Returning");
    Visitor merchant = new Visitor(stack);
    assertThat(merchant.get("/products/new").location()).isEqualTo("/login?next=%2Fproducts%2Fnew");
    merchant.get("/login?next=%2Fproducts%2Fnew");
    assertThat(merchant.post("/login", Map.of("email", email, "password", "a good long password", "next", "/products/new")).location())
        .isEqualTo("/products/new");
    merchant.get("/products/new"); // a page of the new session, with its token
    assertThat(merchant.post("/logout", Map.of()).location()).isEqualTo("/login?signed_out=1");
    assertThat(merchant.get("/dashboard").location()).startsWith("/login");

    Visitor other = new Visitor(stack);
    other.get("/login");
    assertThat(other.post("/login", Map.of("email", email, "password", "a good long password", "next", "//evil.example/x")).location())
        .as("never to another site").isEqualTo("/dashboard");
  }

  @Test
  void badSignUpInputIsShownAgainWithMessagesAndWhatWasTyped() {
    Visitor visitor = new Visitor(stack);
    visitor.get("/signup");
    Visitor.Page page = visitor.post("/signup", Map.of("email", "not-an-email", "password", "short", "store_name", "My <shop>", "country", "ZZ"));
    assertThat(page.status()).isEqualTo(422);
    assertThat(page.body()).contains("Enter an e-mail address such as name@example.com.")
        .contains("Choose a password of at least 10 characters.").contains("Choose the country your business is in.")
        .contains("value=\"not-an-email\"").contains("value=\"My &lt;shop>\"").doesNotContain("value=\"short\"")
        .contains("aria-invalid=\"true\"");

    String email = "twice+" + System.nanoTime() + "@example.com";
    new Visitor(stack).signUp(email, "Twice");
    Visitor again = new Visitor(stack);
    again.get("/signup");
    Visitor.Page taken = again.post("/signup", Map.of("email", email.toUpperCase(), "password", "a good long password", "store_name", "Twice", "country", "US"));
    assertThat(taken.status()).isEqualTo(422);
    assertThat(taken.body()).contains("There is already an account with this e-mail address.");
  }
}

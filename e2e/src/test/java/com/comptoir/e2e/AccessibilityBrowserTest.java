package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Browser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The pages in Chromium as people with keyboards, screen readers, small screens and weaker eyes
 * use them: every control has a label, the keyboard goes through a form in reading order with a
 * visible focus, nothing scrolls sideways on a phone, and text meets WCAG AA contrast (4.5:1).
 */
class AccessibilityBrowserTest {
  private final Stack stack = Stack.shared();
  private Browser browser;

  @BeforeEach
  void open() {
    browser = new Browser();
  }

  @AfterEach
  void close() {
    browser.close();
  }

  private void checkPage(String what, List<String> problems) {
    browser.unlabelledControls().forEach(c -> problems.add(what + ": no label for " + c));
    browser.lowContrastText().forEach(c -> problems.add(what + ": low contrast " + c));
  }

  @Test
  void everyControlIsLabelledAndEveryTextReadableOnEveryPage() {
    List<String> problems = new ArrayList<>();
    for (String page : List.of("/", "/signup", "/login", "/password/forgot", "/operator/login")) {
      browser.open(stack.url(page));
      checkPage(page, problems);
    }
    // Shown again with errors: messages are readable too.
    browser.open(stack.url("/signup")).press("Create my store");
    checkPage("/signup with errors", problems);

    String email = "a11y+" + System.nanoTime() + "@example.com";
    new Visitor(stack).signUp(email, "Accessible shop");
    browser.open(stack.url("/login")).type("Email", email).type("Password", "a good long password").press("Log in");
    for (String page : List.of("/dashboard", "/store", "/products", "/products/new", "/orders", "/payouts", "/exports")) {
      browser.open(stack.url(page));
      checkPage(page, problems);
    }
    browser.open(stack.url("/products/new")).type("Name", "Cup").type("Price (USD)", "3").press("Preview");
    checkPage("/products/new with a preview", problems);
    assertThat(problems).isEmpty();
  }

  @Test
  void theKeyboardGoesThroughTheSignUpFormInReadingOrderWithAVisibleFocus() {
    browser.open(stack.url("/signup"));
    List<String> order = new ArrayList<>();
    WebElement body = browser.driver().switchTo().activeElement();
    for (int i = 0; i < 8; i++) {
      browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
      WebElement focused = browser.driver().switchTo().activeElement();
      String name = focused.getAttribute("name") != null && !focused.getAttribute("name").isEmpty() ? focused.getAttribute("name") : focused.getText();
      order.add(name);
      if ("email".equals(name)) {
        assertThat(focused.getCssValue("outline-style")).as("a visible focus ring").isEqualTo("solid");
        assertThat(focused.getCssValue("outline-width")).isEqualTo("3px");
      }
    }
    assertThat(body).isNotNull();
    assertThat(order).startsWith("Skip to content", "Comptoir", "email", "password", "store_name", "country", "Create my store");
  }

  @Test
  void pagesFitAPhoneScreen() {
    browser.driver().manage().window().setSize(new Dimension(360, 740));
    String email = "phone+" + System.nanoTime() + "@example.com";
    browser.open(stack.url("/signup"));
    assertThat(browser.scrollsSideways()).as("/signup").isFalse();
    new Visitor(stack).signUp(email, "A store with a rather long name that has to wrap on a small screen");
    browser.open(stack.url("/login")).type("Email", email).type("Password", "a good long password").press("Log in");
    for (String page : List.of("/dashboard", "/store", "/products", "/products/new", "/payouts", "/exports")) {
      browser.open(stack.url(page));
      assertThat(browser.scrollsSideways()).as(page).isFalse();
    }
    Visitor merchant = new Visitor(stack);
    merchant.logIn(email, "a good long password");
    merchant.get("/products/new");
    merchant.post("/products", Map.of("name", "A product with quite a long name indeed", "price", "12.00"));
    browser.open(stack.url("/products"));
    assertThat(browser.scrollsSideways()).as("/products with a product").isFalse();
  }
}

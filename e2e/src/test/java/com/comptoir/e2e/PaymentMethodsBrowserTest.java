package com.comptoir.e2e;

import com.comptoir.testing.Await;
import com.comptoir.testing.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The guide's payment methods, as a new French merchant and their customers meet them: the merchant
 * signs up and onboards with nothing else done, and the store's customers are offered cards,
 * Bancontact, EPS, iDEAL, Przelewy24, SEPA Direct Debit and Sofort, their own country's method first;
 * iDEAL, Bancontact and SEPA each end with a paid order; a bank redirect that fails leaves the order
 * unpaid and says why. A US store's customers, paying in dollars, are offered cards alone.
 */
class PaymentMethodsBrowserTest {
  private static final List<String> GUIDE = List.of("card", "bancontact", "eps", "ideal", "p24", "sepa_debit", "sofort");

  /** Its own stack: the SEPA payment moves the processor's clock days ahead. */
  private static Stack stack;
  private Browser browser;

  @BeforeAll
  static void start() {
    stack = Stack.fresh(UnaryOperator.identity()); // Stripe's default account type: Standard
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @BeforeEach
  void open() {
    browser = new Browser();
  }

  @AfterEach
  void close() {
    browser.close();
  }

  /** The language the browser asks pages in ({@code Accept-Language}), as a customer's browser in that country sends it. */
  private void speak(String language) {
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    chrome.executeCdpCommand("Network.enable", Map.of());
    chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", language)));
  }

  /** The payment methods on the hosted checkout page, in the order shown. */
  private List<String> methods() {
    return browser.driver().findElements(By.name("method")).stream().map(e -> e.getAttribute("value")).toList();
  }

  private String checkedMethod() {
    return browser.driver().findElements(By.name("method")).stream().filter(WebElement::isSelected).map(e -> e.getAttribute("value"))
        .findFirst().orElse(null);
  }

  private void pressPay() {
    browser.press(browser.driver().findElement(By.cssSelector("form button[type=submit]")).getText());
  }

  private String orderStatus(String sessionId) {
    return stack.platformJdbi.withHandle(h -> h.createQuery("SELECT status FROM orders WHERE checkout_session_id = :s")
        .bind("s", sessionId).mapTo(String.class).one());
  }

  /** A new customer, whose browser speaks {@code language}, buys one scarf and reaches Stripe's checkout; returns the session id. */
  private String checkout(String slug, String language) {
    browser.driver().manage().deleteAllCookies();
    speak(language);
    browser.open(stack.url("/s/" + slug));
    browser.type("Quantity of Silk scarf", "1").press("Check out");
    browser.waitForUrl(u -> u.startsWith(stack.processor.url() + "/c/pay/"));
    return browser.url().substring(browser.url().lastIndexOf('/') + 1);
  }

  private String frenchMerchantOnboarded() {
    String merchant = "amelie+" + System.nanoTime() + "@example.com";
    browser.open(stack.url("/signup"));
    browser.type("Email", merchant).type("Password", "un magasin à Montmartre").type("Store name", "Chez Amélie")
        .select("Country of your business", "France").press("Create my store");
    browser.waitForUrl(u -> u.startsWith(stack.processor.url()));
    Onboarding.verifyPhone(browser);
    Onboarding.createLoginIfAsked(browser);
    browser.choose("Individual or sole proprietor").select("Industry", "Clothing and accessories")
        .type("Website", "https://accessible.stripe.com").press("Continue");
    browser.type("First name", "Amélie").type("Last name", "Poulain").type("Phone", "0000000000")
        .type("Date of birth: day", "1").type("Date of birth: month", "1").type("Date of birth: year", "1901")
        .type("Home address: street", "address_full_match").type("Home address: city", "Paris")
        .type("Home address: postal code", "75018").press("Continue");
    browser.type("Account holder name", "Amélie Poulain").type("IBAN", "FR1420041010050500013M02606").press("Continue");
    browser.choose("I agree to the Stripe Connected Account Agreement").press("Agree and submit");
    browser.waitForUrl(u -> u.startsWith(stack.url("/onboarding/return")));
    return merchant;
  }

  @Test
  void aFrenchStoreOffersTheGuidesMethodsAndEachEndsInAPaidOrder() {
    String merchant = frenchMerchantOnboarded();
    browser.follow("Go to your dashboard");
    assertThat(browser.text()).contains("Payment methods your customers see");
    Map<String, String> shown = new java.util.LinkedHashMap<>();
    for (WebElement row : browser.driver().findElements(By.cssSelector("dl.methods > div"))) {
      shown.put(row.findElement(By.tagName("dt")).getText(), row.findElement(By.tagName("dd")).getText());
    }
    assertThat(shown).containsOnlyKeys("Cards", "Bancontact", "EPS", "iDEAL", "Przelewy24", "SEPA Direct Debit", "Sofort")
        .allSatisfy((label, note) -> assertThat(note).as(label).isEqualTo("Shown at checkout"));
    browser.follow("Products").follow("Add a product");
    browser.type("Name", "Silk scarf").type("Price (EUR)", "30.00").press("Save product");
    String slug = stack.platformJdbi.withHandle(h -> h.createQuery(
            "SELECT s.slug FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e")
        .bind("e", merchant).mapTo(String.class).one());

    // A Dutch customer: iDEAL first, and chosen already.
    String dutch = checkout(slug, "nl-NL,nl;q=0.9");
    assertThat(methods()).containsExactlyInAnyOrderElementsOf(GUIDE).first().isEqualTo("ideal");
    assertThat(checkedMethod()).isEqualTo("ideal");
    assertThat(browser.field("Country").getAttribute("value")).as("the address starts in the store's country").isEqualTo("FR");
    browser.type("Email", "daan+" + System.nanoTime() + "@example.com");
    pressPay();
    assertThat(browser.text()).contains("Authorize test payment");
    browser.press("Authorize test payment");
    browser.waitForUrl(u -> u.startsWith(stack.url("/s/" + slug + "/orders/")));
    browser.waitForText("Payment received — thank you", Await.WEBHOOK);
    assertThat(orderStatus(dutch)).isEqualTo("paid");

    // A Belgian customer: Bancontact first.
    String belgian = checkout(slug, "fr-BE,fr;q=0.9");
    assertThat(methods()).containsExactlyInAnyOrderElementsOf(GUIDE).first().isEqualTo("bancontact");
    browser.type("Email", "lotte+" + System.nanoTime() + "@example.com");
    pressPay();
    browser.press("Authorize test payment");
    browser.waitForUrl(u -> u.startsWith(stack.url("/s/" + slug + "/orders/")));
    browser.waitForText("Payment received — thank you", Await.WEBHOOK);
    assertThat(orderStatus(belgian)).isEqualTo("paid");

    // A French customer pays by SEPA Direct Debit: processing until the bank answers, days later.
    String french = checkout(slug, "fr-FR,fr;q=0.9");
    assertThat(methods()).first().isEqualTo("card");
    browser.type("Email", "jeanne+" + System.nanoTime() + "@example.com").choose("SEPA Direct Debit");
    assertThat(browser.text()).contains("SEPA Direct Debit mandate");
    browser.type("IBAN", "FR1420041010050500013M02606").type("Account holder name", "Jeanne Martin");
    pressPay();
    browser.waitForUrl(u -> u.startsWith(stack.url("/s/" + slug + "/orders/")));
    browser.waitForText("Payment processing: we will e-mail you", Await.WEBHOOK);
    assertThat(orderStatus(french)).isNotEqualTo("paid");
    stack.advanceProcessorClock(Duration.ofDays(4));
    Await.until("checkout.session.async_payment_succeeded handled", () -> "paid".equals(orderStatus(french)));
    browser.open(browser.url());
    assertThat(browser.text()).contains("Payment received — thank you");

    // A Dutch customer whose bank refuses: back at checkout, told why, the order unpaid.
    String refused = checkout(slug, "nl-NL");
    browser.type("Email", "sem+" + System.nanoTime() + "@example.com");
    pressPay();
    browser.press("Fail test payment");
    browser.waitForUrl(u -> u.startsWith(stack.processor.url() + "/c/pay/"));
    assertThat(browser.text()).contains("The payment failed: the customer did not authorize it at their bank.");
    assertThat(methods()).contains("ideal", "card");
    assertThat(orderStatus(refused)).isNotEqualTo("paid");
  }

  @Test
  void aUsStoresCustomerIsOfferedCardsAloneWithoutAnError() {
    Shops.Shop shop = Shops.openStandard(stack, "Dollar Deli", "my dashboard password 1843");
    long sandwich = shop.addProduct("Sandwich", "9.50");
    String session = new Shops.Customer(shop).checkout(Map.of(sandwich, 1));
    speak("nl-NL");
    browser.open(stack.processor.url() + "/c/pay/" + session);
    assertThat(browser.heading()).isEqualTo("Pay Dollar Deli");
    assertThat(methods()).containsExactly("card");
    assertThat(browser.driver().findElements(By.cssSelector(".error-summary"))).isEmpty();
    assertThat(browser.field("Country").getAttribute("value")).isEqualTo("US");
    String dashboard = shop.merchant().get("/dashboard").body();
    assertThat(dashboard).contains("Payment methods your customers see").contains("Only for prices in euros; your prices are in USD")
        .contains("Stripe does not offer it to businesses in United States");
  }
}

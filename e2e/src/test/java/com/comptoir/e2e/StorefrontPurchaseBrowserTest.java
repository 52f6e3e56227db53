package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Browser;
import com.comptoir.testing.Await;
import com.comptoir.platform.fees.FeeSchedule;
import com.stripe.StripeClient;
import com.stripe.model.ApplicationFee;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.ApplicationFeeListParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Steps 3 and 4 of the guide in Chromium: a merchant onboards and adds a product; a customer opens
 * the storefront, buys two, pays by card on Stripe's hosted checkout (wearing the store's name),
 * comes back to the order page, which says the payment was received once the
 * {@code checkout.session.completed} webhook has arrived, and gets the confirmation e-mail; the
 * merchant's Orders page lists the order as paid, and the application fee on Stripe is the one the
 * platform's fee rule gives.
 */
class StorefrontPurchaseBrowserTest {
  private final Stack stack = Stack.shared();
  private Browser browser;
  @TempDir Path files;

  @BeforeEach
  void open() {
    browser = new Browser();
  }

  @AfterEach
  void close() {
    browser.close();
  }

  @Test
  void aCustomerBuysTwoOnTheStorefrontPaysByCardAndTheMerchantSeesTheOrderPaid() throws Exception {
    String merchant = "clara+" + System.nanoTime() + "@example.com";
    String password = "a storefront of one's own";
    browser.open(stack.url("/signup"));
    browser.type("Email", merchant).type("Password", password).type("Store name", "Clara's Corner")
        .select("Country of your business", "United States").press("Create my store");
    browser.waitForUrl(u -> u.startsWith(stack.processor.url()));
    Onboarding.complete(browser);
    browser.waitForUrl(u -> u.startsWith(stack.url("/onboarding/return")));
    // A light brand colour: the storefront must still keep its text readable on it.
    browser.follow("Go to your dashboard").follow("Store settings");
    Path logo = files.resolve("logo.png");
    ImageIO.write(new BufferedImage(160, 160, BufferedImage.TYPE_INT_RGB), "png", logo.toFile());
    browser.type("Brand colour", "#ffd600").attach("Logo", logo).press("Save settings");
    browser.follow("Products").follow("Add a product");
    browser.type("Name", "Silk scarf").type("Description", "Hand-printed, 90 cm.").type("Price (USD)", "25.00").press("Save product");
    assertThat(browser.text()).contains("Silk scarf").doesNotContain("Not on Stripe yet");
    String slug = stack.platformJdbi.withHandle(h -> h.createQuery(
            "SELECT s.slug FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e")
        .bind("e", merchant).mapTo(String.class).one());

    // The customer: another visitor, no sign-in.
    browser.driver().manage().deleteAllCookies();
    String customer = "customer+" + System.nanoTime() + "@example.com";
    browser.open(stack.url("/s/" + slug));
    assertThat(browser.heading()).isEqualTo("Clara's Corner");
    assertThat(browser.text()).contains("Silk scarf").contains("Hand-printed, 90 cm.").contains("25.00 USD");
    assertThat((Long) ((JavascriptExecutor) browser.driver()).executeScript(
        "return document.querySelector('img.store-logo').naturalWidth;")).as("the store's logo is shown").isEqualTo(160L);
    assertThat(browser.unlabelledControls()).isEmpty();
    assertThat(browser.lowContrastText()).isEmpty();
    browser.driver().manage().window().setSize(new Dimension(360, 740));
    assertThat(browser.scrollsSideways()).as("the storefront on a phone").isFalse();
    browser.driver().manage().window().setSize(new Dimension(1200, 900));
    browser.type("Quantity of Silk scarf", "2").press("Check out");

    // Stripe's hosted checkout, on the store's connected account.
    browser.waitForUrl(u -> u.startsWith(stack.processor.url() + "/c/pay/"));
    assertThat(browser.heading()).isEqualTo("Pay Clara's Corner");
    assertThat(browser.text()).contains("Silk scarf").contains("$50.00");
    browser.type("Email", customer).type("Card number", "4242 4242 4242 4242").type("Expiration", "12 / 34")
        .type("CVC", "123").type("Cardholder name", "Cleo Customer").press("Pay $50.00");

    // Back on the storefront's order page, which says "paid" only once the webhook has said so.
    browser.waitForUrl(u -> u.startsWith(stack.url("/s/" + slug + "/orders/")));
    assertThat(browser.url()).contains("?session_id=cs_");
    String sessionId = browser.url().substring(browser.url().indexOf("session_id=") + "session_id=".length());
    browser.waitForText("Payment received — thank you", Await.WEBHOOK);
    assertThat(browser.text()).contains("Silk scarf").contains("50.00 USD").contains(customer);
    assertThat(browser.lowContrastText()).isEmpty();
    Await.until("the confirmation e-mail arrives", () -> Arrays.stream(stack.mail.getReceivedMessages()).anyMatch(m -> to(m, customer)));
    MimeMessage mail = Arrays.stream(stack.mail.getReceivedMessages()).filter(m -> to(m, customer)).findFirst().orElseThrow();
    assertThat(mail.getSubject()).endsWith("at Clara's Corner: payment received");

    // The merchant's Orders page.
    browser.open(stack.url("/login"));
    browser.type("Email", merchant).type("Password", password).press("Log in");
    browser.follow("Orders");
    assertThat(browser.heading()).isEqualTo("Orders");
    assertThat(browser.text()).contains(customer).contains("50.00 USD").contains("Paid");
    long orderId = stack.platformJdbi.withHandle(h -> h.createQuery("SELECT id FROM orders WHERE checkout_session_id = :s")
        .bind("s", sessionId).mapTo(Long.class).one());
    browser.follow(Long.toString(orderId));
    assertThat(browser.driver().findElement(org.openqa.selenium.By.cssSelector(".money-application-fee")).getText()).isEqualTo("1.55 USD");

    // The application fee Stripe recorded is the fee rule's: 2.5% of 50.00, plus 0.30.
    String account = stack.platformJdbi.withHandle(h -> h.createQuery("SELECT account_id FROM stores WHERE slug = :slug")
        .bind("slug", slug).mapTo(String.class).one());
    StripeClient stripe = stack.stripe();
    Session session = stripe.v1().checkout().sessions().retrieve(sessionId,
        SessionRetrieveParams.builder().addExpand("payment_intent").build(), RequestOptions.builder().setStripeAccount(account).build());
    String charge = session.getPaymentIntentObject().getLatestCharge();
    List<ApplicationFee> fees = stripe.v1().applicationFees().list(ApplicationFeeListParams.builder().setCharge(charge).build()).getData();
    assertThat(fees).singleElement().satisfies(fee -> {
      assertThat(fee.getAmount()).isEqualTo(FeeSchedule.DEFAULT.ruleFor("usd").applicationFeeAmount(5000)).isEqualTo(155L);
      assertThat(fee.getAccount()).isEqualTo(account);
    });
  }

  private static boolean to(MimeMessage message, String email) {
    try {
      return message.getAllRecipients()[0].toString().equals(email);
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }
}

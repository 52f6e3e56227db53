package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Browser;
import com.stripe.StripeClient;
import com.stripe.model.Account;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.PriceListParams;
import com.stripe.param.ProductListParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first "must show", in Chromium: a new merchant signs up, is sent to Stripe's hosted
 * onboarding, completes it, returns, sees "ready to accept payments", brands the store and adds two
 * products; the Products and Prices are then on the connected account, and the account's branding
 * matches, as read back through stripe-java.
 */
class MerchantJourneyBrowserTest {
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
  void aNewMerchantSignsUpOnboardsBrandsTheStoreAndAddsTwoProducts() throws Exception {
    String email = "ada+" + System.nanoTime() + "@example.com";
    browser.open(stack.url("/signup"));
    assertThat(browser.heading()).isEqualTo("Create your store");
    browser.type("Email", email).type("Password", "analytical engine 1843").type("Store name", "Ada's Shop")
        .select("Country of your business", "United States").press("Create my store");

    // Straight to Stripe's hosted onboarding through a fresh account link; the account was made first.
    browser.waitForUrl(u -> u.startsWith(stack.processor.url()));
    String accountId = stack.platformJdbi.withHandle(h -> h.createQuery(
            "SELECT s.account_id FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e")
        .bind("e", email).mapTo(String.class).one());
    assertThat(accountId).startsWith("acct_");
    Onboarding.verifyPhone(browser);
    // A Standard account: the holder makes the login of their own Stripe Dashboard, with the e-mail the platform prefilled.
    assertThat(browser.heading()).isEqualTo("Create your Stripe login");
    assertThat(browser.field("Email").getAttribute("value")).isEqualTo(email);
    Onboarding.createLoginIfAsked(browser);
    assertThat(browser.field("Business name (shown to customers)").getAttribute("value")).isEqualTo("Ada's Shop"); // prefilled
    assertThat(browser.field("Website").getAttribute("value")).isEqualTo(stack.url("/s/adas-shop"));
    Onboarding.finishFromBusiness(browser);

    // Back on the platform, which read the account and says what happened.
    browser.waitForUrl(u -> u.startsWith(stack.url("/onboarding/return")));
    assertThat(browser.heading()).isEqualTo("Back from Stripe");
    assertThat(browser.text()).contains("Your store is ready to accept payments");
    browser.follow("Go to your dashboard");
    assertThat(browser.text()).contains("ready to accept payments").doesNotContain("Continue onboarding");

    // Branding: name, colour and logo, sent to the connected account.
    browser.follow("Store settings");
    Path logo = files.resolve("logo.png");
    BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    image.getGraphics().setColor(new Color(0x0a, 0x7d, 0x5c));
    image.getGraphics().fillRect(0, 0, 256, 256);
    ImageIO.write(image, "png", logo.toFile());
    browser.type("Store name", "Ada's Atelier").type("Brand colour", "#0A7D5C").attach("Logo", logo).press("Save settings");
    assertThat(browser.text()).contains("Your settings are saved.");
    assertThat(browser.field("Brand colour").getAttribute("value")).isEqualTo("#0a7d5c");

    // Two products, the first previewed before saving.
    browser.follow("Products").follow("Add a product");
    browser.type("Name", "Silk scarf").type("Description", "Hand-printed, 90 cm.").type("Or an image URL", "https://example.com/scarf.png")
        .type("Price (USD)", "25.00").press("Preview");
    assertThat(browser.text()).contains("Comptoir fee (2.5% + 0.30 USD)").contains("0.93 USD").contains("24.07 USD");
    assertThat(browser.field("Name").getAttribute("value")).isEqualTo("Silk scarf"); // not saved yet, still typed
    browser.press("Save product");
    browser.follow("Add a product");
    browser.type("Name", "Linen tote").type("Price (USD)", "12.5").press("Save product");
    assertThat(browser.heading()).isEqualTo("Products");
    assertThat(browser.text()).contains("Silk scarf").contains("25.00 USD").contains("Linen tote").contains("12.50 USD")
        .doesNotContain("Not on Stripe yet");

    // On the connected account: the products, their prices as defaults, and the branding.
    StripeClient stripe = stack.stripe();
    RequestOptions onAccount = RequestOptions.builder().setStripeAccount(accountId).build();
    List<Product> products = stripe.v1().products().list(ProductListParams.builder().build(), onAccount).getData();
    assertThat(products).extracting(Product::getName).containsExactlyInAnyOrder("Silk scarf", "Linen tote");
    Product scarf = products.stream().filter(p -> p.getName().equals("Silk scarf")).findFirst().orElseThrow();
    assertThat(scarf.getDescription()).isEqualTo("Hand-printed, 90 cm.");
    assertThat(scarf.getImages()).containsExactly("https://example.com/scarf.png");
    List<Price> prices = stripe.v1().prices().list(PriceListParams.builder().build(), onAccount).getData();
    Map<String, Long> amountByProduct = prices.stream().collect(Collectors.toMap(Price::getProduct, Price::getUnitAmount));
    assertThat(prices).allSatisfy(p -> assertThat(p.getCurrency()).isEqualTo("usd"));
    assertThat(amountByProduct).containsEntry(scarf.getId(), 2500L);
    Product tote = products.stream().filter(p -> p.getName().equals("Linen tote")).findFirst().orElseThrow();
    assertThat(amountByProduct).containsEntry(tote.getId(), 1250L);
    assertThat(prices).allSatisfy(p -> assertThat(products).anySatisfy(prod -> assertThat(prod.getDefaultPrice()).isEqualTo(p.getId())));

    Account account = stripe.v1().accounts().retrieve(accountId);
    assertThat(account.getSettings().getBranding().getPrimaryColor()).isEqualTo("#0a7d5c");
    assertThat(account.getBusinessProfile().getName()).isEqualTo("Ada's Atelier");
    assertThat(account.getBusinessProfile().getUrl()).isEqualTo(stack.url("/s/adas-shop"));
    String logoFileId = stack.platformJdbi.withHandle(h -> h.createQuery("SELECT logo_file_id FROM stores WHERE account_id = :a")
        .bind("a", accountId).mapTo(String.class).one());
    browser.follow("Store settings");
    // The logo went up as a Stripe file on the connected account and is its branding logo.
    assertThat(logoFileId).startsWith("file_");
    assertThat(account.getSettings().getBranding().getLogo()).isEqualTo(logoFileId);
    assertThat(browser.text()).doesNotContain("Stripe did not take all of your branding");

    // A customer buys the scarf through a direct-charge Checkout Session with the platform's fee, as
    // the storefront will send them; the operator then sees the fee and the platform's balance.
    Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.PAYMENT)
            .addLineItem(SessionCreateParams.LineItem.builder().setPrice(scarf.getDefaultPrice()).setQuantity(1L).build())
            .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().setApplicationFeeAmount(93L).build())
            .setSuccessUrl(stack.url("/thanks")).setCancelUrl(stack.url("/cancel"))
            .build(),
        onAccount);
    stack.payCheckoutSession(accountId, session.getId());
    Visitor operator = new Visitor(stack);
    operator.logInAsOperator();
    String money = operator.get("/operator/money").body();
    assertThat(money).doesNotContain("Stripe did not").contains("<strong>0.93 USD</strong>").contains(accountId);
    assertThat(money).containsPattern("<dt>Pending</dt><dd>[^<]*0\\.93 USD");
  }
}

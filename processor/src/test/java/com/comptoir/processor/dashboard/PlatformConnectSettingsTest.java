package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Browser;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Settings → Connect in Chromium: the platform turns on the guide's payment methods for its
 * connected accounts and sets its icon and colours; a new business's onboarding and a customer's
 * Checkout on a connected account then show them (the image served, the colour applied, the
 * methods offered), and a file that is not an image is refused with a message, keeping what was typed.
 */
@InOwnSandbox
class PlatformConnectSettingsTest {
  /** A sandbox of its own: this test changes the platform's branding and its connected accounts' methods. */
  private static final TestProcessor PROCESSOR = TestProcessor.sandbox();
  private static final String EMAIL = PROCESSOR.dashboardEmail();
  private static final String PASSWORD = PROCESSOR.dashboardPassword();
  /** The guide's methods as the Dashboard names them, and as Checkout does. */
  private static final List<String> GUIDE = List.of("Cards", "Bancontact", "EPS", "iDEAL", "Przelewy24", "SEPA Direct Debit", "Sofort");
  private static final List<String> AT_CHECKOUT = List.of("Card", "Bancontact", "EPS", "iDEAL", "Przelewy24", "SEPA Direct Debit", "Sofort");
  private final StripeHttp http = PROCESSOR.http();

  @TempDir
  Path folder;

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  private Path png(String name, int width, int height, Color color) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return Files.write(folder.resolve(name), out.toByteArray());
  }

  private static HttpResponse<byte[]> fetch(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String backgroundOf(Browser browser, String css) {
    return browser.driver().findElement(By.cssSelector(css)).getCssValue("background-color");
  }

  private JsonNode connectedAccountsConfiguration() {
    for (JsonNode c : http.get("/v1/payment_method_configurations").json().get("data")) {
      if ("Connected accounts".equals(c.get("name").asText())) {
        return c;
      }
    }
    throw new AssertionError("no Connected accounts configuration");
  }

  private JsonNode session(String account) {
    StripeHttp shop = http.header("Stripe-Account", account);
    String product = shop.post("/v1/products", Map.of("name", "Linen shirt")).json().get("id").asText();
    String price = shop.post("/v1/prices", Map.of("product", product, "currency", "eur", "unit_amount", "10000")).json().get("id").asText();
    StripeHttp.Response r = shop.post("/v1/checkout/sessions", Map.of("mode", "payment", "line_items[0][price]", price,
        "line_items[0][quantity]", "1", "payment_intent_data[application_fee_amount]", "123",
        "success_url", "http://127.0.0.1:9/success", "cancel_url", "http://127.0.0.1:9/cancel"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void thePlatformsBrandingAndMethodsReachOnboardingAndCheckout() throws Exception {
    String shop = ActivatedAccounts.custom(http, "NL", "bancontact_payments", "eps_payments", "ideal_payments", "p24_payments",
        "sepa_debit_payments", "sofort_payments");
    assertThat(connectedAccountsConfiguration().at("/ideal/display_preference/value").asText()).isEqualTo("off"); // Stripe's default
    Path icon = png("icon.png", 128, 128, new Color(0x0a, 0x7d, 0x4f));
    Path notAnImage = Files.writeString(folder.resolve("icon.png.txt"), "this is text, not a picture");

    try (Browser browser = new Browser()) {
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      browser.follow("Settings: Connect");
      assertThat(browser.heading()).isEqualTo("Connect settings");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();

      for (String method : GUIDE) {
        if (!browser.field(method).isSelected()) {
          browser.choose(method);
        }
      }
      browser.press("Save payment methods");
      assertThat(browser.text()).contains("Payment methods for your connected accounts are saved");
      for (String method : GUIDE) {
        assertThat(browser.field(method).isSelected()).as(method).isTrue();
      }
      JsonNode config = connectedAccountsConfiguration();
      for (String type : List.of("card", "bancontact", "eps", "ideal", "p24", "sepa_debit", "sofort")) {
        assertThat(config.at("/" + type + "/display_preference/value").asText()).as(type).isEqualTo("on");
      }

      browser.type("Business name", "Réseau <Atelier>").type("Brand colour", "#0a7d4f").type("Accent colour (optional)", "#fde68a")
          .attach("Icon", notAnImage).press("Save branding");
      assertThat(browser.text()).contains("Your branding was not saved", "must be a PNG, JPEG or GIF image");
      assertThat(browser.field("Business name").getAttribute("value")).isEqualTo("Réseau <Atelier>");
      assertThat(browser.field("Brand colour").getAttribute("value")).isEqualTo("#0a7d4f");
      assertThat(http.get("/v1/account").json().at("/settings/branding/primary_color").asText()).isEqualTo("#3d5afe"); // unchanged

      browser.attach("Icon", icon).press("Save branding");
      assertThat(browser.text()).contains("Your Connect branding is saved");
    }
    JsonNode platform = http.get("/v1/account").json();
    assertThat(platform.at("/settings/branding/primary_color").asText()).isEqualTo("#0a7d4f");
    assertThat(platform.at("/settings/branding/secondary_color").asText()).isEqualTo("#fde68a");
    assertThat(platform.at("/business_profile/name").asText()).isEqualTo("Réseau <Atelier>");
    String iconFile = platform.at("/settings/branding/icon").asText();
    assertThat(http.get("/v1/files/" + iconFile).json().get("purpose").asText()).isEqualTo("business_icon");

    // a new business's onboarding: the platform's name, icon and colours
    String merchant = DashboardVisitor.expressAccount(http, "FR", Map.of());
    String link = http.post("/v1/account_links", Map.of("account", merchant, "type", "account_onboarding",
        "refresh_url", "http://127.0.0.1:9/refresh", "return_url", "http://127.0.0.1:9/return")).json().get("url").asText();
    byte[] iconBytes = Files.readAllBytes(icon);
    try (Browser merchantBrowser = new Browser()) {
      merchantBrowser.open(link);
      assertThat(merchantBrowser.text()).contains("Réseau <Atelier>");
      assertShowsBranding(merchantBrowser, iconFile, iconBytes);
      assertThat(merchantBrowser.lowContrastText()).isEmpty();
    }

    // a customer's Checkout on a Custom account, which has no branding of its own
    JsonNode session = session(shop);
    try (Browser customer = new Browser()) {
      customer.open(session.get("url").asText());
      assertShowsBranding(customer, iconFile, iconBytes);
      List<String> offered = customer.driver().findElements(By.cssSelector("fieldset.methods input[name=method]")).stream()
          .map(radio -> customer.driver().findElement(By.cssSelector("label[for='" + radio.getAttribute("id") + "']")).getAttribute("textContent").strip())
          .toList();
      assertThat(offered).containsExactlyInAnyOrderElementsOf(AT_CHECKOUT);
      assertThat(customer.lowContrastText()).isEmpty();
    }
  }

  private static void assertShowsBranding(Browser browser, String iconFile, byte[] iconBytes) throws Exception {
    WebElement img = browser.driver().findElement(By.cssSelector("header.brand img"));
    assertThat(img.getAttribute("src")).endsWith("/files/" + iconFile);
    assertThat(Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeScript("return arguments[0].complete && arguments[0].naturalWidth === 128", img))).as("the icon is loaded").isTrue();
    HttpResponse<byte[]> served = fetch(img.getAttribute("src"));
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(served.body()).isEqualTo(iconBytes);
    assertThat(backgroundOf(browser, "button[type=submit]")).isEqualTo("rgba(10, 125, 79, 1)");
    assertThat(backgroundOf(browser, "header.brand")).isEqualTo("rgba(253, 230, 138, 1)");
  }

  @Test
  void anIconTooSmallOrNotSquareIsRefusedWithWhatWasTyped() throws Exception {
    try (Browser browser = new Browser()) {
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      browser.follow("Settings: Connect");
      browser.type("Brand colour", "blue").attach("Icon", png("small.png", 64, 64, Color.BLUE)).press("Save branding");
      assertThat(browser.text()).contains("Enter the brand colour as # and six hexadecimal digits", "it must be at least 128 × 128");
      assertThat(browser.field("Brand colour").getAttribute("value")).isEqualTo("blue");
      browser.type("Brand colour", "#123456").attach("Icon", png("wide.png", 256, 128, Color.BLUE)).press("Save branding");
      assertThat(browser.text()).contains("The icon must be square");
    }
  }
}

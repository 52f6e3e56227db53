package com.comptoir.e2e.story;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.database.Folders;
import com.comptoir.testing.Await;
import com.comptoir.testing.Browser;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The guide's story in one walk, on Comptoir as a newcomer starts it ({@code ./comptoir start} on a
 * fresh data folder): a French merchant signs up, onboards on Stripe's hosted pages, leaving halfway
 * and coming back through the spent link's {@code refresh_url}, brands the store and adds products;
 * customers pay by card, by iDEAL and by SEPA Direct Debit; the card order is paid from the webhook
 * and its e-mail is in the outbox; the merchant refunds part of it; the processor's clock moves on
 * the platform's Dashboard and the SEPA payment settles and a payout reaches the bank; the operator
 * sees the application fees and the ledger auditor finds nothing wrong.
 *
 * <p>Each step leaves a screenshot in {@code target/story/} ({@link StoryShots} names README's);
 * a failing step is named and leaves its screenshot and HTML there.
 */
class GuideStoryBrowserTest {
  static final Path FOLDER = Path.of("target", "story").toAbsolutePath();
  private static final String MERCHANT = "camille@maison-lumiere.example";
  private static final String PASSWORD = "bougies et lin 1789";
  private static final String CARD_CUSTOMER = "lea@example.com";
  private static final String IDEAL_CUSTOMER = "daan@example.nl";
  private static final String SEPA_CUSTOMER = "jeanne@example.fr";
  /** Stripe's test IBAN for France that settles (fact sheet §6.4). */
  private static final String IBAN = "FR1420041010050500013M02606";

  private static Newcomer comptoir;
  private static Browser browser;

  @BeforeAll
  static void startAsANewcomerDoes() throws Exception {
    Folders.deleteRecursively(FOLDER);
    Files.createDirectories(FOLDER);
    Path data = FOLDER.resolveSibling("story-data");
    Folders.deleteRecursively(data);
    comptoir = Newcomer.start(data);
    browser = new Browser(true);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (comptoir != null) {
      comptoir.close();
    }
  }

  private static String platform(String path) {
    return comptoir.platformUrl + path;
  }

  @Test
  void aMerchantOpensAStoreCustomersPayAndTheMoneyReachesTheBank() throws Exception {
    Story story = new Story(FOLDER, browser);
    String[] spentLink = new String[1];
    String[] slug = new String[1];

    story.step("sign-up", () -> {
      browser.open(platform("/signup"));
      assertThat(browser.heading()).isEqualTo("Create your store");
      browser.type("Email", MERCHANT).type("Password", PASSWORD).type("Store name", "Maison Lumière")
          .select("Country of your business", "France");
    });

    story.step("hosted-onboarding", () -> {
      browser.requestedUrls(); // from here on: the account link the platform is about to send the merchant through
      browser.press("Create my store");
      browser.waitForUrl(u -> u.startsWith(comptoir.processorUrl + "/onboarding"));
      spentLink[0] = browser.requestedUrls().stream().filter(u -> u.startsWith(comptoir.processorUrl + "/setup/s/acct_"))
          .findFirst().orElseThrow(() -> new AssertionError("no account link among the addresses the browser went through"));
      assertThat(browser.heading()).isEqualTo("Verify your phone");
      assertThat(browser.text()).contains("Comptoir");
      browser.type("Mobile number", "000 000 0000").type("Verification code", "000000");
    });

    story.step("onboarding-left-halfway", () -> {
      browser.press("Continue");
      assertThat(browser.heading()).isEqualTo("Create your Stripe login");
      assertThat(browser.field("Email").getAttribute("value")).isEqualTo(MERCHANT);
      browser.type("Password", "mon tableau de bord 1789").press("Continue");
      assertThat(browser.heading()).isEqualTo("Your business");
      browser.choose("Individual or sole proprietor").select("Industry", "Other retail")
          .type("Website", platform("/s/maison-lumiere")).press("Continue");
      // Called away: the merchant saves and leaves, and the platform says what Stripe still needs.
      browser.press("Save and finish later");
      browser.waitForUrl(u -> u.startsWith(platform("/onboarding/return")));
      assertThat(browser.text()).contains("Finish setting up payments").contains("Stripe needs");
    });

    story.step("onboarding-resumed", () -> {
      // Later, the merchant opens the link they came through again: spent, it sends them to the
      // platform's refresh_url, which makes a fresh one, and onboarding goes on where it stopped.
      browser.requestedUrls();
      browser.open(spentLink[0]);
      browser.waitForUrl(u -> u.startsWith(comptoir.processorUrl + "/onboarding/"));
      assertThat(browser.requestedUrls()).contains(platform("/onboarding/refresh"));
      browser.type("Mobile number", "000 000 0000").type("Verification code", "000000").press("Continue");
      assertThat(browser.heading()).as("the business step is done").isNotEqualTo("Your business");
      browser.type("First name", "Camille").type("Last name", "Durand").type("Phone", "0000000000")
          .type("Date of birth: day", "1").type("Date of birth: month", "1").type("Date of birth: year", "1901")
          .type("Home address: street", "address_full_match").type("Home address: city", "Paris")
          .type("Home address: postal code", "75011").press("Continue");
      browser.type("Account holder name", "Camille Durand").type("IBAN", IBAN).press("Continue");
      browser.choose("I agree to the Stripe Connected Account Agreement").press("Agree and submit");
      browser.waitForUrl(u -> u.startsWith(platform("/onboarding/return")));
      assertThat(browser.text()).contains("Your store is ready to accept payments");
    });

    story.step("store-branded", () -> {
      browser.follow("Go to your dashboard").follow("Store settings");
      browser.type("Brand colour", "#8c2f39").attach("Logo", picture("logo.png", new Color(0x8c, 0x2f, 0x39), "ML"))
          .press("Save settings");
      assertThat(browser.text()).contains("Your settings are saved.").doesNotContain("Stripe did not take all of your branding");
      slug[0] = browser.field("Store address").getAttribute("value");
    });

    story.step("products-added", () -> {
      addProduct("Beeswax candle", "Hand-poured in Lyon, burns for 40 hours.", "24.00", new Color(0xe0, 0xa1, 0x3a));
      addProduct("Linen tea towel", "Stonewashed French linen, 50 × 70 cm.", "16.50", new Color(0x5b, 0x7d, 0x8c));
      assertThat(browser.heading()).isEqualTo("Products");
      assertThat(browser.text()).contains("Beeswax candle").contains("24.00 EUR").contains("Linen tea towel")
          .doesNotContain("Not on Stripe yet");
    });

    story.step("storefront", () -> {
      becomeSomeoneElse("fr-FR,fr;q=0.9");
      browser.open(platform("/s/" + slug[0]));
      assertThat(browser.heading()).isEqualTo("Maison Lumière");
      assertThat(browser.text()).contains("Beeswax candle").contains("Hand-poured in Lyon");
      // The list's pictures load lazily: awaited, as a person waits for them, before the screenshot.
      Await.until("the logo and both product pictures are loaded", () -> (Long) ((ChromeDriver) browser.driver()).executeScript(
          "return [...document.images].filter(i => i.complete && i.naturalWidth > 0).length;") >= 3L);
    });

    story.step("hosted-checkout", () -> {
      browser.type("Quantity of Beeswax candle", "2").press("Check out");
      browser.waitForUrl(u -> u.startsWith(comptoir.processorUrl + "/c/pay/"));
      assertThat(browser.heading()).isEqualTo("Pay Maison Lumière");
      assertThat(methods()).contains("card", "ideal", "bancontact", "sepa_debit");
      browser.type("Email", CARD_CUSTOMER).type("Card number", "4242 4242 4242 4242").type("Expiration", "12 / 34")
          .type("CVC", "123").type("Cardholder name", "Léa Martin");
    });

    story.step("paid-by-card", () -> {
      pressPay();
      browser.waitForUrl(u -> u.startsWith(platform("/s/" + slug[0] + "/orders/")));
      // "Paid" only once checkout.session.completed has reached the platform's webhook.
      browser.waitForText("Payment received — thank you", Await.WEBHOOK);
      assertThat(browser.text()).contains("48.00 EUR").contains(CARD_CUSTOMER);
    });

    story.step("paid-by-ideal", () -> {
      becomeSomeoneElse("nl-NL,nl;q=0.9");
      browser.open(platform("/s/" + slug[0]));
      browser.type("Quantity of Linen tea towel", "1").press("Check out");
      browser.waitForUrl(u -> u.startsWith(comptoir.processorUrl + "/c/pay/"));
      assertThat(methods()).first().as("a Dutch customer is offered iDEAL first").isEqualTo("ideal");
      browser.type("Email", IDEAL_CUSTOMER);
      pressPay();
      browser.press("Authorize test payment");
      browser.waitForUrl(u -> u.startsWith(platform("/s/" + slug[0] + "/orders/")));
      browser.waitForText("Payment received — thank you", Await.WEBHOOK);
    });

    story.step("sepa-processing", () -> {
      becomeSomeoneElse("fr-FR,fr;q=0.9");
      browser.open(platform("/s/" + slug[0]));
      browser.type("Quantity of Beeswax candle", "1").type("Quantity of Linen tea towel", "2").press("Check out");
      browser.waitForUrl(u -> u.startsWith(comptoir.processorUrl + "/c/pay/"));
      browser.type("Email", SEPA_CUSTOMER).choose("SEPA Direct Debit");
      browser.type("IBAN", IBAN).type("Account holder name", "Jeanne Petit");
      pressPay();
      browser.waitForUrl(u -> u.startsWith(platform("/s/" + slug[0] + "/orders/")));
      browser.waitForText("Payment processing: we will e-mail you", Await.WEBHOOK);
    });

    story.step("e-mail-in-outbox", () -> {
      becomeSomeoneElse("en");
      browser.open(platform("/operator/login")).type("Email", comptoir.operatorEmail).type("Password", comptoir.operatorPassword)
          .press("Log in");
      browser.follow("E-mail outbox");
      assertThat(browser.text()).contains(CARD_CUSTOMER).contains("at Maison Lumière: payment received").contains(IDEAL_CUSTOMER)
          .contains(MERCHANT);
    });

    story.step("partial-refund", () -> {
      becomeSomeoneElse("en");
      browser.open(platform("/login")).type("Email", MERCHANT).type("Password", PASSWORD).press("Log in");
      browser.follow("Orders");
      browser.driver().findElement(By.xpath("//tr[td[normalize-space(.)='" + CARD_CUSTOMER + "']]//a")).click();
      browser.waitForText("Refunds", Duration.ofSeconds(15));
      browser.type("Amount to refund (EUR)", "10.00").press("Refund");
      // The refund moves the order only when Stripe's charge.refunded has reached the platform.
      Await.until("the order is partially refunded", Await.WEBHOOK, () -> {
        browser.open(browser.url());
        return browser.text().contains("Partially refunded");
      });
      assertThat(browser.text()).contains("10.00 EUR");
    });

    story.step("clock-moved", () -> {
      browser.open(comptoir.processorUrl + "/dashboard/login");
      browser.type("Email", comptoir.dashboardEmail).type("Password", comptoir.dashboardPassword).press("Sign in");
      browser.follow("Test clock");
      browser.press("Advance 1 week");
      assertThat(browser.text()).contains("Ahead of real time by");
    });

    story.step("payout-paid", () -> {
      // Back on the platform (still signed in there): SEPA has settled, and a payout has been made.
      browser.open(platform("/orders"));
      Await.until("the SEPA order is paid", Await.WEBHOOK, () -> {
        browser.open(platform("/orders"));
        return rowOf(SEPA_CUSTOMER).contains("Paid");
      });
      for (int week = 0; week < 4 && !payoutPaid(); week++) {
        // A payout is paid on its arrival date: the merchant moves the clock on again and looks.
        browser.open(comptoir.processorUrl + "/dashboard/clock");
        browser.press("Advance 1 week");
      }
      assertThat(payoutPaid()).as("a payout reached the bank within four more weeks").isTrue();
    });

    story.step("application-fees", () -> {
      becomeSomeoneElse("en");
      browser.open(platform("/operator/login")).type("Email", comptoir.operatorEmail).type("Password", comptoir.operatorPassword)
          .press("Log in");
      browser.follow("Fees and balance");
      assertThat(browser.text()).contains("Application fees earned").contains("3 fees");
    });

    story.step("platform-dashboard", () -> {
      browser.open(comptoir.processorUrl + "/dashboard");
      assertThat(browser.text()).contains("Application fees", "Gross volume on connected accounts");
    });

    story.step("ledger-audited", () -> {
      browser.open(comptoir.processorUrl + "/dashboard/audit").press("Run the ledger audit");
      assertThat(browser.text()).contains("Every invariant holds");
    });

    // README's pictures (./comptoir screenshots) are steps of this story.
    assertThat(story.steps()).containsAll(StoryShots.steps());
  }

  private static boolean payoutPaid() {
    browser.open(platform("/payouts"));
    return browser.driver().findElements(By.cssSelector("td.payout-status")).stream().anyMatch(td -> td.getText().equals("Paid"));
  }

  private static String rowOf(String customer) {
    return browser.driver().findElements(By.xpath("//tr[td[normalize-space(.)='" + customer + "']]")).stream()
        .map(e -> e.getText()).findFirst().orElse("");
  }

  private static void addProduct(String name, String description, String price, Color color) throws IOException {
    browser.follow("Products").follow("Add a product");
    browser.type("Name", name).type("Description", description)
        .attach("Image", picture(name.replace(' ', '-') + ".png", color, name.substring(0, 1)))
        .type("Price (EUR)", price).press("Save product");
  }

  /** Another person at the same computer: no cookies of the last one, the browser speaking {@code language}. */
  private static void becomeSomeoneElse(String language) {
    for (String origin : List.of(comptoir.platformUrl, comptoir.processorUrl)) {
      browser.open(origin + "/healthz");
      browser.driver().manage().deleteAllCookies();
    }
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    chrome.executeCdpCommand("Network.enable", Map.of());
    chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", language)));
  }

  private static List<String> methods() {
    return browser.driver().findElements(By.name("method")).stream().map(e -> e.getAttribute("value")).toList();
  }

  private static void pressPay() {
    browser.press(browser.driver().findElement(By.cssSelector("form button[type=submit]")).getText());
  }

  /** A square picture in {@code color} with {@code letters} on it, as a merchant's product photo or logo stands in. */
  private static Path picture(String file, Color color, String letters) throws IOException {
    BufferedImage image = new BufferedImage(480, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, color.brighter(), 480, 480, color.darker()));
    g.fillRect(0, 0, 480, 480);
    g.setColor(new Color(255, 255, 255, 220));
    g.fillOval(90, 90, 300, 300);
    g.setColor(color.darker());
    g.setFont(new Font(Font.SERIF, Font.BOLD, 140));
    int width = g.getFontMetrics().stringWidth(letters);
    g.drawString(letters, 240 - width / 2, 290);
    g.dispose();
    Path path = FOLDER.resolveSibling("story-pictures").resolve(file);
    Files.createDirectories(path.getParent());
    ImageIO.write(image, "png", path.toFile());
    return path;
  }
}

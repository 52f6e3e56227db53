package com.comptoir.e2e;

import com.comptoir.testing.Await;
import com.comptoir.testing.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.Product;
import com.stripe.net.RequestOptions;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

/**
 * In Chromium: a merchant uploads a product's picture, which the store shows and Stripe's Product
 * carries as its image (an address the platform serves); a customer opens product pages from the
 * store, puts quantities in the cart on each, finds them on the store page and on the product
 * pages again, and checks out the whole cart.
 */
class StorefrontCartBrowserTest {
  private static final Stack STACK = Stack.customAccounts();
  @TempDir Path files;

  /** The picture's width once the browser has loaded it (the list's pictures load lazily, so not always at once); -1 if it never does. */
  private static long naturalWidth(Browser browser, String selector) {
    return Await.value("the picture " + selector + " to load", java.time.Duration.ofSeconds(10), () -> {
      Long width = (Long) ((JavascriptExecutor) browser.driver()).executeScript(
          "const i = document.querySelector(arguments[0]); return i && i.complete ? i.naturalWidth : -1;", selector);
      return width == null || width < 0 ? java.util.Optional.empty() : java.util.Optional.of(width);
    });
  }

  @Test
  void aProductsPictureReachesStripeAndTheCartKeepsQuantitiesAcrossPages() throws Exception {
    Shops.Shop shop = Shops.open(STACK, "Picture Frames", "US");
    Path picture = files.resolve("frame.png");
    ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "png", picture.toFile());
    shop.addProduct("Glass vase", "15.00");

    try (Browser browser = new Browser()) {
      browser.open(STACK.url("/login")).type("Email", shop.email()).type("Password", "a good long password").press("Log in");
      browser.open(STACK.url("/products/new"));
      browser.type("Name", "Oak frame").type("Description", "Solid oak, 20 by 30 cm.").type("Price (USD)", "30.00")
          .attach("Image", picture).press("Save product");
      assertThat(browser.text()).contains("Oak frame").doesNotContain("Not on Stripe yet");
      record Row(long id, String url, String stripeId) {}
      Row frame = STACK.platformJdbi.withHandle(h -> h.createQuery(
              "SELECT id, image_url, stripe_product_id FROM products WHERE store_id = :s AND name = 'Oak frame'")
          .bind("s", shop.storeId()).map((rs, c) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).one());
      assertThat(frame.url()).startsWith(STACK.url("/s/" + shop.slug() + "/products/" + frame.id() + "/image?v="));
      Product onStripe = STACK.stripe().v1().products().retrieve(frame.stripeId(),
          RequestOptions.builder().setStripeAccount(shop.accountId()).build());
      assertThat(onStripe.getImages()).containsExactly(frame.url());
      HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(frame.url())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");

      // The customer: another visitor.
      browser.driver().manage().deleteAllCookies();
      browser.open(STACK.url(shop.storefront()));
      assertThat(naturalWidth(browser, "img.product-image")).as("the list shows the picture").isEqualTo(300L);
      browser.follow("Oak frame");
      assertThat(browser.heading()).isEqualTo("Oak frame");
      assertThat(browser.text()).contains("Solid oak, 20 by 30 cm.").contains("30.00 USD");
      assertThat(naturalWidth(browser, "img.product-image")).as("the product page shows the picture").isEqualTo(300L);
      assertThat(browser.unlabelledControls()).isEmpty();
      browser.type("Quantity", "3").press("Put in the cart");
      assertThat(browser.text()).contains("Your cart is saved.");
      browser.follow("Glass vase");
      browser.type("Quantity", "2").press("Put in the cart");
      assertThat(browser.field("Quantity of Oak frame").getAttribute("value")).isEqualTo("3");
      assertThat(browser.field("Quantity of Glass vase").getAttribute("value")).isEqualTo("2");
      browser.follow("Oak frame");
      assertThat(browser.field("Quantity").getAttribute("value")).isEqualTo("3");
      assertThat(browser.text()).contains("3 in your cart");
      browser.follow("Back to the store and your cart");
      browser.press("Check out");

      browser.waitForUrl(u -> u.startsWith(STACK.processor.url() + "/c/pay/"));
      assertThat(browser.text()).contains("Oak frame").contains("Glass vase").contains("$120.00"); // 3 × 30.00 + 2 × 15.00
    }
  }
}

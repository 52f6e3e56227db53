package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public storefront over HTTP: open only when Stripe lets the account charge, names shown as
 * text, the buy form refused without its CSRF token or with quantities outside 1 to 99, one order
 * and one Checkout Session however often the same form is posted, and Stripe's refusal shown with
 * the customer's choices kept.
 */
class StorefrontTest {
  private static final Stack STACK = Stack.customAccounts();
  private static Shops.Shop shop;
  private static long mug;
  private static long plate;

  @BeforeAll
  static void aShop() {
    shop = Shops.open(STACK, "Potter's Wheel", "US");
    mug = shop.addProduct("Mug", "18.00");
    plate = shop.addProduct("Plate", "12.50");
  }

  private static int orders(long storeId) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM orders WHERE store_id = :s")
        .bind("s", storeId).mapTo(Integer.class).one());
  }

  private static String token(String page) {
    Matcher m = Pattern.compile("name=\"order_token\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void aStoreThatCannotTakePaymentsYetSaysSoAndAnUnknownOneIsNotFound() {
    Visitor merchant = new Visitor(STACK);
    merchant.signUp("notyet+" + System.nanoTime() + "@example.com", "Not Yet Shop");
    String slug = STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT slug FROM stores WHERE name = 'Not Yet Shop' ORDER BY id DESC LIMIT 1")
        .mapTo(String.class).one());
    Visitor customer = new Visitor(STACK);
    Visitor.Page closed = customer.get("/s/" + slug);
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.body()).contains("Not open yet").contains("Not Yet Shop").doesNotContain("order_token");
    assertThat(customer.post("/s/" + slug + "/checkout", Map.of("quantity-1", "1")).status()).isEqualTo(409);
    assertThat(customer.get("/s/no-such-store-here").status()).isEqualTo(404);
  }

  @Test
  void theStorefrontShowsTheStoreAndItsProductsAsText() {
    Shops.Shop odd = Shops.open(STACK, "<b>Bold</b> & \"Co\"", "US");
    odd.addProduct("<img src=x onerror=alert(1)>Scarf", "9.99");
    long gone = odd.addProduct("Gone soon", "5.00");
    odd.merchant().get("/products");
    odd.merchant().post("/products/" + gone + "/archive", Map.of());

    Visitor.Page page = new Visitor(STACK).get(odd.storefront());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("&lt;b&gt;Bold&lt;/b&gt; &amp; \"Co\"").doesNotContain("<b>Bold</b>")
        .contains("&lt;img src=x onerror=alert(1)&gt;Scarf").doesNotContain("<img src=x")
        .contains("9.99 USD").doesNotContain("Gone soon")
        .contains("href=\"" + odd.storefront() + "/theme.css?v=3d5afe\"").doesNotContain("class=\"store-logo\"");
    Visitor.Page theme = new Visitor(STACK).get(odd.storefront() + "/theme.css");
    assertThat(theme.body()).contains("--brand: #3d5afe");
  }

  @Test
  void theBuyFormNeedsItsCsrfTokenAndQuantitiesFromZeroToNinetyNine() {
    Visitor customer = new Visitor(STACK);
    String page = customer.get(shop.storefront()).body();
    int before = orders(shop.storeId());
    Map<String, String> fields = Map.of("order_token", token(page), "quantity-" + mug, "1");
    assertThat(customer.postRaw(shop.storefront() + "/checkout", fields).status()).isEqualTo(403);
    Map<String, String> wrong = new LinkedHashMap<>(fields);
    wrong.put("csrf", "not-the-token");
    assertThat(customer.postRaw(shop.storefront() + "/checkout", wrong).status()).isEqualTo(403);

    Visitor.Page tooMany = customer.post(shop.storefront() + "/checkout", Map.of("order_token", token(page), "quantity-" + mug, "100",
        "quantity-" + plate, "2"));
    assertThat(tooMany.status()).isEqualTo(422);
    assertThat(tooMany.body()).contains("Choose a quantity of Mug from 0 to 99.").contains("value=\"100\"").contains("value=\"2\"");
    Visitor.Page none = customer.post(shop.storefront() + "/checkout", Map.of("order_token", token(page), "quantity-" + mug, "0"));
    assertThat(none.status()).isEqualTo(422);
    assertThat(none.body()).contains("Choose how many you want of at least one product.");
    assertThat(customer.post(shop.storefront() + "/checkout", Map.of("order_token", token(page), "quantity-" + mug, "two")).body())
        .contains("Choose a quantity of Mug from 0 to 99.").contains("value=\"two\"");
    assertThat(orders(shop.storeId())).isEqualTo(before);
  }

  @Test
  void theSameFormPostedTwiceIsOneOrderAndOneSession() {
    Visitor customer = new Visitor(STACK);
    String token = token(customer.get(shop.storefront()).body());
    int before = orders(shop.storeId());
    Map<String, String> form = Map.of("order_token", token, "quantity-" + mug, "1", "quantity-" + plate, "3");
    Visitor.Page first = customer.post(shop.storefront() + "/checkout", form);
    Visitor.Page again = customer.post(shop.storefront() + "/checkout", form);
    assertThat(first.status()).isEqualTo(303);
    assertThat(again.location()).isEqualTo(first.location());
    assertThat(orders(shop.storeId())).isEqualTo(before + 1);

    // Leaving Checkout by its back link: the storefront keeps the choices.
    String publicId = STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT public_id FROM orders WHERE store_id = :s AND form_token = :t")
        .bind("s", shop.storeId()).bind("t", token).mapTo(String.class).one());
    String back = customer.get(shop.storefront() + "?order=" + publicId).body();
    assertThat(back).contains("You left the payment page. Nothing was charged").contains("id=\"quantity-" + plate + "\"")
        .containsPattern("name=\"quantity-" + plate + "\"[^>]*value=\"3\"");

    // The product's own Buy button on the same page: that product alone, a new order.
    Visitor.Page buyOne = customer.post(shop.storefront() + "/checkout", Map.of("order_token", token, "quantity-" + mug, "0", "buy", Long.toString(mug)));
    assertThat(buyOne.status()).isEqualTo(303);
    assertThat(buyOne.location()).isNotEqualTo(first.location());
    assertThat(orders(shop.storeId())).isEqualTo(before + 2);
  }

  @Test
  void whenStripeRefusesTheCustomerIsToldAndKeepsTheirChoices() {
    long vase = shop.addProduct("Vase", "30.00");
    String price = STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT stripe_price_id FROM product_prices WHERE product_id = :p")
        .bind("p", vase).mapTo(String.class).one());
    // Someone archives the price on Stripe behind the platform's back.
    STACK.stripePost("/v1/prices/" + price, shop.accountId(), "active=false");
    Visitor customer = new Visitor(STACK);
    String token = token(customer.get(shop.storefront()).body());
    Visitor.Page refused = customer.post(shop.storefront() + "/checkout", Map.of("order_token", token, "quantity-" + vase, "3"));
    assertThat(refused.status()).isEqualTo(502);
    assertThat(refused.body()).contains("Checkout did not start").contains("The payment could not be started: The price specified is inactive.")
        .containsPattern("name=\"quantity-" + vase + "\"[^>]*value=\"3\"")
        .contains("value=\"" + token + "\"");
    shop.merchant().get("/products");
    shop.merchant().post("/products/" + vase + "/archive", Map.of()); // off the storefront for the other tests
  }
}

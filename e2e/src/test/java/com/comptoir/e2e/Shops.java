package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Await;
import com.comptoir.testing.VerifiedAccount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stores that can sell, on {@link Stack#customAccounts()}: a merchant signs up, and the test
 * completes the Custom connected account through the API with Stripe's test values (fact sheet
 * §4.2), as a Custom platform does; the platform learns it from {@code account.updated} and opens
 * the storefront. Customers buy through {@link Customer}.
 */
final class Shops {
  private Shops() {}

  /** One open store and its signed-in merchant. */
  record Shop(Stack stack, Visitor merchant, String email, String slug, String accountId, long storeId) {
    /** Adds a product through the merchant's form; returns its id on the platform. */
    long addProduct(String name, String price) {
      merchant.get("/products/new");
      assertThat(merchant.post("/products", Map.of("name", name, "price", price)).location()).isEqualTo("/products");
      return stack.platformJdbi.withHandle(h -> h.createQuery("SELECT id FROM products WHERE store_id = :s AND name = :n ORDER BY id DESC LIMIT 1")
          .bind("s", storeId).bind("n", name).mapTo(Long.class).one());
    }

    String storefront() {
      return "/s/" + slug;
    }
  }

  /** A store in {@code country} (US or DE) whose account can take charges, as the storefront shows it. */
  static Shop open(Stack stack, String storeName, String country) {
    Visitor merchant = new Visitor(stack);
    String email = "shop+" + System.nanoTime() + "@example.com";
    assertThat(merchant.signUp(email, storeName, country).location()).isEqualTo("/onboarding/start");
    record Ids(long storeId, String slug, String accountId) {}
    Ids ids = stack.platformJdbi.withHandle(h -> h.createQuery("""
            SELECT s.id, s.slug, s.account_id FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e""")
        .bind("e", email).map((rs, c) -> new Ids(rs.getLong(1), rs.getString(2), rs.getString(3))).one());
    stack.stripePost("/v1/accounts/" + ids.accountId(), null, Stack.form(completion(country)));
    Visitor customer = new Visitor(stack);
    Await.until("the storefront of " + storeName + " opens", () -> !customer.get("/s/" + ids.slug()).body().contains("Not open yet"));
    return new Shop(stack, merchant, email, ids.slug(), ids.accountId(), ids.storeId());
  }

  /**
   * A US store on a platform that creates Standard accounts (Stripe's default), open for sales: the
   * platform's account is prefilled through the API before its holder is sent to onboarding (all
   * but the agreement, which only the holder accepts), and the holder finishes on Stripe's hosted
   * pages, creating their Dashboard login with the merchant's e-mail and {@code dashboardPassword}.
   */
  static Shop openStandard(Stack stack, String storeName, String dashboardPassword) {
    Visitor merchant = new Visitor(stack);
    String email = "standard+" + System.nanoTime() + "@example.com";
    assertThat(merchant.signUp(email, storeName, "US").location()).isEqualTo("/onboarding/start");
    record Ids(long storeId, String slug, String accountId) {}
    Ids ids = stack.platformJdbi.withHandle(h -> h.createQuery("""
            SELECT s.id, s.slug, s.account_id FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e""")
        .bind("e", email).map((rs, c) -> new Ids(rs.getLong(1), rs.getString(2), rs.getString(3))).one());
    Map<String, String> prefill = completion("US");
    prefill.keySet().removeIf(k -> k.startsWith("tos_acceptance"));
    stack.stripePost("/v1/accounts/" + ids.accountId(), null, Stack.form(prefill));
    String link = merchant.get("/onboarding/start").location();
    String back = HostedPages.onboardStandard(new HostedPages(stack), link, email, dashboardPassword);
    assertThat(back).startsWith(stack.url("/onboarding/return"));
    assertThat(merchant.get("/onboarding/return").body()).contains("Your store is ready to accept payments");
    return new Shop(stack, merchant, email, ids.slug(), ids.accountId(), ids.storeId());
  }

  private static Map<String, String> completion(String country) {
    return VerifiedAccount.completion(country);
  }

  /** A customer of one store: an anonymous visitor who buys through the storefront form. */
  static final class Customer {
    private static final Pattern ORDER_TOKEN = Pattern.compile("name=\"order_token\" value=\"([^\"]+)\"");
    final Visitor visitor;
    private final Shop shop;

    Customer(Shop shop) {
      this.shop = shop;
      this.visitor = new Visitor(shop.stack());
    }

    /** Opens the storefront and posts its form with {@code quantities} by product id; the answer (a 303 to Checkout when all went well). */
    Visitor.Page buy(Map<Long, Integer> quantities) {
      Visitor.Page page = visitor.get(shop.storefront());
      assertThat(page.status()).isEqualTo(200);
      Matcher token = ORDER_TOKEN.matcher(page.body());
      assertThat(token.find()).as("the storefront has a buy form").isTrue();
      Map<String, String> form = new LinkedHashMap<>();
      form.put("order_token", token.group(1));
      quantities.forEach((product, quantity) -> form.put("quantity-" + product, Integer.toString(quantity)));
      return visitor.post(shop.storefront() + "/checkout", form);
    }

    /** Buys and returns the Checkout Session id the customer was sent to. */
    String checkout(Map<Long, Integer> quantities) {
      Visitor.Page sent = buy(quantities);
      assertThat(sent.status()).as(sent.body()).isEqualTo(303);
      assertThat(sent.location()).startsWith(shop.stack().processor.url() + "/c/pay/cs_");
      return sent.location().substring(sent.location().lastIndexOf('/') + 1);
    }
  }
}

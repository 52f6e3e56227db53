package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.net.RequestOptions;
import com.stripe.param.PriceListParams;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The catalogue on the connected account: an edit updates the Product, a new amount is a new Price
 * (Stripe prices never change) made the default while the old one is archived, and removing a
 * product archives it. Read back through stripe-java with {@code Stripe-Account}.
 */
class CatalogOnStripeTest {
  private final Stack stack = Stack.shared();

  @Test
  void editsMakeNewPricesAndRemovalArchives() throws Exception {
    Visitor merchant = new Visitor(stack);
    String email = "catalog+" + System.nanoTime() + "@example.com";
    merchant.signUp(email, "Catalog shop");
    merchant.get("/products/new");
    assertThat(merchant.post("/products", Map.of("name", "Mug", "description", "Stoneware", "price", "18.00")).location())
        .isEqualTo("/products");
    Matcher id = Pattern.compile("href=\"/products/(\\d+)\"").matcher(merchant.get("/products").body());
    assertThat(id.find()).isTrue();
    String path = "/products/" + id.group(1);
    record Ids(String account, String product) {}
    Ids ids = stack.platformJdbi.withHandle(h -> h.createQuery(
            "SELECT s.account_id, p.stripe_product_id FROM products p JOIN stores s ON s.id = p.store_id WHERE p.id = :id")
        .bind("id", Long.parseLong(id.group(1))).map((rs, c) -> new Ids(rs.getString(1), rs.getString(2))).one());
    StripeClient stripe = stack.stripe();
    RequestOptions onAccount = RequestOptions.builder().setStripeAccount(ids.account()).build();
    Product product = stripe.v1().products().retrieve(ids.product(), onAccount);
    String firstPrice = product.getDefaultPrice();
    assertThat(stripe.v1().prices().retrieve(firstPrice, onAccount).getUnitAmount()).isEqualTo(1800L);

    // Same price, new name and no description: the product changes, the price stays.
    merchant.get(path);
    assertThat(merchant.post(path, Map.of("name", "Big mug", "description", "", "price", "18")).location()).isEqualTo("/products");
    product = stripe.v1().products().retrieve(ids.product(), onAccount);
    assertThat(product.getName()).isEqualTo("Big mug");
    assertThat(product.getDescription()).isNull();
    assertThat(product.getDefaultPrice()).isEqualTo(firstPrice);

    // A new amount: a new price, made the default; the old one archived.
    merchant.get(path);
    merchant.post(path, Map.of("name", "Big mug", "price", "21.50"));
    product = stripe.v1().products().retrieve(ids.product(), onAccount);
    Price current = stripe.v1().prices().retrieve(product.getDefaultPrice(), onAccount);
    assertThat(current.getId()).isNotEqualTo(firstPrice);
    assertThat(current.getUnitAmount()).isEqualTo(2150L);
    assertThat(current.getActive()).isTrue();
    assertThat(stripe.v1().prices().retrieve(firstPrice, onAccount).getActive()).isFalse();
    List<Price> prices = stripe.v1().prices().list(PriceListParams.builder().setProduct(ids.product()).build(), onAccount).getData();
    assertThat(prices).hasSize(2);

    // Removal archives the product on Stripe; the platform lists it as removed.
    merchant.get("/products");
    assertThat(merchant.post(path + "/archive", Map.of()).location()).isEqualTo("/products");
    assertThat(stripe.v1().products().retrieve(ids.product(), onAccount).getActive()).isFalse();
    assertThat(merchant.get("/products").body()).contains("Removed").doesNotContain("Not on Stripe yet");
    assertThat(merchant.get(path).status()).isEqualTo(200);
  }

  @Test
  void aBadPriceIsShownAgainWithTheMessageAndWhatWasTyped() {
    Visitor merchant = new Visitor(stack);
    merchant.signUp("badprice+" + System.nanoTime() + "@example.com", "Bad price shop");
    merchant.get("/products/new");
    Visitor.Page page = merchant.post("/products", Map.of("name", "Tea", "description", "Green", "image_url", "http://insecure.example/x.png",
        "price", "0.499"));
    assertThat(page.status()).isEqualTo(422);
    assertThat(page.body()).contains("Use at most 2 decimals.").contains("starting with https://")
        .contains("value=\"Tea\"").contains(">Green</textarea>").contains("value=\"0.499\"").contains("value=\"http://insecure.example/x.png\"");
    assertThat(merchant.get("/products").body()).contains("No products yet.");
  }
}

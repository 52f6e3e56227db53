package com.comptoir.processor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TwoInstances;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prices each instance keeps for Checkout follow every change to them and to their products,
 * made on this instance or another: a session sells the price and product as they are now.
 */
class PriceCacheTest extends TwoInstances {
  private StripeHttp onFirst;
  private StripeHttp onSecond;
  private String product;
  private String price;

  /** A connected account selling a hat, whose price both instances have sold (and so keep). */
  @BeforeEach
  void aPriceSoldOnBothInstances() {
    String account = first.http().post("/v1/accounts", Map.of("type", "custom", "country", "US")).json().get("id").asText();
    onFirst = first.http().header("Stripe-Account", account);
    onSecond = second.http().header("Stripe-Account", account);
    product = onFirst.post("/v1/products", Map.of("name", "Hat")).json().get("id").asText();
    price = onFirst.post("/v1/prices", Map.of("product", product, "currency", "eur", "unit_amount", "2500")).json().get("id").asText();
    assertThat(lineItem(onFirst).get("description").asText()).isEqualTo("Hat");
    assertThat(lineItem(onSecond).get("description").asText()).isEqualTo("Hat");
  }

  private StripeHttp.Response session(StripeHttp shop) {
    return shop.post("/v1/checkout/sessions", Map.of("mode", "payment", "success_url", "https://shop.example/ok",
        "line_items[0][price]", price, "line_items[0][quantity]", "2"));
  }

  /** The line item of a new session of the hat on {@code shop}'s instance. */
  private JsonNode lineItem(StripeHttp shop) {
    StripeHttp.Response made = session(shop);
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    StripeHttp.Response items = shop.get("/v1/checkout/sessions/" + made.json().get("id").asText() + "/line_items");
    assertThat(items.status()).as(items.body()).isEqualTo(200);
    return items.json().get("data").get(0);
  }

  @Test
  void aPriceArchivedOnOneInstanceIsNoLongerSoldOnEither() {
    assertThat(onFirst.post("/v1/prices/" + price, Map.of("active", "false")).status()).isEqualTo(200);
    StripeHttp.Response here = session(onFirst);
    assertThat(here.status()).as("the instance that made the change, at once").isEqualTo(400);
    assertThat(here.json().at("/error/param").asText()).isEqualTo("line_items[0][price]");
    assertThat(withinFiveSeconds(() -> session(onSecond).status() == 400)).as("the other instance, once notified").isTrue();
  }

  @Test
  void aProductArchivedOnOneInstanceIsNoLongerSoldOnEither() {
    assertThat(onSecond.post("/v1/products/" + product, Map.of("active", "false")).status()).isEqualTo(200);
    StripeHttp.Response here = session(onSecond);
    assertThat(here.status()).isEqualTo(400);
    assertThat(here.json().at("/error/code").asText()).isEqualTo("product_inactive");
    assertThat(withinFiveSeconds(() -> session(onFirst).status() == 400)).isTrue();
  }

  @Test
  void lineItemsCarryTheProductsNameAndThePriceAsTheyAreNow() {
    assertThat(onFirst.post("/v1/products/" + product, Map.of("name", "Felt hat")).status()).isEqualTo(200);
    assertThat(onFirst.post("/v1/prices/" + price, Map.of("nickname", "winter", "metadata[season]", "winter")).status()).isEqualTo(200);
    JsonNode here = lineItem(onFirst);
    assertThat(here.get("description").asText()).isEqualTo("Felt hat");
    assertThat(here.at("/price/nickname").asText()).isEqualTo("winter");
    assertThat(here.at("/price/metadata/season").asText()).isEqualTo("winter");
    assertThat(here.get("amount_total").asLong()).isEqualTo(5000);
    assertThat(withinFiveSeconds(() -> {
      JsonNode there = lineItem(onSecond);
      return there.get("description").asText().equals("Felt hat") && there.at("/price/metadata/season").asText().equals("winter");
    })).isTrue();
  }
}

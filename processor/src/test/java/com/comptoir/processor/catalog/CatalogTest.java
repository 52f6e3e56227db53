package com.comptoir.processor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Products and prices live on the connected account that sells them (fact sheet §5). */
class CatalogTest {
  private final StripeHttp platform = TestProcessor.get().http();
  private final String account = platform.post("/v1/accounts", Map.of()).json().get("id").asText();
  private final StripeHttp shop = platform.header("Stripe-Account", account);

  private JsonNode ok(StripeHttp.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aProductAndItsPriceAreCreatedOnTheConnectedAccount() {
    JsonNode product = ok(shop.post("/v1/products", Map.of("name", "Linen shirt", "description", "Blue", "images[0]", "https://example.com/s.png")));
    assertThat(product.get("id").asText()).startsWith("prod_");
    JsonNode price = ok(shop.post("/v1/prices", Map.of("product", product.get("id").asText(), "currency", "EUR", "unit_amount", "4500")));
    assertThat(price.get("currency").asText()).isEqualTo("eur");
    assertThat(price.get("unit_amount").asLong()).isEqualTo(4500);
    assertThat(price.get("type").asText()).isEqualTo("one_time");

    JsonNode expanded = ok(shop.get("/v1/prices/" + price.get("id").asText() + "?expand[]=product"));
    assertThat(expanded.at("/product/name").asText()).isEqualTo("Linen shirt");
    // the platform's own account does not have it: tenants do not see each other
    StripeHttp.Response fromPlatform = platform.get("/v1/prices/" + price.get("id").asText());
    assertThat(fromPlatform.status()).isEqualTo(404);
    assertThat(fromPlatform.json().at("/error/code").asText()).isEqualTo("resource_missing");
    assertThat(fromPlatform.json().at("/error/message").asText()).isEqualTo("No such price: '" + price.get("id").asText() + "'");
  }

  @Test
  void productDataAndDefaultPriceDataCreateBothInOneCall() {
    JsonNode product = ok(shop.post("/v1/products", Map.of("name", "Mug", "default_price_data[currency]", "usd",
        "default_price_data[unit_amount]", "1200")));
    JsonNode price = ok(shop.get("/v1/prices/" + product.get("default_price").asText()));
    assertThat(price.get("product").asText()).isEqualTo(product.get("id").asText());
    JsonNode viaData = ok(shop.post("/v1/prices", Map.of("currency", "gbp", "unit_amount", "800", "product_data[name]", "Poster")));
    assertThat(ok(shop.get("/v1/products/" + viaData.get("product").asText())).get("name").asText()).isEqualTo("Poster");
  }

  @Test
  void aPriceCannotChangeItsAmountAndIsArchivedInstead() {
    String product = ok(shop.post("/v1/products", Map.of("name", "Tote"))).get("id").asText();
    String price = ok(shop.post("/v1/prices", Map.of("product", product, "currency", "eur", "unit_amount", "1500"))).get("id").asText();
    StripeHttp.Response change = shop.post("/v1/prices/" + price, Map.of("unit_amount", "1600"));
    assertThat(change.status()).isEqualTo(400);
    assertThat(change.json().at("/error/code").asText()).isEqualTo("parameter_unknown");
    assertThat(ok(shop.post("/v1/prices/" + price, Map.of("active", "false"))).get("active").asBoolean()).isFalse();
    assertThat(ok(shop.get("/v1/prices?product=" + product + "&active=true")).get("data")).isEmpty();
    assertThat(ok(shop.post("/v1/products/" + product, Map.of("active", "false"))).get("active").asBoolean()).isFalse();
  }

  @Test
  void badAmountsAndCurrenciesAreRefusedNamingTheParameter() {
    String product = ok(shop.post("/v1/products", Map.of("name", "Cap"))).get("id").asText();
    StripeHttp.Response tooLarge = shop.post("/v1/prices", Map.of("product", product, "currency", "eur", "unit_amount", "100000000"));
    assertThat(tooLarge.json().at("/error/param").asText()).isEqualTo("unit_amount");
    StripeHttp.Response currency = shop.post("/v1/prices", Map.of("product", product, "currency", "xxx", "unit_amount", "100"));
    assertThat(currency.json().at("/error/param").asText()).isEqualTo("currency");
    StripeHttp.Response noProduct = shop.post("/v1/prices", Map.of("currency", "eur", "unit_amount", "100"));
    assertThat(noProduct.json().at("/error/code").asText()).isEqualTo("parameter_missing");
    StripeHttp.Response otherShop = platform.post("/v1/prices", Map.of("product", product, "currency", "eur", "unit_amount", "100"));
    assertThat(otherShop.status()).isEqualTo(404);
  }

  @Test
  void aProductWithPricesCannotBeDeletedButOneWithoutCan() {
    String withPrice = ok(shop.post("/v1/products", Map.of("name", "A", "default_price_data[currency]", "eur",
        "default_price_data[unit_amount]", "100"))).get("id").asText();
    assertThat(shop.delete("/v1/products/" + withPrice).status()).isEqualTo(400);
    String bare = ok(shop.post("/v1/products", Map.of("name", "B"))).get("id").asText();
    assertThat(ok(shop.delete("/v1/products/" + bare)).get("deleted").asBoolean()).isTrue();
    assertThat(shop.get("/v1/products/" + bare).status()).isEqualTo(404);
  }
}

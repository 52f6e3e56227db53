package com.comptoir.processor.paymentmethods;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.processor.testing.TwoInstances;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each instance keeps of the accounts' default payment method configurations follows every
 * change that decides what a Checkout Session offers, made on this instance or another: the
 * platform's "Connected accounts" configuration, the holder's own, and the account's capabilities;
 * and a first use rolled back leaves nothing behind.
 */
class ConfigurationCacheTest extends TwoInstances {
  private static final List<String> EUROPEAN_CAPABILITIES =
      List.of("bancontact_payments", "eps_payments", "ideal_payments", "p24_payments", "sepa_debit_payments", "sofort_payments");


  @BeforeEach
  void platformOffersOnlyCards() {
    platformManaged(first.http(), Map.of("card", "on", "bancontact", "off", "eps", "off", "ideal", "off", "p24", "off", "sepa_debit", "off",
        "sofort", "off"));
  }

  private static void platformManaged(StripeHttp platform, Map<String, String> preferences) {
    String id = configurations(platform).stream().filter(c -> "Connected accounts".equals(c.get("name").asText())).findFirst().orElseThrow()
        .get("id").asText();
    prefer(platform, id, preferences);
  }

  private static void prefer(StripeHttp http, String configuration, Map<String, String> preferences) {
    Map<String, String> form = new HashMap<>();
    preferences.forEach((method, preference) -> form.put(method + "[display_preference][preference]", preference));
    StripeHttp.Response r = http.post("/v1/payment_method_configurations/" + configuration, form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static List<JsonNode> configurations(StripeHttp http) {
    StripeHttp.Response r = http.get("/v1/payment_method_configurations");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> all = new ArrayList<>();
    r.json().get("data").forEach(all::add);
    return all;
  }

  private static String price(StripeHttp shop) {
    String product = shop.post("/v1/products", Map.of("name", "Hat")).json().get("id").asText();
    return shop.post("/v1/prices", Map.of("product", product, "currency", "eur", "unit_amount", "2500")).json().get("id").asText();
  }

  private static StripeHttp.Response session(StripeHttp shop, String price, Map<String, String> more) {
    Map<String, String> form = new HashMap<>(Map.of("mode", "payment", "success_url", "https://shop.example/ok",
        "line_items[0][price]", price, "line_items[0][quantity]", "1"));
    form.putAll(more);
    return shop.post("/v1/checkout/sessions", form);
  }

  /** The methods a new session of {@code account} on {@code instance} offers. */
  private static List<String> offered(TestProcessor instance, String account, String price) {
    StripeHttp.Response r = session(instance.http().header("Stripe-Account", account), price, Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> types = new ArrayList<>();
    r.json().get("payment_method_types").forEach(t -> types.add(t.asText()));
    return types;
  }

  @Test
  void thePlatformsChangeIsOfferedOnEveryInstance() {
    String account = ActivatedAccounts.custom(first.http(), "FR", EUROPEAN_CAPABILITIES.toArray(String[]::new));
    String price = price(first.http().header("Stripe-Account", account));
    assertThat(offered(first, account, price)).containsExactly("card");
    assertThat(offered(second, account, price)).containsExactly("card");

    platformManaged(first.http(), Map.of("ideal", "on", "sepa_debit", "on"));
    assertThat(offered(first, account, price)).as("the instance that made the change, at once").containsExactly("card", "ideal", "sepa_debit");
    assertThat(withinFiveSeconds(() -> offered(second, account, price).equals(List.of("card", "ideal", "sepa_debit"))))
        .as("the other instance, once notified").isTrue();
  }

  @Test
  void theHoldersChangeIsOfferedOnEveryInstance() {
    platformManaged(first.http(), Map.of("bancontact", "on", "ideal", "on"));
    String account = ActivatedAccounts.custom(first.http(), "BE", EUROPEAN_CAPABILITIES.toArray(String[]::new));
    StripeHttp shop = first.http().header("Stripe-Account", account);
    String price = price(shop);
    String own = configurations(shop).get(0).get("id").asText(); // made by this first look
    assertThat(offered(second, account, price)).containsExactly("card", "bancontact", "ideal");

    prefer(shop, own, Map.of("ideal", "off"));
    assertThat(offered(first, account, price)).containsExactly("card", "bancontact");
    assertThat(withinFiveSeconds(() -> offered(second, account, price).equals(List.of("card", "bancontact")))).isTrue();
  }

  @Test
  void aCapabilityTurnedActiveIsOfferedOnEveryInstance() {
    platformManaged(first.http(), Map.of("bancontact", "on", "ideal", "on"));
    String account = ActivatedAccounts.custom(first.http(), "NL", "ideal_payments");
    String price = price(first.http().header("Stripe-Account", account));
    assertThat(offered(first, account, price)).containsExactly("card", "ideal");
    assertThat(offered(second, account, price)).containsExactly("card", "ideal");

    StripeHttp.Response requested = first.http().post("/v1/accounts/" + account, Map.of("capabilities[bancontact_payments][requested]", "true"));
    assertThat(requested.status()).as(requested.body()).isEqualTo(200);
    assertThat(requested.json().at("/capabilities/bancontact_payments").asText()).isEqualTo("active");
    assertThat(offered(first, account, price)).containsExactly("card", "bancontact", "ideal");
    assertThat(withinFiveSeconds(() -> offered(second, account, price).equals(List.of("card", "bancontact", "ideal")))).isTrue();
  }

  @Test
  void aFirstUseRolledBackLeavesNothingBehind() {
    String account = ActivatedAccounts.custom(first.http(), "FR", EUROPEAN_CAPABILITIES.toArray(String[]::new));
    StripeHttp shop = first.http().header("Stripe-Account", account);
    String price = price(shop);
    // The account's first session works its default configuration out, then is refused: its
    // transaction, with the configuration it made, is rolled back.
    StripeHttp.Response refused = session(shop, price, Map.of("expires_at", "1"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);

    StripeHttp.Response made = session(shop, price, Map.of());
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    String own = configurations(shop).get(0).get("id").asText();
    assertThat(made.json().at("/payment_method_configuration_details/id").asText()).isEqualTo(own);
    StripeHttp.Response again = session(second.http().header("Stripe-Account", account), price, Map.of());
    assertThat(again.json().at("/payment_method_configuration_details/id").asText()).isEqualTo(own);
  }
}

package com.comptoir.processor.api;

import static com.comptoir.processor.api.Wire.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.store.Json;
import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code expand[]} (fact sheet §1.8): over HTTP for what must be refused, and on {@link Expander} itself. */
class ExpandTest {
  private final StripeHttp http = Wire.http();

  @Test
  void anUnexpandableFieldIsRefusedWithParamExpand() {
    String id = Wire.newAccountId();
    JsonNode error = assertInvalid(http.get("/v1/accounts/" + id + "?expand[]=email"), null, "expand");
    assertThat(error.get("message").asText()).isEqualTo("This property cannot be expanded (email).");
    assertInvalid(http.get("/v1/accounts/" + id + "?expand[]=no_such_field"), null, "expand");
    assertInvalid(http.postRaw("/v1/accounts/" + id, "expand[]=no_such_field"), null, "expand");
    assertInvalid(http.postRaw("/v1/accounts", "expand[0]=no_such_field"), null, "expand");
  }

  @Test
  void aRefusedExpandOnCreateCreatesNothing() {
    long since = Wire.nowSeconds() - 1;
    String nonce = java.util.UUID.randomUUID().toString();
    assertInvalid(http.postRaw("/v1/accounts", "expand[0]=no_such_field&metadata[nonce]=" + nonce), null, "expand");
    for (JsonNode a : http.get("/v1/accounts?limit=100&created[gte]=" + since).json().get("data")) {
      assertThat(a.at("/metadata/nonce").asText()).isNotEqualTo(nonce);
    }
  }

  @Test
  void moreThanFourLevelsAreRefused() {
    String id = Wire.newAccountId();
    JsonNode error = assertInvalid(http.get("/v1/accounts/" + id + "?expand[]=a.b.c.d.e"), null, "expand");
    assertThat(error.get("message").asText()).contains("more than 4 levels");
    assertInvalid(http.get("/v1/accounts?expand[]=data.b.c.d.e"), null, "expand");
    // four levels are not refused for their depth (only because nothing here is expandable)
    assertThat(http.get("/v1/accounts/" + id + "?expand[]=a.b.c.d").json().at("/error/message").asText()).doesNotContain("levels");
  }

  @Test
  void onAListPathsMustStartWithData() {
    Wire.newAccountId();
    assertThat(assertInvalid(http.get("/v1/accounts?expand[]=email"), null, "expand").get("message").asText())
        .isEqualTo("This property cannot be expanded (email).");
    assertInvalid(http.get("/v1/accounts?expand[]=data"), null, "expand");
    assertInvalid(http.get("/v1/accounts?expand[]=data.email"), null, "expand");
  }

  @Test
  void emptySegmentsAreRefused() {
    String id = Wire.newAccountId();
    for (String path : List.of(".", "a.", ".a", "a..b")) {
      assertInvalid(http.get("/v1/accounts/" + id + "?expand[]=" + path), null, "expand");
    }
  }

  @Test
  void anEmptyListStillRefusesAnUnexpandableDataPath() {
    // A connected account has no connected accounts of its own: its list is empty.
    String id = Wire.newAccountId();
    StripeHttp asConnected = http.header("Stripe-Account", id);
    assertThat(asConnected.get("/v1/accounts").json().get("data").size()).isZero();
    assertInvalid(asConnected.get("/v1/accounts?expand[]=data.no_such_field"), null, "expand");
  }

  // ----- the expander itself, with fields registered as an endpoint registers them -----

  private static final Caller CALLER = new Caller("acct_platform", "acct_platform", "sk_test_x");

  private static Expander expander() {
    Expander expander = new Expander();
    expander.register("charge", "customer", (h, caller, parent, field) -> {
      ObjectNode customer = Json.object();
      customer.put("id", parent.get(field).asText());
      customer.put("object", "customer");
      customer.put("default_source", "card_1");
      return customer;
    });
    expander.register("customer", "default_source", (h, caller, parent, field) -> {
      ObjectNode card = Json.object();
      card.put("id", parent.get(field).asText());
      card.put("object", "card");
      return card;
    });
    return expander;
  }

  private static ObjectNode charge(String id) {
    ObjectNode charge = Json.object();
    charge.put("id", id);
    charge.put("object", "charge");
    charge.put("customer", "cus_1");
    return charge;
  }

  @Test
  void anExpandableIdBecomesItsObjectAndDottedPathsGoDeeper() {
    ObjectNode charge = charge("ch_1");
    expander().expand(null, CALLER, charge, List.of("customer.default_source"));
    assertThat(charge.at("/customer/object").asText()).isEqualTo("customer");
    assertThat(charge.at("/customer/default_source/object").asText()).isEqualTo("card");
  }

  @Test
  void onAListEveryItemIsExpanded() {
    ObjectNode list = Json.object();
    list.put("object", "list");
    list.putArray("data").add(charge("ch_1")).add(charge("ch_2"));
    expander().expand(null, CALLER, list, List.of("data.customer"));
    list.get("data").forEach(c -> assertThat(c.at("/customer/object").asText()).isEqualTo("customer"));
    assertThatThrownBy(() -> expander().expand(null, CALLER, list, List.of("customer")))
        .isInstanceOfSatisfying(StripeError.class, e -> assertThat(e.param()).isEqualTo("expand"));
  }

  @Test
  void aNullFieldStaysNullAndAFieldNotRegisteredIsRefused() {
    ObjectNode charge = charge("ch_1");
    charge.putNull("customer");
    expander().expand(null, CALLER, charge, List.of("customer.default_source"));
    assertThat(charge.get("customer").isNull()).isTrue();
    assertThatThrownBy(() -> expander().expand(null, CALLER, charge("ch_2"), List.of("customer.name")))
        .isInstanceOfSatisfying(StripeError.class, e -> {
          assertThat(e.param()).isEqualTo("expand");
          assertThat(e.getMessage()).isEqualTo("This property cannot be expanded (customer.name).");
        });
  }

  @Test
  void depthIsCheckedBeforeAnyWork() {
    Expander.checkPaths(List.of("a.b.c.d"));
    assertThatThrownBy(() -> Expander.checkPaths(List.of("a.b.c.d.e"))).isInstanceOf(StripeError.class);
    assertThatThrownBy(() -> Expander.checkPaths(List.of("a..b"))).isInstanceOf(StripeError.class);
  }

  @Test
  void onAnEmptyListADataPathIsCheckedAgainstTheRegisteredFields() {
    ObjectNode list = Json.object();
    list.put("object", "list");
    list.putArray("data");
    expander().expand(null, CALLER, list, List.of("data.customer.default_source"));
    assertThatThrownBy(() -> expander().expand(null, CALLER, list, List.of("data.nothing")))
        .isInstanceOfSatisfying(StripeError.class, e -> assertThat(e.param()).isEqualTo("expand"));
  }
}

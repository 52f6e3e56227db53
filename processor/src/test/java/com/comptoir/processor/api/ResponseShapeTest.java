package com.comptoir.processor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.store.Ids;
import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Object ids and the JSON shape of responses (fact sheet §1.9, §2.1). */
class ResponseShapeTest {
  private final StripeHttp http = Wire.http();

  @Test
  void accountIdsAreAcctAndSixteenAlphanumericsAndNeverRepeat() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      String id = Wire.newAccountId();
      assertThat(id).matches("acct_[A-Za-z0-9]{16}");
      ids.add(id);
    }
    assertThat(ids).hasSize(20);
  }

  @Test
  void aThousandGeneratedIdsAreDistinctAndLookRandom() {
    Set<String> ids = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    Map<Character, Integer> counts = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      String id = Ids.account();
      assertThat(id).matches("acct_[A-Za-z0-9]{16}");
      ids.add(id);
      prefixes.add(id.substring(0, 5 + 4)); // 62^4 ≈ 15M: a thousand random ids share a 4-character head only by rare chance
      for (char c : id.substring(5).toCharArray()) {
        counts.merge(c, 1, Integer::sum);
      }
    }
    assertThat(ids).hasSize(1000);
    assertThat(prefixes.size()).isGreaterThan(990); // not sequential, not time-ordered
    // 16,000 characters over 62 symbols: about 258 each; every symbol is used, none dominates
    assertThat(counts).hasSize(62);
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(150, 380));
  }

  @Test
  void anAccountHasStripesShape() {
    long before = Wire.nowSeconds();
    StripeHttp.Response r = http.postRaw("/v1/accounts", "");
    long after = Wire.nowSeconds();
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode a = r.json();
    assertThat(a.get("object").asText()).isEqualTo("account");
    // the Account schema has no livemode (unlike most objects); stripe-java's model has none either
    assertThat(a.has("livemode")).isFalse();
    // explicit nulls: the field is there, with null
    assertThat(a.has("business_type")).isTrue();
    assertThat(a.get("business_type").isNull()).isTrue();
    assertThat(a.get("email").isNull()).isTrue();
    assertThat(a.at("/business_profile/support_address/city").isNull()).isTrue();
    // unix seconds, as an integer, close to now
    assertThat(a.get("created").isIntegralNumber()).isTrue();
    assertThat(a.get("created").asLong()).isBetween(before - 5, after + 5);
    assertThat(a.get("external_accounts").get("object").asText()).isEqualTo("list");
    assertSnakeCase(a, "");
  }

  @Test
  void aListAndAnErrorAreSnakeCaseToo() {
    assertSnakeCase(http.get("/v1/accounts?limit=3").json(), "");
    JsonNode error = http.postRaw("/v1/accounts", "foo=1").json();
    assertSnakeCase(error, "");
    assertThat(error.get("error").get("doc_url").asText()).isEqualTo("https://stripe.com/docs/error-codes/parameter-unknown");
  }

  @Test
  void aDeletedAccountIsAnsweredAsADeletedObject() {
    String id = Wire.newAccountId();
    StripeHttp.Response r = http.delete("/v1/accounts/" + id);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("id").asText()).isEqualTo(id);
    assertThat(r.json().get("object").asText()).isEqualTo("account");
    assertThat(r.json().get("deleted").asBoolean()).isTrue();
  }

  @Test
  void payoutDelayDaysStayAnInteger() {
    String id = Wire.newCustomAccountId();
    StripeHttp.Response r = http.postRaw("/v1/accounts/" + id, "settings[payouts][schedule][delay_days]=5");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/settings/payouts/schedule/delay_days").isIntegralNumber()).isTrue();
  }

  /** Every field name is snake_case; metadata holds the caller's own keys and is not checked. */
  private static void assertSnakeCase(JsonNode node, String where) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        assertThat(f.getKey()).as(where + "." + f.getKey()).matches("[a-z][a-z0-9_]*");
        if (!f.getKey().equals("metadata")) {
          assertSnakeCase(f.getValue(), where + "." + f.getKey());
        }
      }
    } else if (node.isArray()) {
      node.forEach(item -> assertSnakeCase(item, where + "[]"));
    }
  }
}

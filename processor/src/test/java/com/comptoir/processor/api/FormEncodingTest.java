package com.comptoir.processor.api;

import static com.comptoir.processor.api.Wire.assertInvalid;
import static com.comptoir.processor.api.Wire.createAccount;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stripe's form encoding as the SDKs and curl send it (fact sheet §1.2), over real HTTP. */
class FormEncodingTest {
  private final StripeHttp http = Wire.http();

  @Test
  void metadataInBracketsSetsEachKey() {
    JsonNode account = createAccount("metadata[order_id]=42&metadata[shop]=hats");
    assertThat(account.get("metadata").get("order_id").asText()).isEqualTo("42");
    assertThat(account.get("metadata").get("shop").asText()).isEqualTo("hats");
    assertThat(account.get("metadata").size()).isEqualTo(2);
  }

  @Test
  void nestedHashesTwoLevelsDeepLandInTheirPlaceAndLeaveSiblingsNull() {
    JsonNode account = createAccount(
        "business_profile[support_address][city]=Paris&business_profile[support_address][postal_code]=75001&business_profile[name]=Chez+Nous");
    JsonNode profile = account.get("business_profile");
    assertThat(profile.get("name").asText()).isEqualTo("Chez Nous");
    assertThat(profile.get("support_address").get("city").asText()).isEqualTo("Paris");
    assertThat(profile.get("support_address").get("postal_code").asText()).isEqualTo("75001");
    assertThat(profile.get("support_address").get("line1").isNull()).isTrue();
    assertThat(profile.get("url").isNull()).isTrue();
  }

  @Test
  void indexedArraysAreReassembledInIndexOrderWhateverTheSendingOrder() {
    JsonNode account = createAccount(
        "individual[full_name_aliases][1]=Second&individual[full_name_aliases][0]=First&individual[full_name_aliases][2]=Third");
    assertThat(texts(account.at("/individual/full_name_aliases"))).containsExactly("First", "Second", "Third");
  }

  @Test
  void appendedArraysKeepTheirSendingOrder() {
    JsonNode account = createAccount("individual[full_name_aliases][]=First&individual[full_name_aliases][]=Second");
    assertThat(texts(account.at("/individual/full_name_aliases"))).containsExactly("First", "Second");
  }

  @Test
  void expandIsReadAsAnArrayInEverySpelling() {
    String id = Wire.newAccountId();
    for (String query : List.of("expand[]=nothing", "expand[0]=nothing", "expand%5B%5D=nothing", "expand%5B0%5D=nothing")) {
      StripeHttp.Response r = http.get("/v1/accounts/" + id + "?" + query);
      JsonNode error = assertInvalid(r, null, "expand");
      assertThat(error.get("message").asText()).as(query).isEqualTo("This property cannot be expanded (nothing).");
    }
    // the first path is checked first: index order decides which one that is
    assertThat(http.get("/v1/accounts/" + id + "?expand[1]=second&expand[0]=first").json().at("/error/message").asText())
        .contains("(first)");
    assertThat(http.get("/v1/accounts/" + id + "?expand[]=first&expand[]=second").json().at("/error/message").asText())
        .contains("(first)");
    // a bare value where an array is expected is not an array
    assertThat(assertInvalid(http.get("/v1/accounts/" + id + "?expand=nothing"), null, "expand").get("message").asText())
        .contains("must be an array");
  }

  @Test
  void percentEncodedBracketsAreDecodedBeforeParsing() {
    JsonNode account = createAccount("metadata%5Border_id%5D=42&business_profile%5Bsupport_address%5D%5Bcity%5D=Lyon");
    assertThat(account.at("/metadata/order_id").asText()).isEqualTo("42");
    assertThat(account.at("/business_profile/support_address/city").asText()).isEqualTo("Lyon");
  }

  @Test
  void plusAndPercentTwentyAreSpacesInValuesAndKeys() {
    JsonNode account = createAccount("metadata[plus]=a+b&metadata[pct]=a%20b&metadata[literal_plus]=x+%2B+y&metadata[two+words]=1");
    assertThat(account.at("/metadata/plus").asText()).isEqualTo("a b");
    assertThat(account.at("/metadata/pct").asText()).isEqualTo("a b");
    assertThat(account.at("/metadata/literal_plus").asText()).isEqualTo("x + y");
    assertThat(account.get("metadata").get("two words").asText()).isEqualTo("1");
  }

  @Test
  void utf8PercentEscapesBecomeUnicode() {
    JsonNode account = createAccount("metadata[city]=Z%C3%BCrich&metadata[emoji]=%F0%9F%A7%80&business_profile[name]=%E5%BA%97");
    assertThat(account.at("/metadata/city").asText()).isEqualTo("Zürich");
    assertThat(account.at("/metadata/emoji").asText()).isEqualTo("\uD83E\uDDC0");
    assertThat(account.at("/business_profile/name").asText()).isEqualTo("店");
  }

  @Test
  void anEmptyMetadataValueDeletesThatKeyOnUpdate() {
    String id = createAccount("metadata[a]=1&metadata[b]=2").get("id").asText();
    StripeHttp.Response r = http.postRaw("/v1/accounts/" + id, "metadata[a]=&metadata[c]=3");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("metadata").has("a")).isFalse();
    assertThat(r.json().at("/metadata/b").asText()).isEqualTo("2");
    assertThat(r.json().at("/metadata/c").asText()).isEqualTo("3");
    assertThat(http.get("/v1/accounts/" + id).json().get("metadata").has("a")).isFalse();
  }

  @Test
  void anEmptyMetadataClearsEveryKey() {
    String id = createAccount("metadata[a]=1&metadata[b]=2").get("id").asText();
    StripeHttp.Response r = http.postRaw("/v1/accounts/" + id, "metadata=");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("metadata").isObject()).isTrue();
    assertThat(r.json().get("metadata").size()).isZero();
  }

  @Test
  void anEmptyStringUnsetsAnUnsettableField() {
    String id = createAccount("business_profile[support_url]=https%3A%2F%2Fshop.example&business_type=company").get("id").asText();
    StripeHttp.Response r = http.postRaw("/v1/accounts/" + id, "business_profile[support_url]=&business_type=");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().at("/business_profile").has("support_url")).isTrue();
    assertThat(r.json().at("/business_profile/support_url").isNull()).isTrue();
    assertThat(r.json().get("business_type").isNull()).isTrue();
  }

  @Test
  void getParametersAreReadFromTheQueryStringAndNotTheBody() {
    Wire.newAccountId();
    Wire.newAccountId();
    assertThat(http.get("/v1/accounts?limit=2").json().get("data").size()).isEqualTo(2);
    // a GET body is not where parameters live: it is ignored
    StripeHttp.Response r = http.send("GET", "/v1/accounts?limit=1", "limit=abc&foo=bar");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("data").size()).isEqualTo(1);
  }

  @Test
  void deleteParametersAreReadFromTheQueryString() {
    String id = Wire.newAccountId();
    StripeHttp.Response r = http.delete("/v1/accounts/" + id + "?foo=1");
    assertThat(assertInvalid(r, "parameter_unknown", "foo").get("message").asText()).isEqualTo("Received unknown parameter: foo");
    assertThat(http.get("/v1/accounts/" + id).status()).isEqualTo(200);
  }

  @Test
  void aValueAndAHashUnderOneNameAreRefusedNotMerged() {
    assertInvalid(http.postRaw("/v1/accounts", "metadata=x&metadata[k]=v"), null, "metadata");
    assertInvalid(http.postRaw("/v1/accounts", "metadata[k]=v&metadata[k][deeper]=w"), null, "metadata[k]");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}

package com.comptoir.processor.api;

import static com.comptoir.processor.api.Wire.assertError;
import static com.comptoir.processor.api.Wire.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Typed parameter checks answered with Stripe's codes and bracket-form {@code param} (fact sheet §2). */
class ParameterValidationTest {
  private final StripeHttp http = Wire.http();

  @Test
  void anUnknownParameterIsNamed() {
    JsonNode error = assertInvalid(http.postRaw("/v1/accounts", "foo=1"), "parameter_unknown", "foo");
    assertThat(error.get("message").asText()).isEqualTo("Received unknown parameter: foo");
  }

  @Test
  void anUnknownNestedParameterIsNamedInBracketForm() {
    JsonNode error = assertInvalid(http.postRaw("/v1/accounts", "business_profile[foo]=1"), "parameter_unknown", "business_profile[foo]");
    assertThat(error.get("message").asText()).isEqualTo("Received unknown parameter: business_profile[foo]");
  }

  @Test
  void severalUnknownParametersAreNamedTogether() {
    JsonNode error = assertInvalid(http.postRaw("/v1/accounts", "a=1&b=2&email=x%40example.com"), "parameter_unknown", "a");
    assertThat(error.get("message").asText()).isEqualTo("Received unknown parameters: a, b");
  }

  @Test
  void unknownParametersAreRefusedOnGetToo() {
    assertInvalid(http.get("/v1/accounts?limit=3&colour=red"), "parameter_unknown", "colour");
  }

  @Test
  void aNonIntegerWhereAnIntegerIsExpectedIsRefused() {
    String id = Wire.newCustomAccountId(); // payout settings are the platform's to write on Custom accounts
    JsonNode error = assertInvalid(http.postRaw("/v1/accounts/" + id, "settings[payouts][schedule][monthly_anchor]=abc"),
        "parameter_invalid_integer", "settings[payouts][schedule][monthly_anchor]");
    assertThat(error.get("message").asText()).contains("abc");
    assertInvalid(http.postRaw("/v1/accounts/" + id, "settings[payouts][schedule][monthly_anchor]=1.5"),
        "parameter_invalid_integer", "settings[payouts][schedule][monthly_anchor]");
    assertInvalid(http.postRaw("/v1/accounts/" + id, "settings[payouts][schedule][monthly_anchor]=99999999999999999999999"),
        "parameter_invalid_integer", "settings[payouts][schedule][monthly_anchor]");
  }

  @Test
  void anIntegerOutOfRangeIsRefused() {
    String id = Wire.newCustomAccountId(); // payout settings are the platform's to write on Custom accounts
    JsonNode error = assertInvalid(http.postRaw("/v1/accounts/" + id, "settings[payouts][schedule][monthly_anchor]=32"),
        "parameter_invalid_integer", "settings[payouts][schedule][monthly_anchor]");
    assertThat(error.get("message").asText()).contains("less than or equal to 31");
    assertInvalid(http.postRaw("/v1/accounts/" + id, "settings[payouts][schedule][monthly_anchor]=0"),
        "parameter_invalid_integer", "settings[payouts][schedule][monthly_anchor]");
    StripeHttp.Response ok = http.postRaw("/v1/accounts/" + id, "settings[payouts][schedule][monthly_anchor]=31");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
  }

  @Test
  void anEmptyStringWhereAValueCannotBeUnsetIsRefused() {
    JsonNode error = assertInvalid(http.postRaw("/v1/accounts", "email="), "parameter_invalid_empty", "email");
    assertThat(error.get("message").asText()).contains("You passed an empty string for 'email'");
    assertInvalid(http.postRaw("/v1/accounts", "business_profile[support_address][city]="),
        "parameter_invalid_empty", "business_profile[support_address][city]");
  }

  @Test
  void aMissingRequiredNestedFieldIsNamed() {
    JsonNode error = assertInvalid(
        http.postRaw("/v1/accounts", "external_account[object]=bank_account&external_account[country]=US&external_account[routing_number]=110000000"),
        "parameter_missing", "external_account[account_number]");
    assertThat(error.get("message").asText()).isEqualTo("Missing required param: external_account[account_number].");
    assertInvalid(http.postRaw("/v1/accounts", "individual[dob][day]=1&individual[dob][year]=1990"),
        "parameter_missing", "individual[dob][month]");
  }

  @Test
  void aValueOutsideAnEnumIsRefusedAndTheChoicesAreListed() {
    JsonNode error = assertInvalid(http.postRaw("/v1/accounts", "business_type=robot"), null, "business_type");
    assertThat(error.get("message").asText()).contains("robot").contains("individual").contains("company");
    assertInvalid(http.postRaw("/v1/accounts", "type=STANDARD"), null, "type");
  }

  @Test
  void aBooleanMustBeTrueOrFalse() {
    String id = Wire.newCustomAccountId(); // payout settings are the platform's to write on Custom accounts
    for (String value : new String[] {"yes", "1", "TRUE", "on"}) {
      assertInvalid(http.postRaw("/v1/accounts/" + id, "settings[payouts][debit_negative_balances]=" + value),
          null, "settings[payouts][debit_negative_balances]");
    }
    StripeHttp.Response ok = http.postRaw("/v1/accounts/" + id, "settings[payouts][debit_negative_balances]=true");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().at("/settings/payouts/debit_negative_balances").asBoolean()).isTrue();
  }

  @Test
  void aStringOverItsMaximumLengthIsRefused() {
    assertInvalid(http.postRaw("/v1/accounts", "business_profile[mcc]=12345"), null, "business_profile[mcc]");
    assertInvalid(http.postRaw("/v1/accounts", "email=" + "a".repeat(5001)), null, "email");
    StripeHttp.Response ok = http.postRaw("/v1/accounts", "business_profile[mcc]=5734");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
  }

  @Test
  void aHashWhereAStringIsExpectedIsRefused() {
    assertInvalid(http.postRaw("/v1/accounts", "email[x]=1"), null, "email");
    assertInvalid(http.postRaw("/v1/accounts", "business_profile=x"), null, "business_profile");
  }

  @Test
  void anUnknownUrlIsA404NamingMethodAndPath() {
    JsonNode error = assertError(http.get("/v1/nope"), 404, "invalid_request_error", null, null);
    assertThat(error.get("message").asText())
        .isEqualTo("Unrecognized request URL (GET: /v1/nope). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");
    assertThat(assertError(http.postRaw("/v1/account", "a=1"), 404, "invalid_request_error", null, null).get("message").asText())
        .startsWith("Unrecognized request URL (POST: /v1/account)");
    assertError(http.send("PUT", "/v1/accounts", "a=1"), 404, "invalid_request_error", null, null);
  }

  @Test
  void anAccountThatDoesNotExistIsRefusedAsStripeDoesForAccounts() {
    JsonNode error = assertError(http.get("/v1/accounts/acct_doesnotexist"), 403, "invalid_request_error", "account_invalid", null);
    assertThat(error.get("message").asText()).contains("does not have access to account 'acct_doesnotexist'");
  }

  @Test
  void anUnknownListCursorIsResourceMissing() {
    JsonNode error = assertError(http.get("/v1/accounts?starting_after=acct_unknown"), 404, "invalid_request_error", "resource_missing", "starting_after");
    assertThat(error.get("message").asText()).isEqualTo("No such account: 'acct_unknown'");
    assertError(http.get("/v1/accounts?ending_before=acct_unknown"), 404, "invalid_request_error", "resource_missing", "ending_before");
  }

  @Test
  void anUnknownTokenIsResourceMissing() {
    String id = Wire.newAccountId();
    JsonNode error = assertError(http.postRaw("/v1/accounts/" + id, "external_account=btok_x"), 404,
        "invalid_request_error", "resource_missing", "external_account");
    assertThat(error.get("message").asText()).isEqualTo("No such token: 'btok_x'");
  }

  @Test
  void validationStopsBeforeAnyWrite() {
    String id = Wire.createAccount("type=custom&metadata[kept]=yes").get("id").asText();
    assertInvalid(http.postRaw("/v1/accounts/" + id, "metadata[kept]=no&settings[payouts][schedule][monthly_anchor]=abc"),
        "parameter_invalid_integer", "settings[payouts][schedule][monthly_anchor]");
    assertThat(http.get("/v1/accounts/" + id).json().at("/metadata/kept").asText()).isEqualTo("yes");
  }
}

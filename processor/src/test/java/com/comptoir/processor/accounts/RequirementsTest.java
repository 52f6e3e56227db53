package com.comptoir.processor.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.VerifiedAccount;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requirements follow what an account holds, and Stripe's test values decide verification. */
class RequirementsTest {
  private final StripeHttp http = TestProcessor.get().http();

  private static Map<String, String> usIndividual(String dobYear, String idNumber) {
    Map<String, String> f = VerifiedAccount.custom("US");
    f.put("individual[dob][year]", dobYear);
    f.put("individual[id_number]", idNumber);
    return f;
  }

  @Test
  void aFreshStandardAccountOwesTheBasics() {
    JsonNode account = http.post("/v1/accounts", Map.of()).json();
    assertThat(account.at("/requirements/currently_due")).extracting(JsonNode::asText)
        .contains("business_type", "business_profile.mcc", "business_profile.url", "external_account", "tos_acceptance.date", "tos_acceptance.ip");
    assertThat(account.at("/requirements/disabled_reason").asText()).isEqualTo("requirements.past_due");
    assertThat(account.get("charges_enabled").asBoolean()).isFalse();
    assertThat(account.get("payouts_enabled").asBoolean()).isFalse();
  }

  @Test
  void aCustomAccountCompletedThroughTheApiIsEnabled() {
    JsonNode account = http.post("/v1/accounts", usIndividual("1901", "000000000")).json();
    assertThat(account.at("/requirements/currently_due")).isEmpty();
    assertThat(account.at("/requirements/errors")).isEmpty();
    assertThat(account.get("details_submitted").asBoolean()).isTrue();
    assertThat(account.get("charges_enabled").asBoolean()).isTrue();
    assertThat(account.get("payouts_enabled").asBoolean()).isTrue();
    assertThat(account.at("/capabilities/card_payments").asText()).isEqualTo("active");
    // the identity number is never shown back, only that it was given
    assertThat(account.get("individual").has("id_number")).isFalse();
    assertThat(account.at("/individual/id_number_provided").asBoolean()).isTrue();
    assertThat(account.at("/individual/object").asText()).isEqualTo("person");
  }

  @Test
  void aFailingTestIdNumberLeavesTheAccountWithAnErrorAndTheFieldDueAgain() {
    JsonNode account = http.post("/v1/accounts", usIndividual("1901", "111111111")).json();
    assertThat(account.at("/requirements/errors/0/code").asText()).isEqualTo("verification_failed_id_number_match");
    assertThat(account.at("/requirements/errors/0/requirement").asText()).isEqualTo("individual.id_number");
    assertThat(account.at("/requirements/currently_due")).extracting(JsonNode::asText).contains("individual.id_number");
    assertThat(account.get("charges_enabled").asBoolean()).isFalse();

    // correcting it clears the error and enables the account
    JsonNode fixed = http.post("/v1/accounts/" + account.get("id").asText(), Map.of("individual[id_number]", "000000000")).json();
    assertThat(fixed.at("/requirements/errors")).isEmpty();
    assertThat(fixed.get("charges_enabled").asBoolean()).isTrue();
  }

  @Test
  void aDateOfBirthOtherThanTheTestValuesFailsVerification() {
    JsonNode account = http.post("/v1/accounts", usIndividual("1985", "000000000")).json();
    assertThat(account.at("/requirements/errors/0/code").asText()).isEqualTo("verification_failed_keyed_identity");
    assertThat(account.at("/requirements/errors/0/requirement").asText()).isEqualTo("individual.dob.day");
    assertThat(account.get("charges_enabled").asBoolean()).isFalse();
  }

  @Test
  void anAddressThatDoesNotMatchPausesPayoutsButNotCharges() {
    Map<String, String> form = usIndividual("1901", "000000000");
    form.put("individual[address][line1]", "address_no_match");
    JsonNode account = http.post("/v1/accounts", form).json();
    assertThat(account.get("charges_enabled").asBoolean()).isTrue();
    assertThat(account.get("payouts_enabled").asBoolean()).isFalse();
    assertThat(account.at("/requirements/errors/0/code").asText()).isEqualTo("verification_failed_address_match");
  }

  @Test
  void aCompanyNeedsItsRepresentativeAsAPerson() {
    Map<String, String> form = new HashMap<>(Map.of("type", "custom", "country", "FR", "business_type", "company",
        "capabilities[card_payments][requested]", "true", "business_profile[mcc]", "5691",
        "business_profile[url]", "https://accessible.stripe.com", "company[name]", "Atelier SAS", "company[phone]", "0100000000",
        "company[tax_id]", "000000000", "tos_acceptance[date]", "1700000000"));
    form.putAll(Map.of("tos_acceptance[ip]", "127.0.0.1", "company[address][line1]", "address_full_match",
        "company[address][city]", "Paris", "company[address][postal_code]", "75001",
        "external_account[object]", "bank_account", "external_account[country]", "FR",
        "external_account[account_number]", "FR1420041010050500013M02606"));
    JsonNode account = http.post("/v1/accounts", form).json();
    String id = account.get("id").asText();
    assertThat(account.at("/requirements/currently_due")).extracting(JsonNode::asText)
        .contains("representative.first_name", "representative.dob.day").doesNotContain("company.tax_id");
    assertThat(account.at("/company/tax_id_provided").asBoolean()).isTrue();

    Map<String, String> person = new HashMap<>(Map.of("first_name", "Jeanne", "last_name", "Martin", "email", "j@example.fr",
        "phone", "0100000000", "dob[day]", "1", "dob[month]", "1", "dob[year]", "1901", "address[line1]", "address_full_match",
        "address[city]", "Paris", "address[postal_code]", "75001"));
    person.put("relationship[representative]", "true");
    person.put("relationship[title]", "Gérante");
    StripeHttp.Response created = http.post("/v1/accounts/" + id + "/persons", person);
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().get("object").asText()).isEqualTo("person");

    JsonNode enabled = http.get("/v1/accounts/" + id).json();
    assertThat(enabled.at("/requirements/currently_due")).isEmpty();
    assertThat(enabled.get("charges_enabled").asBoolean()).isTrue();
    assertThat(http.get("/v1/accounts/" + id + "/persons?relationship[representative]=true").json().get("data")).hasSize(1);
  }
}

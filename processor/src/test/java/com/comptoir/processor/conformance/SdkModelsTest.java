package com.comptoir.processor.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.Account;
import com.stripe.model.AccountCollection;
import org.junit.jupiter.api.Test;

/** The checker behind the SDK flows must itself catch what it claims to catch. */
class SdkModelsTest {

  @Test
  void aBodyTheModelFullyReadsHasNoDisagreement() {
    String body = """
        {"id":"acct_1","object":"account","metadata":{"k":"v"},"created":1700000000,"charges_enabled":false,
         "controller":{"type":"account","is_controller":false},"requirements":{"currently_due":["x"],"current_deadline":null},
         "external_accounts":{"object":"list","has_more":false,"url":"/v1/accounts/acct_1/external_accounts",
           "data":[{"id":"ba_1","object":"bank_account","account":"acct_1","last4":"2606"}]}}""";
    assertThat(SdkModels.disagreements(body, Account.class)).isEmpty();
  }

  @Test
  void aFieldTheModelLacksIsReportedWithItsPath() {
    assertThat(SdkModels.disagreements("{\"id\":\"acct_1\",\"business_profile\":{\"nmae\":\"typo\"}}", Account.class))
        .containsExactly("business_profile.nmae: com.stripe.model.Account.BusinessProfile has no field for it; the SDK drops it");
  }

  @Test
  void aValueOfTheWrongKindIsReported() {
    assertThat(SdkModels.disagreements("{\"created\":\"yesterday\",\"charges_enabled\":\"false\",\"metadata\":[]}", Account.class))
        .containsExactlyInAnyOrder(
            "created: the SDK expects an integer but the processor sent string \"yesterday\"",
            "charges_enabled: the SDK expects a boolean but the processor sent string \"false\"",
            "metadata: the SDK expects a JSON object for java.util.Map<java.lang.String, java.lang.String> but the processor sent array []");
  }

  @Test
  void listItemsAndPolymorphicExternalAccountsAreCheckedToo() {
    String body = """
        {"object":"list","has_more":false,"url":"/v1/accounts","data":[
          {"id":"acct_1","object":"account","external_accounts":{"object":"list","data":[
            {"id":"x_1","object":"wire"},{"id":"ba_1","object":"bank_account","lastfour":"1"}]}}]}""";
    assertThat(SdkModels.disagreements(body, AccountCollection.class)).containsExactly(
        "data[0].external_accounts.data[0]: object 'wire' is none the SDK reads as ExternalAccount",
        "data[0].external_accounts.data[1].lastfour: com.stripe.model.BankAccount has no field for it; the SDK drops it");
  }
}

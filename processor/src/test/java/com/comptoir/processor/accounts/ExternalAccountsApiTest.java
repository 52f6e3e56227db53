package com.comptoir.processor.accounts;

import static com.comptoir.processor.accounts.ConnectedAccounts.US_BANK;
import static com.comptoir.processor.accounts.ConnectedAccounts.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.model.BankAccount;
import com.stripe.model.Event;
import com.stripe.model.ExternalAccount;
import com.stripe.model.StripeCollection;
import com.stripe.param.AccountExternalAccountCreateParams;
import com.stripe.param.AccountExternalAccountListParams;
import com.stripe.param.AccountExternalAccountUpdateParams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/accounts/{account}/external_accounts}: the bank accounts a connected account is paid out to. */
class ExternalAccountsApiTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();
  private final StripeClient client = ConnectedAccounts.client(processor);
  private final WebhookReceiver receiver = new WebhookReceiver();
  private String endpoint;

  @AfterEach
  void stop() {
    if (endpoint != null) {
      http.delete("/v1/webhook_endpoints/" + endpoint);
    }
    receiver.close();
  }

  private static String path(String account) {
    return "/v1/accounts/" + account + "/external_accounts";
  }

  private JsonNode add(String account, Map<String, String> form) {
    StripeHttp.Response r = http.post(path(account), form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static Map<String, String> iban(String iban) {
    return Map.of("external_account[object]", "bank_account", "external_account[country]", "DE",
        "external_account[currency]", "eur", "external_account[account_number]", iban);
  }

  @Test
  void anIbanAddedToACustomAccountBecomesItsDefaultEuroBankAccount() {
    String account = ConnectedAccounts.create(http, "custom", "DE");

    JsonNode ba = add(account, with(iban(ConnectedAccounts.GOOD_IBAN), "external_account[account_holder_name]", "Jenny Rosen",
        "metadata[ref]", "42"));
    assertThat(ba.get("id").asText()).startsWith("ba_");
    assertThat(ba.get("object").asText()).isEqualTo("bank_account");
    assertThat(ba.get("account").asText()).isEqualTo(account);
    assertThat(ba.get("last4").asText()).isEqualTo("3000");
    assertThat(ba.get("currency").asText()).isEqualTo("eur");
    assertThat(ba.get("default_for_currency").asBoolean()).isTrue();
    assertThat(ba.get("account_holder_name").asText()).isEqualTo("Jenny Rosen");
    assertThat(ba.at("/metadata/ref").asText()).isEqualTo("42");
    assertThat(ba.get("status").asText()).isEqualTo("new");

    JsonNode after = http.get("/v1/accounts/" + account).json();
    assertThat(after.at("/external_accounts/data/0/id").asText()).isEqualTo(ba.get("id").asText());
    assertThat(after.at("/requirements/currently_due")).extracting(JsonNode::asText).doesNotContain("external_account");
  }

  @Test
  void stripeJavaAddsListsAndRetrievesAUsBankAccount() throws Exception {
    String account = ConnectedAccounts.create(http, "custom");

    ExternalAccount created = client.accounts().externalAccounts().create(account, AccountExternalAccountCreateParams.builder()
        .setExternalAccount(AccountExternalAccountCreateParams.BankAccount.builder()
            .setObject("bank_account").setCountry("US").setCurrency("usd").setRoutingNumber("110000000").setAccountNumber("000123456789")
            .setAccountHolderName("Jenny Rosen")
            .setAccountHolderType(AccountExternalAccountCreateParams.BankAccount.AccountHolderType.INDIVIDUAL)
            .build())
        .build());
    BankAccount ba = (BankAccount) created;
    assertThat(ba.getLast4()).isEqualTo("6789");
    assertThat(ba.getRoutingNumber()).isEqualTo("110000000");
    assertThat(ba.getAccount()).isEqualTo(account);
    assertThat(ba.getDefaultForCurrency()).isTrue();

    StripeCollection<ExternalAccount> list = client.accounts().externalAccounts().list(account,
        AccountExternalAccountListParams.builder().setObject("bank_account").build());
    assertThat(list.getData()).extracting(e -> ((BankAccount) e).getId()).containsExactly(ba.getId());
    BankAccount retrieved = (BankAccount) client.accounts().externalAccounts().retrieve(account, ba.getId());
    assertThat(retrieved.getAccountHolderType()).isEqualTo("individual");
  }

  @Test
  void aSecondBankAccountInACurrencyIsNotTheDefaultUntilItIsMadeSo() {
    String account = ConnectedAccounts.create(http, "custom");
    JsonNode first = add(account, US_BANK);
    JsonNode second = add(account, with(US_BANK, "external_account[account_number]", "000999999991"));
    assertThat(second.get("default_for_currency").asBoolean()).isFalse();

    StripeHttp.Response r = http.post(path(account) + "/" + second.get("id").asText(), Map.of("default_for_currency", "true"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("default_for_currency").asBoolean()).isTrue();
    assertThat(http.get(path(account) + "/" + first.get("id").asText()).json().get("default_for_currency").asBoolean()).isFalse();
    // A third one asked to be the default on creation takes over in turn.
    JsonNode third = add(account, with(US_BANK, "external_account[account_number]", "000111111116", "default_for_currency", "true"));
    assertThat(third.get("default_for_currency").asBoolean()).isTrue();
    assertThat(http.get(path(account) + "/" + second.get("id").asText()).json().get("default_for_currency").asBoolean()).isFalse();
  }

  @Test
  void theDefaultCannotBeUnsetDirectly() {
    String account = ConnectedAccounts.create(http, "custom");
    String id = add(account, US_BANK).get("id").asText();

    StripeHttp.Response r = http.post(path(account) + "/" + id, Map.of("default_for_currency", "false"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/param").asText()).isEqualTo("default_for_currency");
  }

  @Test
  void theListIsNewestFirstPagesByCursorAndFiltersByObject() {
    String account = ConnectedAccounts.create(http, "custom");
    String a = add(account, US_BANK).get("id").asText();
    String b = add(account, with(US_BANK, "external_account[account_number]", "000111111113")).get("id").asText();
    String c = add(account, with(US_BANK, "external_account[account_number]", "000222222227")).get("id").asText();

    JsonNode page1 = http.get(path(account) + "?limit=2").json();
    assertThat(page1.get("object").asText()).isEqualTo("list");
    assertThat(page1.get("url").asText()).isEqualTo(path(account));
    assertThat(page1.get("data")).extracting(n -> n.get("id").asText()).containsExactly(c, b);
    assertThat(page1.get("has_more").asBoolean()).isTrue();
    JsonNode page2 = http.get(path(account) + "?limit=2&starting_after=" + b).json();
    assertThat(page2.get("data")).extracting(n -> n.get("id").asText()).containsExactly(a);
    assertThat(page2.get("has_more").asBoolean()).isFalse();
    JsonNode back = http.get(path(account) + "?limit=1&ending_before=" + a).json();
    assertThat(back.get("data")).extracting(n -> n.get("id").asText()).containsExactly(b);
    assertThat(back.get("has_more").asBoolean()).isTrue();
    assertThat(http.get(path(account) + "?object=card").json().get("data")).isEmpty();
    assertThat(http.get(path(account) + "?object=bank_account").json().get("data")).hasSize(3);
  }

  @Test
  void theHolderAndMetadataAreUpdatedAndCanBeCleared() {
    String account = ConnectedAccounts.create(http, "custom");
    String id = add(account, with(US_BANK, "metadata[keep]", "1", "metadata[drop]", "2")).get("id").asText();

    JsonNode updated = http.post(path(account) + "/" + id, Map.of("account_holder_name", "Rosen GmbH", "account_holder_type", "company",
        "metadata[drop]", "", "metadata[new]", "3")).json();
    assertThat(updated.get("account_holder_name").asText()).isEqualTo("Rosen GmbH");
    assertThat(updated.get("account_holder_type").asText()).isEqualTo("company");
    assertThat(updated.get("metadata")).hasSize(2);
    assertThat(updated.at("/metadata/new").asText()).isEqualTo("3");

    JsonNode cleared = http.post(path(account) + "/" + id, Map.of("account_holder_name", "", "metadata", "")).json();
    assertThat(cleared.get("account_holder_name").isNull()).isTrue();
    assertThat(cleared.get("metadata")).isEmpty();
    assertThat(http.get("/v1/accounts/" + account).json().at("/external_accounts/data/0/account_holder_name").isNull()).isTrue();
  }

  @Test
  void theAccountOfABankAccountExpands() {
    String account = ConnectedAccounts.create(http, "custom");
    String id = add(account, US_BANK).get("id").asText();

    JsonNode ba = http.get(path(account) + "/" + id + "?expand[]=account").json();
    assertThat(ba.at("/account/object").asText()).isEqualTo("account");
    assertThat(ba.at("/account/id").asText()).isEqualTo(account);
    assertThat(http.get(path(account) + "?expand[]=data.account").json().at("/data/0/account/id").asText()).isEqualTo(account);
  }

  @Test
  void metadataIsLimitedToFiftyKeysOnTheBankAccount() {
    String account = ConnectedAccounts.create(http, "custom");
    Map<String, String> form = new java.util.HashMap<>(US_BANK);
    for (int i = 0; i < 30; i++) {
      form.put("metadata[k" + i + "]", "v");
    }
    String id = add(account, form).get("id").asText();
    Map<String, String> more = new java.util.HashMap<>();
    for (int i = 30; i < 60; i++) {
      more.put("metadata[k" + i + "]", "v");
    }

    StripeHttp.Response r = http.post(path(account) + "/" + id, more);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/param").asText()).isEqualTo("metadata");
    assertThat(http.get(path(account) + "/" + id).json().get("metadata")).hasSize(30);
  }

  @Test
  void cardFieldsDoNotApplyToABankAccount() {
    String account = ConnectedAccounts.create(http, "custom");
    String id = add(account, US_BANK).get("id").asText();

    StripeHttp.Response r = http.post(path(account) + "/" + id, Map.of("exp_month", "12"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/param").asText()).isEqualTo("exp_month");
  }

  @Test
  void theDefaultBankAccountForTheDefaultCurrencyCannotBeDeleted() throws Exception {
    String account = ConnectedAccounts.create(http, "custom");
    String first = add(account, US_BANK).get("id").asText();
    String second = add(account, with(US_BANK, "external_account[account_number]", "000999999991")).get("id").asText();

    StripeHttp.Response refused = http.delete(path(account) + "/" + first);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/message").asText()).startsWith("You cannot delete the default bank account for your default currency");

    http.post(path(account) + "/" + second, Map.of("default_for_currency", "true"));
    ExternalAccount deleted = client.accounts().externalAccounts().delete(account, first);
    assertThat(((BankAccount) deleted).getDeleted()).isTrue();
    assertThat(((BankAccount) deleted).getId()).isEqualTo(first);
    StripeHttp.Response gone = http.get(path(account) + "/" + first);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().at("/error/code").asText()).isEqualTo("resource_missing");
    assertThat(http.get(path(account)).json().get("data")).extracting(n -> n.get("id").asText()).containsExactly(second);
  }

  @Test
  void deletingTheDefaultOfAnotherCurrencyHandsItToTheNextBankAccountInIt() {
    String account = ConnectedAccounts.create(http, "custom");
    add(account, US_BANK);
    Map<String, String> eurAtAUsBank = with(US_BANK, "external_account[currency]", "eur");
    String eurDefault = add(account, eurAtAUsBank).get("id").asText();
    String eurOther = add(account, with(eurAtAUsBank, "external_account[account_number]", "000999999991")).get("id").asText();

    JsonNode deleted = http.delete(path(account) + "/" + eurDefault).json();
    assertThat(deleted.get("deleted").asBoolean()).isTrue();
    assertThat(deleted.get("object").asText()).isEqualTo("bank_account");
    assertThat(http.get(path(account) + "/" + eurOther).json().get("default_for_currency").asBoolean()).isTrue();
  }

  @Test
  void everyChangeReachesTheConnectEndpointWithTheBankAccountTyped() throws Exception {
    endpoint = ConnectedAccounts.connectEndpoint(http, receiver,
        "account.external_account.created", "account.external_account.updated", "account.external_account.deleted", "account.updated");
    String account = ConnectedAccounts.create(http, "custom");
    String first = add(account, US_BANK).get("id").asText();
    String second = add(account, with(US_BANK, "external_account[account_number]", "000999999991")).get("id").asText();
    client.accounts().externalAccounts().update(account, second,
        AccountExternalAccountUpdateParams.builder().setAccountHolderName("Jenny Rosen").build());
    http.post(path(account) + "/" + second, Map.of("default_for_currency", "true"));
    http.delete(path(account) + "/" + first);

    Event created = receiver.await(e -> account.equals(e.getAccount()) && e.getType().equals("account.external_account.created"), WAIT);
    BankAccount createdBa = (BankAccount) created.getDataObjectDeserializer().getObject().orElseThrow();
    assertThat(createdBa.getId()).isIn(first, second);
    assertThat(createdBa.getAccount()).isEqualTo(account);
    Event renamed = receiver.await(e -> account.equals(e.getAccount()) && e.getType().equals("account.external_account.updated")
        && e.getData().getPreviousAttributes().containsKey("account_holder_name"), WAIT);
    assertThat(((BankAccount) renamed.getDataObjectDeserializer().getObject().orElseThrow()).getAccountHolderName()).isEqualTo("Jenny Rosen");
    // Making the second the default takes the flag off the first: both are told.
    receiver.await(e -> account.equals(e.getAccount()) && e.getType().equals("account.external_account.updated")
        && first.equals(((BankAccount) e.getDataObjectDeserializer().getObject().orElseThrow()).getId()), WAIT);
    Event deleted = receiver.await(e -> account.equals(e.getAccount()) && e.getType().equals("account.external_account.deleted"), WAIT);
    assertThat(((BankAccount) deleted.getDataObjectDeserializer().getObject().orElseThrow()).getId()).isEqualTo(first);
    receiver.await(e -> account.equals(e.getAccount()) && e.getType().equals("account.updated")
        && e.getData().getPreviousAttributes().containsKey("external_accounts"), WAIT);
  }

  @Test
  void aBadIbanIsRefusedAsAnInvalidAccountNumber() {
    String account = ConnectedAccounts.create(http, "custom", "DE");

    StripeHttp.Response r = http.post(path(account), iban("DE89370400440532013001"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("account_number_invalid");
    assertThat(r.json().at("/error/param").asText()).isEqualTo("external_account[account_number]");
    assertThat(r.json().at("/error/message").asText()).doesNotContain("370400440532");
    assertThat(http.get(path(account)).json().get("data")).isEmpty();
  }

  @Test
  void aBadRoutingNumberIsRefusedAsAnInvalidRoutingNumber() {
    String account = ConnectedAccounts.create(http, "custom");

    StripeHttp.Response r = http.post(path(account), with(US_BANK, "external_account[routing_number]", "11000"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("routing_number_invalid");
    assertThat(r.json().at("/error/param").asText()).isEqualTo("external_account[routing_number]");
  }

  @Test
  void badRequestsAreRefusedTheWayStripeRefusesThem() {
    String account = ConnectedAccounts.create(http, "custom");

    StripeHttp.Response token = http.post(path(account), Map.of("external_account", "btok_us_verified"));
    assertThat(token.status()).isEqualTo(404);
    assertThat(token.json().at("/error/code").asText()).isEqualTo("resource_missing");
    assertThat(token.json().at("/error/message").asText()).isEqualTo("No such token: 'btok_us_verified'");
    StripeHttp.Response unknown = http.post(path(account), with(US_BANK, "external_account[iban]", "x", "nickname", "main"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/code").asText()).isEqualTo("parameter_unknown");
    assertThat(unknown.json().at("/error/message").asText()).contains("external_account[iban]", "nickname");
    StripeHttp.Response missing = http.post(path(account), Map.of("metadata[a]", "b"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().at("/error/code").asText()).isEqualTo("parameter_missing");
    assertThat(missing.json().at("/error/param").asText()).isEqualTo("external_account");
    StripeHttp.Response card = http.post(path(account), Map.of("external_account[object]", "card", "external_account[country]", "US",
        "external_account[account_number]", "4000056655665556"));
    assertThat(card.status()).isEqualTo(400);
    assertThat(card.json().at("/error/param").asText()).isEqualTo("external_account[object]");
    StripeHttp.Response unknownId = http.get(path(account) + "/ba_doesNotExist");
    assertThat(unknownId.status()).isEqualTo(404);
    assertThat(unknownId.json().at("/error/message").asText()).isEqualTo("No such external account: 'ba_doesNotExist'");
    assertThat(http.get(path(account)).json().get("data")).isEmpty();
  }

  @Test
  void anotherPlatformCannotReachTheBankAccounts() {
    String account = ConnectedAccounts.create(http, "custom");
    String id = add(account, US_BANK).get("id").asText();
    StripeHttp other = ConnectedAccounts.otherPlatform(processor);

    for (StripeHttp.Response r : List.of(
        other.get(path(account)),
        other.get(path(account) + "/" + id),
        other.post(path(account), US_BANK),
        other.post(path(account) + "/" + id, Map.of("account_holder_name", "Mallory")),
        other.delete(path(account) + "/" + id))) {
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().at("/error/code").asText()).isEqualTo("account_invalid");
    }
    assertThat(http.get(path(account)).json().get("data")).hasSize(1);
  }

  @Test
  void aConnectedAccountReachesOnlyItsOwnBankAccounts() {
    String mine = ConnectedAccounts.create(http, "custom");
    String theirs = ConnectedAccounts.create(http, "custom");
    String theirBank = add(theirs, US_BANK).get("id").asText();
    StripeHttp asMine = http.header("Stripe-Account", mine);

    assertThat(asMine.get(path(mine)).status()).isEqualTo(200);
    assertThat(asMine.get(path(theirs)).status()).isEqualTo(403);
    assertThat(asMine.post(path(theirs), US_BANK).status()).isEqualTo(403);
    // Another account's bank account id, asked for under one's own account, is simply not there.
    StripeHttp.Response r = asMine.get(path(mine) + "/" + theirBank);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("resource_missing");
  }

  @Test
  void anExpressAccountsBankDetailsAreTheHoldersOnceOnboardingHasBegun() {
    String account = ConnectedAccounts.create(http, "express");
    String id = add(account, US_BANK).get("id").asText(); // prefilled by the platform
    ConnectedAccounts.startOnboarding(processor, account);

    StripeHttp.Response r = http.post(path(account), with(US_BANK, "external_account[account_number]", "000999999991"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/param").asText()).isEqualTo("external_account");
    assertThat(http.delete(path(account) + "/" + id).status()).isEqualTo(400);
    assertThat(http.get(path(account) + "/" + id).status()).isEqualTo(200); // still readable
  }
}

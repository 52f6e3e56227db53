package com.comptoir.processor.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.testing.TestProcessor;
import com.stripe.Stripe;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.AccountCollection;
import com.stripe.model.BankAccount;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeObject;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountListParams;
import com.stripe.param.AccountRetrieveParams;
import com.stripe.param.AccountUpdateParams;
import com.stripe.param.common.EmptyParam;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The official, unmodified stripe-java against a live processor: the calls a platform makes on
 * connected accounts, read back through the SDK's typed models, and every error the SDK must map
 * to its own exception class. Each scenario makes its own accounts, so a scenario for a new
 * endpoint is one more method. Every body the SDK reads is also held against the SDK's model
 * class ({@link SdkModels}), so a field the SDK would silently drop fails here, not in the platform.
 */
class JavaSdkFlowTest {
  /** Stripe's documented test IBAN (FR), valid under the mod-97 check. */
  static final String TEST_IBAN_FR = "FR1420041010050500013M02606";

  private static final TestProcessor processor = TestProcessor.get();

  /** The SDK's instance style, as the platform uses it: key and API base on the client, nothing global. */
  private final StripeClient stripe = StripeClient.builder()
      .setApiKey(processor.secretKey())
      .setApiBase(processor.url())
      .build();

  @Test
  void anAccountCreatedWithoutParametersIsAStandardAccountAsInStripesGuide() throws StripeException {
    Account account = read(stripe.v1().accounts().create());

    assertThat(account.getId()).matches("acct_[A-Za-z0-9]{16}");
    assertThat(account.getObject()).isEqualTo("account");
    assertThat(account.getType()).isEqualTo("standard");
    assertThat(account.getController().getType()).isEqualTo("account");
    assertThat(account.getController().getIsController()).isFalse();
    assertThat(account.getCountry()).isEqualTo("US");
    assertThat(account.getDefaultCurrency()).isEqualTo("usd");
    assertThat(account.getCreated()).isPositive();
    assertThat(account.getChargesEnabled()).isFalse();
    assertThat(account.getPayoutsEnabled()).isFalse();
    assertThat(account.getDetailsSubmitted()).isFalse();
    assertThat(account.getMetadata()).isEmpty();
    assertThat(account.getRequirements().getCurrentlyDue()).contains("external_account", "tos_acceptance.date");
    assertThat(account.getRequirements().getDisabledReason()).isEqualTo("requirements.past_due");
    assertThat(account.getCapabilities().getCardPayments()).isEqualTo("inactive");
    assertThat(account.getCapabilities().getTransfers()).isEqualTo("inactive");
    assertThat(account.getExternalAccounts().getData()).isEmpty();
    assertThat(account.getExternalAccounts().getUrl()).isEqualTo("/v1/accounts/" + account.getId() + "/external_accounts");
    assertThat(account.getSettings().getPayouts().getSchedule().getInterval()).isEqualTo("daily");
    // stripe-java sends its pinned version; the processor answers in it
    assertThat(account.getLastResponse().headers().firstValue("Stripe-Version")).contains(Stripe.API_VERSION);
    assertThat(account.getLastResponse().requestId()).matches("req_[A-Za-z0-9]{14}");
  }

  @Test
  void aPrefilledFrenchAccountReadsBackThroughTheTypedModel() throws StripeException {
    AccountCreateParams params = AccountCreateParams.builder()
        .setCountry("FR")
        .setEmail("atelier@example.fr")
        .setBusinessType(AccountCreateParams.BusinessType.COMPANY)
        .setBusinessProfile(AccountCreateParams.BusinessProfile.builder()
            .setName("L'Atelier du Pain")
            .setUrl("https://atelier.example.fr")
            .setMcc("5462")
            .setProductDescription("Bread and pastries")
            .setSupportEmail("aide@example.fr")
            .build())
        .putMetadata("store_id", "store_42")
        .putMetadata("plan", "pro")
        // the typed params only take a token here; the inline hash is what Stripe's docs show with curl
        .putExtraParam("external_account", Map.of(
            "object", "bank_account", "country", "FR", "currency", "eur", "account_number", TEST_IBAN_FR))
        .build();

    Account account = read(stripe.v1().accounts().create(params));

    assertThat(account.getCountry()).isEqualTo("FR");
    assertThat(account.getDefaultCurrency()).isEqualTo("eur");
    assertThat(account.getEmail()).isEqualTo("atelier@example.fr");
    assertThat(account.getBusinessType()).isEqualTo("company");
    assertThat(account.getBusinessProfile().getName()).isEqualTo("L'Atelier du Pain");
    assertThat(account.getBusinessProfile().getUrl()).isEqualTo("https://atelier.example.fr");
    assertThat(account.getBusinessProfile().getMcc()).isEqualTo("5462");
    assertThat(account.getBusinessProfile().getSupportEmail()).isEqualTo("aide@example.fr");
    assertThat(account.getMetadata()).containsExactlyInAnyOrderEntriesOf(Map.of("store_id", "store_42", "plan", "pro"));
    assertThat(account.getRequirements().getCurrentlyDue())
        .doesNotContain("business_profile.url", "business_profile.mcc", "external_account", "business_type")
        .contains("tos_acceptance.date");

    // the SDK picks the external account's class by its "object" field
    assertThat(account.getExternalAccounts().getData()).singleElement().isInstanceOfSatisfying(BankAccount.class, ba -> {
      assertThat(ba.getId()).startsWith("ba_");
      assertThat(ba.getLast4()).isEqualTo("2606");
      assertThat(ba.getCountry()).isEqualTo("FR");
      assertThat(ba.getCurrency()).isEqualTo("eur");
      assertThat(ba.getDefaultForCurrency()).isTrue();
      assertThat(ba.getAccount()).isEqualTo(account.getId());
    });

    Account again = read(stripe.v1().accounts().retrieve(account.getId()));
    assertThat(again).isEqualTo(account); // the SDK's models have value equality, response aside
  }

  @Test
  void metadataUpdatesMergeAndNullOrEmptyParamDeletes() throws StripeException {
    Account account = stripe.v1().accounts().create(AccountCreateParams.builder()
        .putMetadata("store_id", "store_7").putMetadata("plan", "basic").putMetadata("referrer", "fair").build());

    // a null value is how stripe-java says "delete this key": it sends metadata[referrer]=
    Account updated = read(stripe.v1().accounts().update(account.getId(), AccountUpdateParams.builder()
        .putMetadata("plan", "pro")
        .putMetadata("referrer", null)
        .putMetadata("onboarded_by", "sales")
        .setBusinessProfile(AccountUpdateParams.BusinessProfile.builder().setName("Chez Paul").build())
        .build()));
    assertThat(updated.getMetadata())
        .containsExactlyInAnyOrderEntriesOf(Map.of("store_id", "store_7", "plan", "pro", "onboarded_by", "sales"));
    assertThat(updated.getBusinessProfile().getName()).isEqualTo("Chez Paul");

    // EmptyParam.EMPTY sends metadata= which clears every key
    Account cleared = read(stripe.v1().accounts().update(account.getId(), AccountUpdateParams.builder()
        .setMetadata(EmptyParam.EMPTY).setEmail("paul@example.com").build()));
    assertThat(cleared.getMetadata()).isEmpty();
    assertThat(cleared.getEmail()).isEqualTo("paul@example.com");

    // stripe-java offers EmptyParam for every string of an update, but the spec (2023-08-16) does
    // not let email be unset: the refusal arrives as a typed, parameter-naming exception
    assertThatThrownBy(() -> stripe.v1().accounts().update(account.getId(), AccountUpdateParams.builder().setEmail(EmptyParam.EMPTY).build()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.getCode()).isEqualTo("parameter_invalid_empty");
          assertThat(e.getParam()).isEqualTo("email");
        });
  }

  @Test
  void autoPagingWalksEveryAccountNewestFirstWithoutDuplicates() throws StripeException {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(stripe.v1().accounts().create(AccountCreateParams.builder().putMetadata("n", "" + i).build()).getId());
    }
    long since = stripe.v1().accounts().retrieve(created.get(0)).getCreated();

    // pages of two force the SDK through starting_after cursors; the created filter keeps the
    // walk short on a processor other tests share
    StripeCollection<Account> page = stripe.v1().accounts().list(AccountListParams.builder()
        .setLimit(2L).setCreated(AccountListParams.Created.builder().setGte(since).build()).build());
    assertThat(page.getData()).hasSize(2);
    assertThat(page.getHasMore()).isTrue();
    assertThat(page.getUrl()).isEqualTo("/v1/accounts");
    assertSdkReadsAll(page.getLastResponse().body(), AccountCollection.class);

    List<Account> walked = new ArrayList<>();
    page.autoPagingIterable().forEach(walked::add);
    List<String> ids = walked.stream().map(Account::getId).toList();
    assertThat(new LinkedHashSet<>(ids)).as("no account twice").hasSameSizeAs(ids);
    assertThat(ids).as("ours, newest first").containsSubsequence(created.reversed());
    assertThat(walked).extracting(Account::getCreated).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(walked).allSatisfy(a -> assertThat(a.getCreated()).isGreaterThanOrEqualTo(since));

    // and backwards: ending_before gives the accounts just newer than the cursor, still newest first
    StripeCollection<Account> newer = stripe.v1().accounts().list(AccountListParams.builder()
        .setEndingBefore(created.get(0)).setLimit(2L).build());
    assertThat(newer.getData()).extracting(Account::getId).containsExactly(created.get(2), created.get(1));
  }

  @Test
  void stripeAccountInRequestOptionsActsAsTheConnectedAccount() throws StripeException {
    Account shop = stripe.v1().accounts().create(AccountCreateParams.builder().setEmail("shop@example.com").build());

    Account current = read(stripe.v1().accounts().retrieveCurrent(RequestOptions.builder().setStripeAccount(shop.getId()).build()));
    assertThat(current.getId()).isEqualTo(shop.getId());
    assertThat(current.getEmail()).isEqualTo("shop@example.com");

    // the same through a client bound to the connected account, as a platform does per merchant
    StripeClient asShop = StripeClient.builder().setApiKey(processor.secretKey()).setApiBase(processor.url())
        .setStripeAccount(shop.getId()).build();
    assertThat(asShop.v1().accounts().retrieveCurrent().getId()).isEqualTo(shop.getId());

    // without the header, the current account is the platform itself
    Account platform = read(stripe.v1().accounts().retrieveCurrent());
    assertThat(platform.getId()).isEqualTo(processor.platformAccountId());
    assertThat(platform.getChargesEnabled()).isTrue();
  }

  @Test
  void aDeletedAccountIsGoneForRetrieveAndForStripeAccount() throws StripeException {
    Account account = stripe.v1().accounts().create();

    Account deleted = read(stripe.v1().accounts().delete(account.getId()));
    assertThat(deleted.getId()).isEqualTo(account.getId());
    assertThat(deleted.getDeleted()).isTrue();

    assertThatThrownBy(() -> stripe.v1().accounts().retrieve(account.getId()))
        .isInstanceOfSatisfying(PermissionException.class, e -> assertThat(e.getCode()).isEqualTo("account_invalid"));
    assertThatThrownBy(() -> stripe.v1().accounts().retrieveCurrent(RequestOptions.builder().setStripeAccount(account.getId()).build()))
        .isInstanceOf(PermissionException.class);
  }

  @Test
  void anUnknownParameterIsAnInvalidRequestExceptionNamingIt() {
    assertThatThrownBy(() -> stripe.v1().accounts().create(AccountCreateParams.builder().putExtraParam("favorite_color", "blue").build()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getCode()).isEqualTo("parameter_unknown");
          assertThat(e.getParam()).isEqualTo("favorite_color");
          assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
          assertThat(e.getStripeError().getMessage()).isEqualTo("Received unknown parameter: favorite_color");
          assertThat(e.getStripeError().getDocUrl()).isEqualTo("https://stripe.com/docs/error-codes/parameter-unknown");
          assertThat(e.getRequestId()).startsWith("req_");
        });
  }

  @Test
  void anUnknownListCursorIsResourceMissing() {
    assertThatThrownBy(() -> stripe.v1().accounts().list(AccountListParams.builder().setStartingAfter("acct_0000000000000000").build()))
            .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
              assertThat(e.getStatusCode()).isEqualTo(404);
              assertThat(e.getCode()).isEqualTo("resource_missing");
              assertThat(e.getParam()).isEqualTo("starting_after");
              assertThat(e.getStripeError().getMessage()).isEqualTo("No such account: 'acct_0000000000000000'");
            });
  }

  @Test
  void aFieldThatCannotBeExpandedIsAnInvalidRequestException() throws StripeException {
    String id = stripe.v1().accounts().create().getId();
    assertThatThrownBy(() -> stripe.v1().accounts().retrieve(id, AccountRetrieveParams.builder().addExpand("email").build()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getStripeError().getMessage()).contains("email");
        });
  }

  @Test
  void anInvalidKeyIsAnAuthenticationException() {
    StripeClient wrongKey = StripeClient.builder().setApiKey("sk_test_notAKeyOfThisProcessor0000").setApiBase(processor.url()).build();
    assertThatThrownBy(() -> wrongKey.v1().accounts().list())
        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(401);
          assertThat(e.getStripeError().getMessage()).startsWith("Invalid API Key provided: sk_test_").endsWith("0000");
        });
  }

  @Test
  void stripeAccountNamingAnAccountOfNoOneIsAPermissionException() {
    assertThatThrownBy(() -> stripe.v1().accounts().retrieveCurrent(RequestOptions.builder().setStripeAccount("acct_0000000000000000").build()))
        .isInstanceOfSatisfying(PermissionException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(403);
          assertThat(e.getCode()).isEqualTo("account_invalid");
          assertThat(e.getStripeError().getMessage()).contains("does not have access to account 'acct_0000000000000000'");
        });
  }

  @Test
  void theSameIdempotencyKeyReplaysTheFirstAccount() throws StripeException {
    RequestOptions once = RequestOptions.builder().setIdempotencyKey("flow-" + UUID.randomUUID()).build();
    AccountCreateParams params = AccountCreateParams.builder().setEmail("once@example.com").build();

    Account first = stripe.v1().accounts().create(params, once);
    Account second = read(stripe.v1().accounts().create(params, once));

    assertThat(second.getId()).isEqualTo(first.getId());
    assertThat(first.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(second.getLastResponse().headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(second.getLastResponse().idempotencyKey()).isEqualTo(once.getIdempotencyKey());
  }

  @Test
  void theSameIdempotencyKeyWithOtherParametersIsAnIdempotencyException() throws StripeException {
    RequestOptions once = RequestOptions.builder().setIdempotencyKey("flow-" + UUID.randomUUID()).build();
    stripe.v1().accounts().create(AccountCreateParams.builder().setEmail("a@example.com").build(), once);

    assertThatThrownBy(() -> stripe.v1().accounts().create(AccountCreateParams.builder().setEmail("b@example.com").build(), once))
        .isInstanceOfSatisfying(IdempotencyException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(400);
          assertThat(e.getStripeError().getType()).isEqualTo("idempotency_error");
          assertThat(e.getStripeError().getMessage()).contains(once.getIdempotencyKey());
        });
  }

  /**
   * The SDK's older, global style ({@code Stripe.apiKey}, {@code Stripe.overrideApiBase} and the
   * static model methods), which many integrations still use. It changes JVM-wide settings, so
   * it restores them afterwards; nothing else in this JVM uses them.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class StaticStyle {
    private String previousKey;
    private String previousBase;

    @BeforeAll
    void pointTheGlobalSettingsAtTheProcessor() {
      previousKey = Stripe.apiKey;
      previousBase = Stripe.getApiBase();
      Stripe.apiKey = processor.secretKey();
      Stripe.overrideApiBase(processor.url());
    }

    @AfterAll
    void restoreTheGlobalSettings() {
      Stripe.apiKey = previousKey;
      Stripe.overrideApiBase(previousBase);
    }

    @Test
    void createRetrieveUpdateListAndDeleteThroughTheStaticModelMethods() throws StripeException {
      Account created = read(Account.create(AccountCreateParams.builder().setCountry("DE").putMetadata("style", "static").build()));
      assertThat(created.getCountry()).isEqualTo("DE");
      assertThat(created.getDefaultCurrency()).isEqualTo("eur");

      Account fetched = read(Account.retrieve(created.getId()));
      assertThat(fetched.getMetadata()).containsEntry("style", "static");

      // the instance method posts to /v1/accounts/{id} for the account in hand
      Account updated = read(fetched.update(AccountUpdateParams.builder().putMetadata("style", "static-updated").build()));
      assertThat(updated.getMetadata()).containsEntry("style", "static-updated");

      AccountCollection list = Account.list(AccountListParams.builder().setLimit(3L).build());
      assertSdkReadsAll(list.getLastResponse().body(), AccountCollection.class);
      assertThat(list.getData()).extracting(Account::getId).contains(created.getId());

      Account deleted = updated.delete();
      assertThat(deleted.getDeleted()).isTrue();
    }
  }

  /** The object, after checking that the SDK's model has a place for everything the processor sent. */
  static <T extends StripeObject> T read(T object) {
    assertSdkReadsAll(object.getLastResponse().body(), object.getClass());
    return object;
  }

  static void assertSdkReadsAll(String body, Class<?> model) {
    assertThat(SdkModels.disagreements(body, model))
        .as("fields of %s the stripe-java %s model disagrees with", model.getSimpleName(), Stripe.VERSION)
        .isEmpty();
  }

}

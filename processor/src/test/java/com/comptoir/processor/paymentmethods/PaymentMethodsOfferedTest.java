package com.comptoir.processor.paymentmethods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Account;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethodConfiguration;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountUpdateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentMethodConfigurationCreateParams;
import com.stripe.param.PaymentMethodConfigurationListParams;
import com.stripe.param.PaymentMethodConfigurationUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which payment methods Checkout and PaymentIntents offer, through stripe-java over HTTP: explicit
 * types are decided by capability and currency alone; without them the platform-managed
 * configuration, the account's own preference where it overrides it, the capability and the
 * currency decide together.
 */
@InOwnSandbox
class PaymentMethodsOfferedTest {
  private static final List<String> GUIDE = List.of("card", "bancontact", "eps", "ideal", "p24", "sepa_debit", "sofort");
  private static final List<String> EUROPEAN_CAPABILITIES =
      List.of("bancontact_payments", "eps_payments", "ideal_payments", "p24_payments", "sepa_debit_payments", "sofort_payments");

  /** Its own processor: these tests change the platform-managed configuration, which every connected account inherits. */
  private static TestProcessor processor;
  private static StripeClient stripe;
  private static StripeHttp platform;

  @BeforeAll
  static void start() {
    processor = TestProcessor.sandbox();
    stripe = StripeClient.builder().setApiKey(processor.secretKey()).setApiBase(processor.url()).setMaxNetworkRetries(0).build();
    platform = processor.http();
  }

  @AfterAll
  static void stop() {
    processor.close();
  }

  @BeforeEach
  void platformOffersOnlyCards() throws Exception {
    platformManaged(Map.of("card", "on", "bancontact", "off", "eps", "off", "ideal", "off", "p24", "off", "sepa_debit", "off", "sofort", "off"));
  }

  /** The platform-managed configuration for connected accounts, as the platform finds it by listing its own. */
  private static PaymentMethodConfiguration connectedAccountsConfiguration() throws Exception {
    return stripe.v1().paymentMethodConfigurations().list(PaymentMethodConfigurationListParams.builder().build()).getData().stream()
        .filter(c -> "Connected accounts".equals(c.getName())).findFirst().orElseThrow();
  }

  private static void platformManaged(Map<String, String> preferences) throws Exception {
    PaymentMethodConfigurationUpdateParams.Builder update = PaymentMethodConfigurationUpdateParams.builder();
    preferences.forEach((method, preference) -> update.putExtraParam(method, Map.of("display_preference", Map.of("preference", preference))));
    stripe.v1().paymentMethodConfigurations().update(connectedAccountsConfiguration().getId(), update.build());
  }

  private static RequestOptions on(String account) {
    return RequestOptions.builder().setStripeAccount(account).build();
  }

  private static String price(String account, String currency) {
    StripeHttp shop = platform.header("Stripe-Account", account);
    String product = shop.post("/v1/products", Map.of("name", "Hat")).json().get("id").asText();
    return shop.post("/v1/prices", Map.of("product", product, "currency", currency, "unit_amount", "2500")).json().get("id").asText();
  }

  private static SessionCreateParams.Builder session(String price) {
    return SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://shop.example/ok")
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build());
  }

  private static List<String> offered(String account, String currency) throws Exception {
    return stripe.v1().checkout().sessions().create(session(price(account, currency)).build(), on(account)).getPaymentMethodTypes();
  }

  @Test
  void explicitSepaDebitIsDecidedByTheCapabilityAlone() throws Exception {
    // A Custom US account asking for SEPA Direct Debit, before it has given any details: requested, inactive.
    Account account = stripe.v1().accounts().create(AccountCreateParams.builder().setType(AccountCreateParams.Type.CUSTOM).setCountry("US")
        .setCapabilities(AccountCreateParams.Capabilities.builder()
            .setCardPayments(AccountCreateParams.Capabilities.CardPayments.builder().setRequested(true).build())
            .setTransfers(AccountCreateParams.Capabilities.Transfers.builder().setRequested(true).build())
            .setSepaDebitPayments(AccountCreateParams.Capabilities.SepaDebitPayments.builder().setRequested(true).build())
            .build())
        .build());
    assertThat(account.getCapabilities().getSepaDebitPayments()).isEqualTo("inactive");
    SessionCreateParams cardAndSepa = session(price(account.getId(), "eur"))
        .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD).addPaymentMethodType(SessionCreateParams.PaymentMethodType.SEPA_DEBIT)
        .build();
    assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(cardAndSepa, on(account.getId())))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.getParam()).isEqualTo("payment_method_types[1]");
          assertThat(e.getStripeError().getMessage()).startsWith("The payment method type provided: sepa_debit is invalid.");
        });

    // The platform gives the rest of the details; the same account's capability turns active.
    Map<String, String> details = new HashMap<>(ActivatedAccounts.form("US"));
    details.keySet().removeIf(k -> k.equals("type") || k.equals("country") || k.startsWith("capabilities"));
    assertThat(platform.post("/v1/accounts/" + account.getId(), details).status()).isEqualTo(200);
    assertThat(stripe.v1().accounts().capabilities().retrieve(account.getId(), "sepa_debit_payments").getStatus()).isEqualTo("active");

    // Explicit types ignore the configuration (SEPA is off there): only capability and currency count.
    Session session = stripe.v1().checkout().sessions().create(cardAndSepa, on(account.getId()));
    assertThat(session.getPaymentMethodTypes()).containsExactly("card", "sepa_debit");
    PaymentIntent intent = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(2500L).setCurrency("eur")
        .addPaymentMethodType("sepa_debit").build(), on(account.getId()));
    assertThat(intent.getPaymentMethodTypes()).containsExactly("sepa_debit");
    assertThatThrownBy(() -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(2500L).setCurrency("usd")
        .addPaymentMethodType("card").addPaymentMethodType("sepa_debit").build(), on(account.getId())))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("payment_method_types[1]"));
  }

  @Test
  void dynamicMethodsFollowThePlatformManagedConfiguration() throws Exception {
    String account = ActivatedAccounts.custom(platform, "FR", EUROPEAN_CAPABILITIES.toArray(String[]::new));
    assertThat(offered(account, "eur")).containsExactly("card");

    platformManaged(Map.of("bancontact", "on", "eps", "on", "ideal", "on", "p24", "on", "sepa_debit", "on", "sofort", "on"));
    assertThat(offered(account, "eur")).containsExactlyElementsOf(GUIDE);
    assertThat(offered(account, "usd")).containsExactly("card"); // no error: cards are all that can charge dollars
    assertThat(offered(account, "pln")).containsExactly("card", "p24");

    // The account sees its own configuration as a child of the platform's.
    PaymentMethodConfiguration own = stripe.v1().paymentMethodConfigurations()
        .list(PaymentMethodConfigurationListParams.builder().build(), on(account)).getData().get(0);
    assertThat(own.getParent()).isEqualTo(connectedAccountsConfiguration().getId());
    assertThat(own.getApplication()).startsWith("ca_");
    assertThat(own.getIsDefault()).isTrue();
    assertThat(own.getIdeal().getDisplayPreference().getValue()).isEqualTo("on");
    assertThat(own.getIdeal().getDisplayPreference().getPreference()).isEqualTo("none");
    assertThat(own.getIdeal().getAvailable()).isTrue();
    Session session = stripe.v1().checkout().sessions().create(session(price(account, "eur")).build(), on(account));
    assertThat(session.getPaymentMethodConfigurationDetails().getId()).isEqualTo(own.getId());
    assertThat(session.getPaymentMethodConfigurationDetails().getParent()).isEqualTo(own.getParent());
  }

  @Test
  void theAccountsOwnPreferenceWinsWhereThePlatformLetsIt() throws Exception {
    String account = ActivatedAccounts.custom(platform, "BE", EUROPEAN_CAPABILITIES.toArray(String[]::new));
    platformManaged(Map.of("bancontact", "on", "ideal", "on", "sepa_debit", "on"));
    String own = stripe.v1().paymentMethodConfigurations().list(PaymentMethodConfigurationListParams.builder().build(), on(account))
        .getData().get(0).getId();

    // The holder turns iDEAL off and Sofort on for their own shop (as the Dashboard's form does).
    PaymentMethodConfiguration changed = stripe.v1().paymentMethodConfigurations().update(own, PaymentMethodConfigurationUpdateParams.builder()
        .setIdeal(PaymentMethodConfigurationUpdateParams.Ideal.builder().setDisplayPreference(
            PaymentMethodConfigurationUpdateParams.Ideal.DisplayPreference.builder()
                .setPreference(PaymentMethodConfigurationUpdateParams.Ideal.DisplayPreference.Preference.OFF).build()).build())
        .setSofort(PaymentMethodConfigurationUpdateParams.Sofort.builder().setDisplayPreference(
            PaymentMethodConfigurationUpdateParams.Sofort.DisplayPreference.builder()
                .setPreference(PaymentMethodConfigurationUpdateParams.Sofort.DisplayPreference.Preference.ON).build()).build())
        .build(), on(account));
    assertThat(changed.getIdeal().getDisplayPreference().getOverridable()).isTrue();
    assertThat(changed.getIdeal().getDisplayPreference().getValue()).isEqualTo("off");
    assertThat(offered(account, "eur")).containsExactly("card", "bancontact", "sepa_debit", "sofort");

    // Another account of the same platform still follows the platform.
    String other = ActivatedAccounts.custom(platform, "BE", EUROPEAN_CAPABILITIES.toArray(String[]::new));
    assertThat(offered(other, "eur")).containsExactly("card", "bancontact", "ideal", "sepa_debit");
  }

  @Test
  void aMethodWhoseCapabilityIsNotActiveIsNeverOffered() throws Exception {
    platformManaged(Map.of("bancontact", "on", "eps", "on", "ideal", "on", "p24", "on", "sepa_debit", "on", "sofort", "on"));
    // Requested only iDEAL besides cards.
    String idealOnly = ActivatedAccounts.custom(platform, "NL", "ideal_payments");
    assertThat(offered(idealOnly, "eur")).containsExactly("card", "ideal");
    PaymentMethodConfiguration own = stripe.v1().paymentMethodConfigurations()
        .list(PaymentMethodConfigurationListParams.builder().build(), on(idealOnly)).getData().get(0);
    assertThat(own.getBancontact().getDisplayPreference().getValue()).isEqualTo("on");
    assertThat(own.getBancontact().getAvailable()).isFalse();

    // Requested everything, but has not given its details yet: every capability inactive.
    Map<String, String> form = new HashMap<>(Map.of("type", "custom", "country", "NL"));
    EUROPEAN_CAPABILITIES.forEach(c -> form.put("capabilities[" + c + "][requested]", "true"));
    String notYet = platform.post("/v1/accounts", form).json().get("id").asText();
    assertThat(offered(notYet, "eur")).containsExactly("card");
  }

  @Test
  void aConfigurationCanBeChosenForOnePayment() throws Exception {
    String account = ActivatedAccounts.custom(platform, "DE", EUROPEAN_CAPABILITIES.toArray(String[]::new));
    PaymentMethodConfiguration banksOnly = stripe.v1().paymentMethodConfigurations().create(PaymentMethodConfigurationCreateParams.builder()
        .setName("Bank debits")
        .setCard(PaymentMethodConfigurationCreateParams.Card.builder().setDisplayPreference(
            PaymentMethodConfigurationCreateParams.Card.DisplayPreference.builder()
                .setPreference(PaymentMethodConfigurationCreateParams.Card.DisplayPreference.Preference.OFF).build()).build())
        .setSepaDebit(PaymentMethodConfigurationCreateParams.SepaDebit.builder().setDisplayPreference(
            PaymentMethodConfigurationCreateParams.SepaDebit.DisplayPreference.builder()
                .setPreference(PaymentMethodConfigurationCreateParams.SepaDebit.DisplayPreference.Preference.ON).build()).build())
        .build(), on(account));
    assertThat(banksOnly.getIsDefault()).isFalse();

    Session session = stripe.v1().checkout().sessions().create(session(price(account, "eur"))
        .setPaymentMethodConfiguration(banksOnly.getId()).build(), on(account));
    assertThat(session.getPaymentMethodTypes()).containsExactly("sepa_debit");
    assertThat(offered(account, "eur")).containsExactly("card"); // the default is unchanged

    assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(session(price(account, "eur"))
        .setPaymentMethodConfiguration("pmc_missing").build(), on(account)))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("payment_method_configuration"));
  }

  @Test
  void aCapabilityTheCountryDoesNotHaveCannotBeRequested() {
    assertThatThrownBy(() -> stripe.v1().accounts().create(AccountCreateParams.builder().setType(AccountCreateParams.Type.EXPRESS).setCountry("US")
        .setCapabilities(AccountCreateParams.Capabilities.builder()
            .setSofortPayments(AccountCreateParams.Capabilities.SofortPayments.builder().setRequested(true).build()).build())
        .build()))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("capabilities[sofort_payments]"));
  }

  @Test
  void aStandardAccountHoldsEveryMethodItsCountryAllows() throws Exception {
    Account standard = stripe.v1().accounts().create(AccountCreateParams.builder().setCountry("FR").build());
    assertThat(stripe.v1().accounts().capabilities().list(standard.getId()).getData()).extracting(c -> c.getId())
        .containsExactlyInAnyOrder("card_payments", "transfers", "bancontact_payments", "eps_payments", "ideal_payments", "p24_payments",
            "sepa_debit_payments", "sofort_payments");
    assertThatThrownBy(() -> stripe.v1().accounts().update(standard.getId(), AccountUpdateParams.builder()
        .setCapabilities(AccountUpdateParams.Capabilities.builder()
            .setIdealPayments(AccountUpdateParams.Capabilities.IdealPayments.builder().setRequested(false).build()).build()).build()))
        .isInstanceOf(InvalidRequestException.class);
  }
}

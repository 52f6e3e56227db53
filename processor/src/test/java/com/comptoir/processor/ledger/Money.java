package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.disputes.Disputes;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.testing.AuditedProcessor;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.VerifiedAccount;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Money scenarios against a real processor: payout-ready connected accounts made through the API,
 * charges booked the way the payments code books them (the charge document, then
 * {@link Ledger#chargeSucceeded} in the transaction that stores it), balances, the clock.
 */
final class Money {
  static final long DAY_SECONDS = 86_400;

  private final Supplier<TestProcessor> processor;

  Money(AuditedProcessor audited) {
    this(audited::get);
  }

  Money(Supplier<TestProcessor> processor) {
    this.processor = processor;
  }

  TestProcessor processor() {
    return processor.get();
  }

  StripeHttp http() {
    return processor().http();
  }

  StripeHttp as(String account) {
    return http().header("Stripe-Account", account);
  }

  Jdbi jdbi() {
    return Jdbi.create(processor().dataSource());
  }

  String platform() {
    return processor().platformAccountId();
  }

  // ----- accounts -----

  /** A US custom account that may take charges and be paid out, to a US bank in usd. */
  String usAccount() {
    return account(usIndividual("000123456789"));
  }

  /** A US custom account with the given bank account number (a failing test number, say). */
  String usAccount(String bankAccountNumber) {
    return account(usIndividual(bankAccountNumber));
  }

  String account(Map<String, String> form) {
    StripeHttp.Response r = http().post("/v1/accounts", form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode account = r.json();
    assertThat(account.get("payouts_enabled").asBoolean()).as(r.body()).isTrue();
    return account.get("id").asText();
  }

  static Map<String, String> usIndividual(String bankAccountNumber) {
    Map<String, String> f = VerifiedAccount.custom("US");
    f.put("external_account[account_number]", bankAccountNumber);
    return f;
  }

  /** A French custom account, paid out in eur to a French IBAN ({@code iban}: a failing test IBAN, say). */
  String frAccount(String iban) {
    Map<String, String> f = VerifiedAccount.custom("FR");
    f.put("external_account[account_number]", iban);
    f.put("capabilities[sepa_debit_payments][requested]", "true"); // to take SEPA debits in Checkout
    return account(f);
  }

  String frAccount() {
    return frAccount("FR1420041010050500013M02606");
  }

  /** Adds a bank account in {@code currency} (an IBAN) to {@code account}: the platform's own, or a connected one. */
  void addIban(String account, String currency, String iban) {
    StripeHttp.Response r = http().post("/v1/accounts/" + account, Map.of(
        "external_account[object]", "bank_account", "external_account[country]", iban.substring(0, 2),
        "external_account[currency]", currency, "external_account[account_number]", iban));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  void setSchedule(String account, Map<String, String> schedule) {
    Map<String, String> form = new HashMap<>();
    schedule.forEach((k, v) -> form.put("settings[payouts][schedule][" + k + "]", v));
    StripeHttp.Response r = http().post("/v1/accounts/" + account, form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  // ----- charges -----

  /** What the payments code knows when a charge succeeds. */
  record Payment(long amount, String currency, Long applicationFee, String method, String cardCountry, String last4) {
    static Payment card(long amount, String currency, Long applicationFee) {
      return new Payment(amount, currency, applicationFee, "card", "US", "4242");
    }

    Payment withCard(String country, String last4) {
      return new Payment(amount, currency, applicationFee, "card", country, last4);
    }

    Payment by(String method) {
      return new Payment(amount, currency, applicationFee, method, null, null);
    }
  }

  /** A charge succeeded on {@code account}: booked by the ledger and stored, as the payments code does. */
  ObjectNode charge(String account, Payment payment) {
    ObjectNode charge = chargeDocument(payment);
    jdbi().useTransaction(h -> {
      EventContext ctx = EventContext.automatic(platform(), nowMillis());
      Ledger.chargeSucceeded(h, ctx, account, platform(), charge);
      ResourceStore.insert(h, account, charge);
    });
    return charge;
  }

  /** A charge opened as a dispute right after it succeeded (the dispute test cards). */
  ObjectNode disputedCharge(String account, Payment payment, String reason, boolean inquiry) {
    ObjectNode charge = chargeDocument(payment);
    jdbi().useTransaction(h -> {
      EventContext ctx = EventContext.automatic(platform(), nowMillis());
      Ledger.chargeSucceeded(h, ctx, account, platform(), charge);
      if (inquiry) {
        Disputes.openInquiry(h, ctx, account, platform(), charge, reason);
      } else {
        Disputes.open(h, ctx, account, platform(), charge, reason);
      }
      ResourceStore.insert(h, account, charge);
    });
    return charge;
  }

  ObjectNode chargeDocument(Payment p) {
    boolean card = "card".equals(p.method());
    ObjectNode c = Json.object();
    c.put("id", Ids.next(card ? "ch_" : "py_"));
    c.put("object", "charge");
    c.put("amount", p.amount());
    c.put("amount_captured", p.amount());
    c.put("amount_refunded", 0);
    c.putNull("application_fee");
    if (p.applicationFee() == null) {
      c.putNull("application_fee_amount");
    } else {
      c.put("application_fee_amount", p.applicationFee());
    }
    c.putNull("balance_transaction");
    ObjectNode billing = c.putObject("billing_details");
    ObjectNode address = billing.putObject("address");
    for (String f : new String[] {"city", "country", "line1", "line2", "postal_code", "state"}) {
      address.putNull(f);
    }
    billing.put("email", "jenny@example.com");
    billing.put("name", "Jenny Rosen");
    billing.putNull("phone");
    c.put("captured", true);
    c.put("created", nowMillis() / 1000);
    c.put("currency", p.currency());
    c.putNull("description");
    c.put("disputed", false);
    c.put("livemode", false);
    c.putObject("metadata");
    ObjectNode outcome = c.putObject("outcome");
    outcome.put("network_status", "approved_by_network");
    outcome.put("type", "authorized");
    c.put("paid", true);
    c.putNull("payment_intent");
    ObjectNode pmd = c.putObject("payment_method_details");
    pmd.put("type", p.method());
    if (card) {
      ObjectNode details = pmd.putObject("card");
      details.put("brand", "visa");
      details.put("country", p.cardCountry());
      details.put("exp_month", 12);
      details.put("exp_year", 2034);
      details.put("funding", "credit");
      details.put("last4", p.last4());
    } else {
      pmd.putObject(p.method());
    }
    c.put("refunded", false);
    ObjectNode refunds = c.putObject("refunds");
    refunds.put("object", "list");
    refunds.putArray("data");
    refunds.put("has_more", false);
    refunds.put("url", "/v1/charges/" + c.get("id").asText() + "/refunds");
    c.put("status", "succeeded");
    return c;
  }

  // ----- balances and time -----

  JsonNode balance(String account) {
    StripeHttp.Response r = account.equals(platform()) ? http().get("/v1/balance") : as(account).get("/v1/balance");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  long pending(String account, String currency) {
    return amountIn(balance(account).get("pending"), currency);
  }

  long available(String account, String currency) {
    return amountIn(balance(account).get("available"), currency);
  }

  private static long amountIn(JsonNode amounts, String currency) {
    for (JsonNode a : amounts) {
      if (currency.equals(a.get("currency").asText())) {
        return a.get("amount").asLong();
      }
    }
    return 0;
  }

  long nowMillis() {
    return http().get("/v1/test_helpers/clock").json().get("now").asLong() * 1000;
  }

  long now() {
    return nowMillis() / 1000;
  }

  /** Moves the clock to 00:00 UTC, {@code days} days after today, running what falls due on the way. */
  void advanceToDay(int days) {
    long now = now();
    long target = (Math.floorDiv(now, DAY_SECONDS) + days) * DAY_SECONDS;
    advanceSeconds(target - now);
  }

  void advanceSeconds(long seconds) {
    StripeHttp.Response r = http().post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(seconds)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  JsonNode get(String account, String path) {
    StripeHttp.Response r = account.equals(platform()) ? http().get(path) : as(account).get(path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }
}

package com.comptoir.e2e;

import com.comptoir.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Charge;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundListParams;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a merchant earns, as the merchant's order pages show it, equals what the processor booked
 * on the store's balance: for a US card on a US store, an EEA card and a SEPA Debit on a German
 * store, the gross, Stripe's processing fee, Comptoir's application fee and the net are those of
 * the charge's balance transaction (its {@code fee_details}); the SEPA order says "estimated"
 * until the bank settles it; a partial refund shows what its own balance transaction took back.
 * Over HTTP against the processor, read back with stripe-java.
 */
class OrderEarningsTest {
  private static final Stack STACK = Stack.customAccounts();
  private static final Pattern REFUND_TOKEN = Pattern.compile("name=\"refund_token\" value=\"([^\"]+)\"");

  private record Row(long id, String status, String paymentIntent) {}

  private static Row order(String sessionId) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT id, status, payment_intent_id FROM orders WHERE checkout_session_id = :s")
        .bind("s", sessionId).map((rs, c) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).one());
  }

  private static Row pay(Shops.Shop shop, long product, Map<String, String> payment, String until) {
    String sessionId = new Shops.Customer(shop).checkout(Map.of(product, 1));
    Map<String, String> fields = new LinkedHashMap<>(payment);
    fields.put("customer_email", "earnings+" + System.nanoTime() + "@example.com");
    STACK.payCheckoutSession(shop.accountId(), sessionId, fields);
    Await.until("the order is " + until, () -> until.equals(order(sessionId).status()));
    return order(sessionId);
  }

  /** The charge's balance transaction, as Stripe (the processor) booked it on the store's account. */
  private static BalanceTransaction booked(Shops.Shop shop, String paymentIntent) throws Exception {
    Charge charge = STACK.stripe().v1().paymentIntents().retrieve(paymentIntent,
        PaymentIntentRetrieveParams.builder().addExpand("latest_charge.balance_transaction").build(), on(shop)).getLatestChargeObject();
    return charge.getBalanceTransactionObject();
  }

  private static RequestOptions on(Shops.Shop shop) {
    return RequestOptions.builder().setStripeAccount(shop.accountId()).build();
  }

  private static long feeOfType(BalanceTransaction bt, String type) {
    return bt.getFeeDetails().stream().filter(d -> type.equals(d.getType())).mapToLong(BalanceTransaction.FeeDetail::getAmount).sum();
  }

  static String money(long minor, String currency) {
    return BigDecimal.valueOf(minor, 2).toPlainString() + " " + currency.toUpperCase(Locale.ROOT);
  }

  private static String cell(String page, String cssClass) {
    Matcher m = Pattern.compile("class=\"" + cssClass + "\">([^<]*)<").matcher(page);
    assertThat(m.find()).as(cssClass + " on the page").isTrue();
    return m.group(1).strip();
  }

  /** The order page shows exactly the balance transaction's gross, Stripe fee, application fee and net. */
  private static void assertPageShows(Shops.Shop shop, Row order, BalanceTransaction bt) {
    String page = shop.merchant().get("/orders/" + order.id()).body();
    assertThat(cell(page, "money-gross")).isEqualTo(money(bt.getAmount(), bt.getCurrency()));
    assertThat(cell(page, "money-stripe-fee")).isEqualTo(money(feeOfType(bt, "stripe_fee"), bt.getCurrency()));
    assertThat(cell(page, "money-application-fee")).isEqualTo(money(feeOfType(bt, "application_fee"), bt.getCurrency()));
    assertThat(cell(page, "money-net")).isEqualTo(money(bt.getNet(), bt.getCurrency()));
    assertThat(page).contains(bt.getId()).doesNotContain(">estimated<");
  }

  @Test
  void aUsCardOrderShowsItsBalanceTransactionAndAPartialRefundShowsItsOwn() throws Exception {
    Shops.Shop shop = Shops.open(STACK, "Earnings US", "US");
    long chair = shop.addProduct("Oak chair", "100.00");
    Row paid = pay(shop, chair, Map.of("payment_method", "pm_card_visa"), "paid");
    BalanceTransaction bt = booked(shop, paid.paymentIntent());
    assertThat(feeOfType(bt, "stripe_fee")).as("Stripe charges a fee").isPositive();
    assertThat(bt.getNet()).isEqualTo(10000 - bt.getFee());
    assertPageShows(shop, paid, bt);

    // The order list shows the net beside the gross.
    String list = shop.merchant().get("/orders").body();
    assertThat(list).contains("<td class=\"order-gross\">100.00 USD</td>")
        .contains("<td class=\"order-fees\">" + money(bt.getFee(), "usd") + "</td>")
        .contains("<td class=\"order-net\">" + money(bt.getNet(), "usd") + "</td>");

    // A partial refund of 30.00: its row shows what its balance transaction took out, and Comptoir's fee share returned.
    String page = shop.merchant().get("/orders/" + paid.id()).body();
    Matcher token = REFUND_TOKEN.matcher(page);
    assertThat(token.find()).isTrue();
    assertThat(shop.merchant().post("/orders/" + paid.id() + "/refunds",
        Map.of("amount", "30.00", "reason", "requested_by_customer", "refund_token", token.group(1))).status()).isEqualTo(303);
    Await.until("the order is partly refunded", () -> "partially_refunded".equals(order(shopSession(paid)).status()));
    Refund refund = STACK.stripe().v1().refunds().list(RefundListParams.builder().setPaymentIntent(paid.paymentIntent())
        .addExpand("data.balance_transaction").build(), on(shop)).getData().get(0);
    BalanceTransaction refunded = refund.getBalanceTransactionObject();
    assertThat(refunded.getAmount()).isEqualTo(-3000);
    String after = shop.merchant().get("/orders/" + paid.id()).body();
    assertThat(cell(after, "refund-net")).isEqualTo(money(-refunded.getNet(), "usd"));
    assertThat(cell(after, "refund-fee-returned")).isEqualTo(money(-feeOfType(refunded, "application_fee"), "usd"));
    assertThat(-refunded.getNet()).as("Stripe's fee is not returned").isEqualTo(3000 + feeOfType(refunded, "application_fee"));
    assertThat(after).contains("Stripe's processing fee on the payment is not returned");
    // The payment's own figures do not change with the refund.
    assertPageShows(shop, paid, bt);
  }

  private static String shopSession(Row row) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT checkout_session_id FROM orders WHERE id = :id")
        .bind("id", row.id()).mapTo(String.class).one());
  }

  @Test
  void anEeaCardAndASepaDebitOnAGermanStoreShowTheirBalanceTransactionsTheDebitEstimatedUntilItSettles() throws Exception {
    Shops.Shop shop = Shops.open(STACK, "Earnings DE", "DE");
    long lamp = shop.addProduct("Lampe", "100.00");
    String config = JsonParser.parseString(STACK.stripeGet("/v1/payment_method_configurations", shop.accountId())).getAsJsonObject()
        .getAsJsonArray("data").get(0).getAsJsonObject().get("id").getAsString();
    STACK.stripePost("/v1/payment_method_configurations/" + config, shop.accountId(), "sepa_debit[display_preference][preference]=on");

    Row card = pay(shop, lamp, Map.of("payment_method_data[type]", "card", "payment_method_data[card][number]", "4000002760000016",
        "payment_method_data[card][exp_month]", "12", "payment_method_data[card][exp_year]", "2040",
        "payment_method_data[card][cvc]", "123"), "paid");
    BalanceTransaction cardBt = booked(shop, card.paymentIntent());
    assertThat(cardBt.getType()).isEqualTo("charge");
    assertPageShows(shop, card, cardBt);

    Row debit = pay(shop, lamp, Map.of("payment_method_data[type]", "sepa_debit",
        "payment_method_data[sepa_debit][iban]", "DE89370400440532013000"), "awaiting_payment");
    String waiting = shop.merchant().get("/orders/" + debit.id()).body();
    assertThat(waiting).contains(">estimated<").contains("not known yet");
    assertThat(cell(waiting, "money-gross")).isEqualTo("100.00 EUR");
    assertThat(shop.merchant().get("/orders").body()).contains("<td class=\"order-fees\">estimated</td>");

    STACK.advanceProcessorClock(Duration.ofDays(4));
    Await.until("the debit is paid", () -> "paid".equals(order(shopSession(debit)).status()));
    BalanceTransaction debitBt = booked(shop, debit.paymentIntent());
    assertThat(debitBt.getType()).isEqualTo("payment");
    assertPageShows(shop, debit, debitBt);
    assertThat(debitBt.getFee()).as("a SEPA Debit costs less than an EEA card").isNotEqualTo(cardBt.getFee());
  }
}

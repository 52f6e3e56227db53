package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Browser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Payments in the platform's Dashboard, over real HTTP and in Chromium: the list pages by cursor
 * and filters by account, status and currency; a payment's page, opened by its PaymentIntent or its
 * charge, shows the charge's fees and net, the application fee, refunds and the events it caused;
 * another platform's payment is not found.
 */
@InOwnSandbox
class PlatformPaymentsTest {
  private static final TestProcessor PROCESSOR = TestProcessor.sandbox();
  private static final String EMAIL = PROCESSOR.dashboardEmail();
  private static final String PASSWORD = PROCESSOR.dashboardPassword();
  private static final Pattern PAYMENT_LINK = Pattern.compile("<a href=\"/dashboard/payments/(pi_[A-Za-z0-9]+)\">");
  private final StripeHttp http = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  /** A card payment confirmed at once on {@code account}; returns its PaymentIntent. */
  static StripeHttp.Response pay(StripeHttp http, String account, long amount, String currency, long fee) {
    StripeHttp.Response paid = http.header("Stripe-Account", account).post("/v1/payment_intents", Map.of("amount", "" + amount,
        "currency", currency, "payment_method", "pm_card_visa", "confirm", "true", "application_fee_amount", "" + fee,
        "payment_method_types[0]", "card"));
    assertThat(paid.json().get("status").asText()).as(paid.body()).isEqualTo("succeeded");
    return paid;
  }

  /** A platform of its own on the same processor, as another customer of a shared processor is: its secret key. */
  static StripeHttp otherPlatform(TestProcessor processor) {
    String id = Ids.account();
    String key = "sk_test_" + Ids.random(24);
    Jdbi.create(processor.dataSource()).useTransaction(h -> {
      h.createUpdate("INSERT INTO accounts (id, platform_id, created) VALUES (:id, NULL, :created)")
          .bind("id", id).bind("created", System.currentTimeMillis() / 1000).execute();
      h.createUpdate("INSERT INTO api_keys (secret, account_id, kind, created) VALUES (:key, :id, 'secret', 0)")
          .bind("key", key).bind("id", id).execute();
    });
    return processor.http().withKey(key);
  }

  private static List<String> paymentIds(Page page) {
    List<String> ids = new ArrayList<>();
    Matcher m = PAYMENT_LINK.matcher(page.body());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Test
  void theListPagesByCursorAndFiltersByAccountStatusAndCurrency() {
    String account = ActivatedAccounts.custom(http, "FR");
    String other = ActivatedAccounts.custom(http, "US");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < PaymentPages.PAGE_SIZE + 3; i++) {
      made.add(pay(http, account, 1000 + i, "eur", 10).json().get("id").asText());
    }
    String usd = pay(http, other, 5000, "usd", 10).json().get("id").asText();
    String incomplete = http.header("Stripe-Account", other).post("/v1/payment_intents", Map.of("amount", "700", "currency", "usd"))
        .json().get("id").asText();
    DashboardVisitor platform = SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);

    Page first = platform.get("/dashboard/payments?account=" + account);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    List<String> firstIds = paymentIds(first);
    assertThat(firstIds).hasSize(PaymentPages.PAGE_SIZE).startsWith(made.getLast()).doesNotContain(usd);
    assertThat(first.body()).contains("Older payments").doesNotContain("Newer payments", "Incomplete: needs a payment method</span>");
    Matcher older = Pattern.compile("<a href=\"([^\"]+)\">Older payments").matcher(first.body());
    assertThat(older.find()).isTrue();
    Page second = platform.get(older.group(1).replace("&amp;", "&"));
    assertThat(paymentIds(second)).containsExactly(made.get(2), made.get(1), made.get(0));
    assertThat(second.body()).contains("Newer payments").doesNotContain("Older payments");

    assertThat(paymentIds(platform.get("/dashboard/payments?currency=USD"))).containsExactly(incomplete, usd);
    assertThat(paymentIds(platform.get("/dashboard/payments?status=requires_payment_method"))).containsExactly(incomplete);
    Page all = platform.get("/dashboard/payments");
    assertThat(paymentIds(all)).startsWith(incomplete, usd, made.getLast());
    assertThat(all.body()).contains("€10.27", "$50.00", "Incomplete: needs a payment method", "<td>card</td>",
        "<a href=\"/dashboard/accounts/" + account + "\">");
    Page typed = platform.get("/dashboard/payments?account=%3Cscript%3E");
    assertThat(typed.body()).contains("No payments match.", "value=\"&lt;script>\"").doesNotContain("<script>");
  }

  @Test
  void aPaymentsPageShowsItsFeesNetRefundsAndEventsAndItsChargeOpensIt() {
    String account = ActivatedAccounts.custom(http, "FR");
    StripeHttp.Response paid = pay(http, account, 10000, "eur", 123);
    String intent = paid.json().get("id").asText();
    String charge = paid.json().get("latest_charge").asText();
    StripeHttp.Response refund = http.header("Stripe-Account", account).post("/v1/refunds",
        Map.of("charge", charge, "amount", "2500", "reason", "requested_by_customer"));
    assertThat(refund.status()).as(refund.body()).isEqualTo(200);
    DashboardVisitor platform = SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);

    Page byCharge = platform.get("/dashboard/payments/" + charge);
    assertThat(byCharge.status()).isEqualTo(303);
    assertThat(byCharge.header("Location")).isEqualTo("/dashboard/payments/" + intent + "#" + charge);
    Page page = platform.get("/dashboard/payments/" + intent);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    // pm_card_visa is a US card, international on a French account: 3.25% + €0.25 to Stripe, €1.23 to the platform
    assertThat(page.body()).contains("<h1>Payment of €100.00</h1>", "Stripe fee", "−€3.50", "Application fee", "−€1.23",
        "<strong>€95.27</strong>", refund.json().get("id").asText(), "€25.00", "requested_by_customer",
        "payment_intent.succeeded", "charge.succeeded", "charge.refunded", "No endpoint listening",
        "<a href=\"/dashboard/events/");
    String fee = http.header("Stripe-Account", account).get("/v1/charges/" + charge).json().get("application_fee").asText();
    assertThat(page.body()).contains(fee);

    try (Browser browser = new Browser()) {
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      browser.follow("Payments");
      browser.type("Account", account).press("Filter");
      browser.follow(intent);
      assertThat(browser.heading()).isEqualTo("Payment of €100.00");
      assertThat(browser.text()).contains("Net €95.27");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();
    }
  }

  @Test
  void anotherPlatformsPaymentIsNotFound() {
    StripeHttp stranger = otherPlatform(PROCESSOR);
    StripeHttp.Response theirs = stranger.post("/v1/payment_intents", Map.of("amount", "900", "currency", "eur"));
    assertThat(theirs.status()).as(theirs.body()).isEqualTo(200);
    String id = theirs.json().get("id").asText();
    DashboardVisitor platform = SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);
    Page page = platform.get("/dashboard/payments/" + id);
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("There is no such payment").doesNotContain("€9.00");
    assertThat(paymentIds(platform.get("/dashboard/payments"))).doesNotContain(id);
  }
}

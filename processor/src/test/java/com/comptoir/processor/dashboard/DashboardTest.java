package com.comptoir.processor.dashboard;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.Stripe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Express dashboard over real HTTP: signing in with a login link, the overview, the holder's two forms. */
class DashboardTest {
  private static final String GOOD_IBAN = "DE89370400440532013000";
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  private String germanShop(String name) {
    return DashboardVisitor.expressAccount(http, "DE", Map.of("business_profile[name]", name));
  }

  private JsonNode schedule(String account) {
    return http.get("/v1/accounts/" + account).json().at("/settings/payouts/schedule");
  }

  private String preference(String account, String method) {
    return http.header("Stripe-Account", account).get("/v1/payment_method_configurations").json()
        .at("/data/0/" + method + "/display_preference/value").asText();
  }

  @Test
  void aLoginLinkOpensTheDashboardOnceAndOnlyOnce() {
    String account = germanShop("Atelier Ada");
    String link = DashboardVisitor.loginPath(http, account);
    DashboardVisitor visitor = new DashboardVisitor(processor);

    Page login = visitor.get(link);
    assertThat(login.status()).isEqualTo(302);
    assertThat(login.header("Location")).isEqualTo("/dashboard");
    assertThat(login.header("Set-Cookie")).contains("Path=/dashboard", "HttpOnly", "SameSite=Lax");
    assertThat(login.header("Referrer-Policy")).isEqualTo("no-referrer");
    Page dashboard = visitor.get("/dashboard");
    assertThat(dashboard.status()).isEqualTo(200);
    assertThat(dashboard.body()).contains("<h1>Atelier Ada</h1>");

    Page again = new DashboardVisitor(processor).get(link);
    assertThat(again.status()).isEqualTo(401);
    assertThat(again.header("Location")).isNull();
    assertThat(again.body()).contains("This link has expired", "ask it for a new link");
    assertThat(new DashboardVisitor(processor).get("/dashboard").status()).isEqualTo(401); // no cookie, no dashboard
  }

  @Test
  void theOverviewShowsWhereTheAccountStands() {
    String account = DashboardVisitor.expressAccount(http, "DE", Map.of("business_profile[name]", "Atelier Ada",
        "external_account[object]", "bank_account", "external_account[country]", "DE", "external_account[currency]", "eur",
        "external_account[account_number]", GOOD_IBAN));

    DashboardVisitor visitor = new DashboardVisitor(processor);
    visitor.signIn(http, account);
    String page = visitor.get("/dashboard/business/settings").body();
    assertThat(page).contains("<dt>Payments</dt><dd>Not enabled yet: Stripe needs more information</dd>")
        .contains("<dt>Payouts</dt><dd>Not enabled yet: Stripe needs more information</dd>")
        .contains("••••3000")
        .contains("<dt>Payout schedule</dt><dd>Daily, 3 days after each payment</dd>")
        .contains("<dt>Payment methods</dt><dd>Cards</dd>")
        .contains("Acceptance of the Stripe Services Agreement", "Business type")
        .contains("At least 3 for your country.");
  }

  @Test
  void idealTurnedOnInTheDashboardIsOfferedOnlyOnceItsCapabilityIsActive() {
    String account = germanShop("Atelier Ada");
    DashboardVisitor visitor = new DashboardVisitor(processor);
    String csrf = visitor.signIn(http, account).csrf();

    Page saved = visitor.post("/dashboard/payment_methods", List.of(entry("csrf", csrf), entry("method", "card"), entry("method", "ideal")));
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.body()).contains("Your payment methods are saved.", "<dt>Payment methods</dt><dd>Cards, iDEAL</dd>")
        .contains("value=\"ideal\" checked");
    assertThat(preference(account, "ideal")).isEqualTo("on");

    // The holder's choice is kept, but an Express account that has not finished onboarding (and
    // was never given ideal_payments) cannot take iDEAL: Checkout leaves it out.
    StripeHttp shop = http.header("Stripe-Account", account);
    String product = shop.post("/v1/products", Map.of("name", "Hat")).json().get("id").asText();
    String price = shop.post("/v1/prices", Map.of("product", product, "currency", "eur", "unit_amount", "2500")).json().get("id").asText();
    StripeHttp.Response session = shop.post("/v1/checkout/sessions", Map.of("mode", "payment", "success_url", "https://example.com/s",
        "line_items[0][price]", price, "line_items[0][quantity]", "1"));
    assertThat(session.status()).as(session.body()).isEqualTo(200);
    assertThat(session.json().get("payment_method_types")).extracting(JsonNode::asText).containsExactly("card");
    assertThat(http.header("Stripe-Account", account).get("/v1/payment_method_configurations").json().at("/data/0/ideal/available").asBoolean())
        .isFalse();
  }

  @Test
  void thePayoutScheduleFormChangesTheScheduleAndThePlatformHearsOfIt() {
    String account = germanShop("Atelier Ada");
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      JsonNode endpoint = http.post("/v1/webhook_endpoints", Map.of("url", receiver.url(), "connect", "true",
          "enabled_events[0]", "account.updated", "api_version", Stripe.API_VERSION)).json();
      receiver.secret(endpoint.get("secret").asText());
      try {
        DashboardVisitor visitor = new DashboardVisitor(processor);
        String csrf = visitor.signIn(http, account).csrf();

        Page refused = visitor.post("/dashboard/payout_schedule", List.of(entry("csrf", csrf), entry("interval", "monthly"),
            entry("monthly_anchor", "32"), entry("delay_days", "1")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Your payout schedule was not saved", "Enter a day of the month from 1 to 31.",
            "Enter a whole number of days, at least 3.", "value=\"32\"", "value=\"1\"", "<option value=\"monthly\" selected>");
        assertThat(schedule(account).get("interval").asText()).isEqualTo("daily");

        Page saved = visitor.post("/dashboard/payout_schedule", List.of(entry("csrf", csrf), entry("interval", "weekly"),
            entry("weekly_anchor", "friday"), entry("monthly_anchor", "32"), entry("delay_days", "5")));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).contains("Your payout schedule is saved.", "Weekly, every Friday, for funds available 5 days after each payment");
        JsonNode schedule = schedule(account);
        assertThat(schedule.get("interval").asText()).isEqualTo("weekly");
        assertThat(schedule.get("weekly_anchor").asText()).isEqualTo("friday");
        assertThat(schedule.get("delay_days").asInt()).isEqualTo(5);
        assertThat(schedule.has("monthly_anchor")).isFalse();

        receiver.await(e -> account.equals(e.getAccount()) && "account.updated".equals(e.getType())
            && e.getData().getPreviousAttributes().containsKey("settings"), Duration.ofSeconds(15));
      } finally {
        http.delete("/v1/webhook_endpoints/" + endpoint.get("id").asText());
      }
    }
  }

  @Test
  void aFormWithoutTheSessionsCsrfTokenChangesNothing() {
    String account = germanShop("Atelier Ada");
    DashboardVisitor visitor = new DashboardVisitor(processor);
    visitor.signIn(http, account);

    Page missing = visitor.post("/dashboard/payment_methods", List.of(entry("method", "ideal")));
    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.body()).contains("This form has expired");
    Page wrong = visitor.post("/dashboard/payout_schedule", List.of(entry("csrf", "x".repeat(32)), entry("interval", "manual"),
        entry("delay_days", "7")));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(preference(account, "ideal")).isEqualTo("off");
    assertThat(schedule(account).get("interval").asText()).isEqualTo("daily");
  }

  @Test
  void htmlInTheBusinessNameIsShownAsText() {
    String account = germanShop("<script>alert(1)</script> & Sons");

    String page = new DashboardVisitor(processor).signIn(http, account).body();
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons").doesNotContain("<script>");
  }

  @Test
  void anotherAccountsSessionCannotChangeThisAccount() {
    String mine = germanShop("Atelier Ada");
    String theirs = germanShop("Other Shop");
    DashboardVisitor me = new DashboardVisitor(processor);
    String myCsrf = me.signIn(http, mine).csrf();
    DashboardVisitor them = new DashboardVisitor(processor);
    String theirCsrf = them.signIn(http, theirs).csrf();

    // their cookie with my form's token: refused
    DashboardVisitor mixed = new DashboardVisitor(processor);
    mixed.useCookieOf(them);
    assertThat(mixed.post("/dashboard/payment_methods", List.of(entry("csrf", myCsrf), entry("method", "ideal"))).status()).isEqualTo(403);
    // their session changes their account, whatever the path says, and only theirs
    assertThat(them.post("/dashboard/payment_methods", List.of(entry("csrf", theirCsrf), entry("method", "ideal"))).status()).isEqualTo(200);
    assertThat(them.get("/dashboard/" + mine).status()).isEqualTo(404);
    assertThat(preference(theirs, "ideal")).isEqualTo("on");
    assertThat(preference(mine, "ideal")).isEqualTo("off");
    assertThat(preference(mine, "card")).isEqualTo("on");
  }

  @Test
  void signingOutEndsTheSession() {
    String account = germanShop("Atelier Ada");
    DashboardVisitor visitor = new DashboardVisitor(processor);
    String csrf = visitor.signIn(http, account).csrf();
    DashboardVisitor copy = new DashboardVisitor(processor);
    copy.useCookieOf(visitor);

    Page out = visitor.post("/dashboard/logout", List.of(entry("csrf", csrf)));
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.body()).contains("You have signed out", "ask Comptoir for a new link");
    assertThat(copy.get("/dashboard").status()).isEqualTo(401); // the old cookie opens nothing
  }
}

package com.comptoir.processor.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.testing.Browser;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.Stripe;
import com.stripe.model.Account;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A business owner completes hosted onboarding in Chromium, as the guide's signed-in user would:
 * the account link opens the branded pages, the owner of this Standard account chooses their
 * Dashboard login, test values pass verification, and the browser lands on the platform's
 * return_url. The platform then reads an enabled account and has been told so by
 * {@code account.updated}. Later the owner signs in to their Dashboard and changes their payout
 * schedule, which only they can do on a Standard account.
 */
@InOwnSandbox
class HostedOnboardingBrowserTest {
  private static final String PASSWORD = "correct horse battery";
  private TestProcessor processor;
  private StripeHttp http;
  private HttpServer platformSite;
  private WebhookReceiver webhooks;
  private Browser browser;

  @BeforeEach
  void start() throws IOException {
    processor = TestProcessor.sandbox();
    http = processor.http();
    platformSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    for (String page : new String[] {"/return", "/reauth"}) {
      platformSite.createContext(page, exchange -> {
        byte[] body = ("<!doctype html><title>platform</title><h1>platform " + page + "</h1>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
    }
    platformSite.start();
    webhooks = new WebhookReceiver();
    JsonNode endpoint = http.post("/v1/webhook_endpoints", Map.of("url", webhooks.url(), "connect", "true",
        "enabled_events[0]", "account.updated", "api_version", Stripe.API_VERSION)).json();
    webhooks.secret(endpoint.get("secret").asText());
    browser = new Browser();
  }

  @AfterEach
  void stop() {
    browser.close();
    webhooks.close();
    platformSite.stop(0);
    processor.close();
  }

  private String site(String path) {
    return "http://127.0.0.1:" + platformSite.getAddress().getPort() + path;
  }

  private String link(String account) {
    return http.post("/v1/account_links", Map.of("account", account, "type", "account_onboarding",
        "refresh_url", site("/reauth"), "return_url", site("/return"))).json().get("url").asText();
  }

  @Test
  void aStandardOwnerOnboardsWithTheirOwnLoginThenSignsInAndMovesToWeeklyPayouts() {
    String account = http.post("/v1/accounts", Map.of("email", "ada@example.com", "business_profile[name]", "Ada's Shop")).json()
        .get("id").asText();
    String url = link(account);

    browser.open(url);
    assertThat(browser.heading()).isEqualTo("Verify your phone");
    assertThat(steps()).containsExactly("Verify your phone (current)", "Create your Stripe login (to do)", "Your business (to do)",
        "About you (to do)", "Where to send payouts (to do)", "Review and finish (to do)");
    assertThat(browser.text()).contains("Comptoir"); // the platform's branding
    browser.type("Mobile number", "000 000 0000").type("Verification code", "123456").press("Continue");
    assertThat(browser.text()).contains("That code is not right");
    assertThat(browser.field("Mobile number").getAttribute("value")).isEqualTo("000 000 0000"); // what was typed is kept
    browser.type("Verification code", "000000").press("Continue");

    assertThat(browser.heading()).isEqualTo("Create your Stripe login");
    assertThat(steps()).containsExactly("Verify your phone (done)", "Create your Stripe login (current)", "Your business (to do)",
        "About you (to do)", "Where to send payouts (to do)", "Review and finish (to do)");
    assertThat(browser.field("Email").getAttribute("value")).isEqualTo("ada@example.com"); // prefilled from the account
    browser.type("Password", "short").press("Continue");
    assertThat(browser.text()).contains("Choose a password of at least 10 characters.");
    assertThat(browser.field("Password").getAttribute("value")).isEmpty(); // never sent back
    browser.type("Password", PASSWORD).press("Continue");

    assertThat(browser.heading()).isEqualTo("Your business");
    assertThat(browser.field("Business name (shown to customers)").getAttribute("value")).isEqualTo("Ada's Shop"); // prefilled
    browser.choose("Individual or sole proprietor").select("Industry", "Clothing and accessories")
        .type("Website", "https://accessible.stripe.com").press("Continue");

    assertThat(browser.heading()).isEqualTo("About you");
    assertThat(browser.field("Email").getAttribute("value")).isEqualTo("ada@example.com");
    browser.type("First name", "Ada").type("Last name", "Lovelace").type("Phone", "0000000000")
        .type("Date of birth: day", "1").type("Date of birth: month", "1").type("Date of birth: year", "1901")
        .type("Home address: street", "address_full_match").type("Home address: city", "San Francisco")
        .type("Home address: state (two letters)", "CA").type("Home address: postal code", "94103")
        .type("Last 4 digits of your Social Security number", "0000").press("Continue");

    assertThat(browser.heading()).isEqualTo("Where to send payouts");
    assertThat(steps()).containsExactly("Verify your phone (done)", "Create your Stripe login (done)", "Your business (done)",
        "About you (done)", "Where to send payouts (current)", "Review and finish (to do)");
    browser.type("Account holder name", "Ada Lovelace").type("Routing number", "110000000").type("Account number", "12").press("Continue");
    assertThat(browser.text()).contains("An account number has 4 to 17 digits.");
    browser.type("Account number", "000123456789").press("Continue");

    assertThat(browser.heading()).isEqualTo("Review and finish");
    // Every step stays in the list to the last page, each with its state (they are no longer due, but were done here).
    assertThat(steps()).containsExactly("Verify your phone (done)", "Create your Stripe login (done)", "Your business (done)",
        "About you (done)", "Where to send payouts (done)", "Review and finish (current)");
    assertThat(browser.text()).contains("Ada Lovelace").contains("••••6789");
    browser.press("Agree and submit");
    assertThat(browser.text()).contains("Please accept the agreement");
    browser.choose("I agree to the Stripe Connected Account Agreement").press("Agree and submit");

    browser.waitForUrl(u -> u.equals(site("/return")));
    assertThat(browser.heading()).isEqualTo("platform /return");

    JsonNode enabled = http.get("/v1/accounts/" + account).json();
    assertThat(enabled.get("details_submitted").asBoolean()).isTrue();
    assertThat(enabled.get("charges_enabled").asBoolean()).isTrue();
    assertThat(enabled.get("payouts_enabled").asBoolean()).isTrue();
    assertThat(enabled.at("/requirements/currently_due")).isEmpty();
    assertThat(enabled.at("/tos_acceptance/ip").asText()).isEqualTo("127.0.0.1");

    // The platform hears of it by webhook: the last account.updated carries the enabled account.
    webhooks.await(e -> account.equals(e.getAccount())
        && ((Account) e.getDataObjectDeserializer().getObject().orElseThrow()).getChargesEnabled(), Duration.ofSeconds(15));

    // The link was single use: opening it again lands on refresh_url.
    browser.open(url);
    browser.waitForUrl(u -> u.equals(site("/reauth")));

    // Later, the owner signs in to their own Dashboard and chooses weekly payouts on Fridays.
    browser.open(processor.url() + "/dashboard/login");
    browser.type("Email", "ada@example.com").type("Password", PASSWORD).press("Sign in");
    assertThat(browser.heading()).isEqualTo("Ada's Shop");
    browser.follow("Settings");
    browser.select("How often you are paid", "Weekly").select("Day of the week (weekly payouts)", "Friday")
        .press("Save payout schedule");
    assertThat(browser.text()).contains("Your payout schedule is saved.", "Weekly, every Friday");

    JsonNode schedule = http.get("/v1/accounts/" + account).json().at("/settings/payouts/schedule");
    assertThat(schedule.get("interval").asText()).isEqualTo("weekly");
    assertThat(schedule.get("weekly_anchor").asText()).isEqualTo("friday");
    webhooks.await(e -> account.equals(e.getAccount()) && e.getData().getPreviousAttributes() != null
        && e.getData().getPreviousAttributes().containsKey("settings"), Duration.ofSeconds(15));
  }

  /** The step list as a screen reader reads it: each step's title and its state. */
  private java.util.List<String> steps() {
    return browser.driver().findElements(org.openqa.selenium.By.cssSelector("ol.progress li")).stream()
        .map(li -> li.getAttribute("textContent").strip()).toList();
  }

  @Test
  void aLinkOpenedAfterItExpiredLandsOnRefreshUrl() {
    String account = http.post("/v1/accounts", Map.of()).json().get("id").asText();
    String url = link(account);
    http.post("/v1/test_helpers/clock/advance", Map.of("seconds", "301"));
    browser.open(url);
    browser.waitForUrl(u -> u.equals(site("/reauth")));
    assertThat(browser.heading()).isEqualTo("platform /reauth");
  }

  @Test
  void leavingEarlyReturnsWithoutSubmittingAndTheAccountStillShowsWhatIsDue() {
    String account = http.post("/v1/accounts", Map.of()).json().get("id").asText();
    browser.open(link(account));
    browser.type("Mobile number", "000 000 0000").type("Verification code", "000000").press("Continue");
    browser.press("Save and finish later");
    browser.waitForUrl(u -> u.equals(site("/return")));
    JsonNode unfinished = http.get("/v1/accounts/" + account).json();
    assertThat(unfinished.get("details_submitted").asBoolean()).isFalse();
    assertThat(unfinished.at("/requirements/currently_due")).extracting(JsonNode::asText).contains("business_type", "external_account");
  }
}

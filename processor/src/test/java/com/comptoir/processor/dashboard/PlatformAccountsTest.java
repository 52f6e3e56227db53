package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Browser;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Connected accounts in the platform's Dashboard, over real HTTP and in Chromium: the list in
 * words, filtered and paged; an account's page with its capabilities, persons, bank account,
 * balance, payments, and the payout the clock brings; the actions (account link, login link,
 * reject) through the API's code, each working once or refused as the API refuses it.
 */
@InOwnSandbox
class PlatformAccountsTest {
  /** A sandbox of its own: a test here moves the clock. */
  private static final TestProcessor PROCESSOR = TestProcessor.sandbox();
  private static final String EMAIL = PROCESSOR.dashboardEmail();
  private static final String PASSWORD = PROCESSOR.dashboardPassword();
  private static final Pattern ACCOUNT_LINK = Pattern.compile("<a href=\"/dashboard/accounts/(acct_[A-Za-z0-9]+)\">");
  private final StripeHttp http = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  private static List<String> accountIds(Page page) {
    List<String> ids = new ArrayList<>();
    Matcher m = ACCOUNT_LINK.matcher(page.body());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static Page post(DashboardVisitor visitor, String path, String... namesAndValues) {
    List<Map.Entry<String, String>> form = new ArrayList<>();
    form.add(Map.entry("csrf", visitor.get("/dashboard/accounts").csrf()));
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      form.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
    }
    return visitor.post(path, form);
  }

  @Test
  void theListSaysInWordsWhereEachAccountStandsAndFiltersAndPages() {
    List<String> belgian = new ArrayList<>();
    for (int i = 0; i < AccountPages.PAGE_SIZE + 1; i++) {
      belgian.add(DashboardVisitor.expressAccount(http, "BE", Map.of()));
    }
    String enabled = ActivatedAccounts.custom(http, "NL");
    DashboardVisitor platform = SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);

    Page first = platform.get("/dashboard/accounts?country=be");
    assertThat(accountIds(first)).hasSize(AccountPages.PAGE_SIZE).startsWith(belgian.getLast()).doesNotContain(enabled);
    assertThat(first.body()).contains("Restricted: required information is past due", "6 due now", "<td>express</td>", "Older accounts");
    Matcher older = Pattern.compile("<a href=\"([^\"]+)\">Older accounts").matcher(first.body());
    assertThat(older.find()).isTrue();
    assertThat(accountIds(platform.get(older.group(1).replace("&amp;", "&")))).containsExactly(belgian.getFirst());

    Page on = platform.get("/dashboard/accounts?state=enabled&type=custom");
    assertThat(accountIds(on)).contains(enabled).doesNotContainAnyElementsOf(belgian);
    assertThat(on.body()).contains("Enabled", "Nothing due");
    assertThat(accountIds(platform.get("/dashboard/accounts?type=standard"))).doesNotContain(enabled);
  }

  @Test
  void anAccountsPageShowsWhatItHoldsAndThePayoutTheClockBrings() {
    String account = ActivatedAccounts.custom(http, "FR");
    String intent = PlatformPaymentsTest.pay(http, account, 10000, "eur", 123).json().get("id").asText();

    try (Browser browser = new Browser()) {
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      browser.follow("Connected accounts");
      browser.type("Country", "FR").press("Filter");
      browser.follow(account);
      String text = browser.text();
      assertThat(text).contains("card_payments active", "transfers active", "Nothing is due", "EUR €0.00 €95.27", intent,
          "No payouts yet.");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();

      browser.follow("Developers: Test clock").press("Advance 3 days");
      browser.open(PROCESSOR.url() + "/dashboard/accounts/" + account);
      StripeHttp.Response payouts = http.header("Stripe-Account", account).get("/v1/payouts");
      String payout = payouts.json().at("/data/0/id").asText();
      assertThat(payout).as(payouts.body()).startsWith("po_");
      String arrival = java.time.LocalDate.ofEpochDay(payouts.json().at("/data/0/arrival_date").asLong() / 86_400).toString();
      assertThat(browser.text()).contains(payout + " €95.27", arrival, "(automatic)");
    }
  }

  @Test
  void anAccountLinkMadeOnTheAccountsPageWorksOnce() {
    String account = DashboardVisitor.expressAccount(http, "FR", Map.of());
    try (Browser browser = new Browser()) {
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      browser.open(PROCESSOR.url() + "/dashboard/accounts/" + account);
      browser.type("Return URL", "not a url").press("Create account link");
      assertThat(browser.text()).contains("Nothing was done", "Not a valid URL");
      assertThat(browser.field("Return URL").getAttribute("value")).isEqualTo("not a url");
      browser.type("Return URL", PROCESSOR.url() + "/dashboard").press("Create account link");
      assertThat(browser.text()).contains("The account link is ready.");
      String link = browser.field("Account link").getAttribute("value");
      assertThat(link).startsWith(PROCESSOR.url() + "/setup/e/" + account + "/");

      browser.open(link);
      assertThat(URI.create(browser.url()).getPath()).startsWith("/onboarding");
      browser.open(link); // spent: Stripe sends a second visit to the refresh URL
      assertThat(browser.url()).isEqualTo(PROCESSOR.url() + "/dashboard");
    }
  }

  @Test
  void aLoginLinkOpensTheExpressHoldersDashboardOnce() {
    String account = DashboardVisitor.expressAccount(http, "FR", Map.of("business_profile[name]", "Atelier Lune"));
    DashboardVisitor platform = SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);
    Page made = post(platform, "/dashboard/accounts/" + account + "/login_link");
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    Matcher url = Pattern.compile("id=\"made-link\" type=\"text\" readonly value=\"([^\"]+)\"").matcher(made.body());
    assertThat(url.find()).as(made.body()).isTrue();
    String path = URI.create(url.group(1)).getPath();

    DashboardVisitor holder = new DashboardVisitor(PROCESSOR);
    assertThat(holder.get(path).status()).isEqualTo(302);
    assertThat(holder.get("/dashboard").body()).contains("Atelier Lune");
    assertThat(new DashboardVisitor(PROCESSOR).get(path).status()).isEqualTo(401);

    String standard = DashboardVisitor.standardAccount(http, DashboardVisitor.email("std"), "Standard shop");
    Page refused = post(platform, "/dashboard/accounts/" + standard + "/login_link");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("Login links can only be created for Express accounts")
        .doesNotContain("Create a login link");
  }

  @Test
  void rejectingAnAccountTurnsItOffThroughTheApisCodeAndOnlyOnce() {
    String account = ActivatedAccounts.custom(http, "FR");
    DashboardVisitor platform = SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);
    assertThat(post(platform, "/dashboard/accounts/" + account + "/reject", "reason", "fraud", "csrf", "forged").status())
        .isEqualTo(200); // the first csrf field is the page's own: the forged one is ignored
    Page rejected = platform.get("/dashboard/accounts/" + account);
    assertThat(rejected.body()).contains("Rejected for fraud").doesNotContain("Reject account");
    StripeHttp.Response read = http.get("/v1/accounts/" + account);
    assertThat(read.json().get("charges_enabled").asBoolean()).isFalse();
    assertThat(read.json().at("/requirements/disabled_reason").asText()).isEqualTo("rejected.fraud");
    assertThat(http.header("Stripe-Account", account).get("/v1/events?type=account.updated&limit=1").json().at("/data/0/data/object/id").asText()).isEqualTo(account);

    Page again = post(platform, "/dashboard/accounts/" + account + "/reject", "reason", "other");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("has already been rejected (rejected.fraud)");
    Page forged = platform.post("/dashboard/accounts/" + account + "/reject", List.of(Map.entry("csrf", "forged"),
        Map.entry("reason", "other")));
    assertThat(forged.status()).isEqualTo(403);
  }

  @Test
  void anotherPlatformsAccountIsNotFoundAndCannotBeActedOn() {
    StripeHttp stranger = PlatformPaymentsTest.otherPlatform(PROCESSOR);
    StripeHttp.Response theirs = stranger.post("/v1/accounts", Map.of("type", "express", "country", "FR"));
    assertThat(theirs.status()).as(theirs.body()).isEqualTo(200);
    String id = theirs.json().get("id").asText();
    DashboardVisitor platform = SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);
    assertThat(platform.get("/dashboard/accounts/" + id).status()).isEqualTo(404);
    assertThat(accountIds(platform.get("/dashboard/accounts"))).doesNotContain(id);
    assertThat(post(platform, "/dashboard/accounts/" + id + "/reject", "reason", "fraud").status()).isEqualTo(404);
    assertThat(post(platform, "/dashboard/accounts/" + id + "/login_link").status()).isEqualTo(404);
    assertThat(stranger.get("/v1/accounts/" + id).json().at("/requirements/disabled_reason").asText("")).doesNotStartWith("rejected");
  }
}

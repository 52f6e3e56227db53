package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guide's account links: single use, five minutes. A used or expired link sends the merchant
 * to {@code refresh_url}, where the platform makes a fresh one; leaving onboarding early comes back
 * to {@code return_url}, where the platform shows what is still due.
 */
class OnboardingLinksTest {
  private final Stack stack = Stack.shared();
  private Browser browser;

  @BeforeEach
  void open() {
    browser = new Browser();
  }

  @AfterEach
  void close() {
    browser.close();
  }

  private static String email() {
    return "links+" + System.nanoTime() + "@example.com";
  }

  /** What the processor answers to a link opened by someone with no onboarding session: where it redirects. */
  private static String redirectOf(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("a redirect from " + url).isBetween(301, 303);
    return response.headers().firstValue("Location").orElseThrow();
  }

  private void logInInBrowser(String email) {
    browser.open(stack.url("/login")).type("Email", email).type("Password", "a good long password").press("Log in");
    assertThat(browser.heading()).isEqualTo("Links shop");
  }

  @Test
  void aUsedLinkLandsOnRefreshWhichRedirectsToAFreshLinkForTheSameAccount() throws Exception {
    Visitor merchant = new Visitor(stack);
    String email = email();
    assertThat(merchant.signUp(email, "Links shop").location()).isEqualTo("/onboarding/start");
    String first = merchant.get("/onboarding/start").location();
    assertThat(first).startsWith(stack.processor.url() + "/setup/s/acct_");

    // The first visit spends the link; a second one is sent to refresh_url.
    assertThat(redirectOf(first)).doesNotContain("/onboarding/refresh");
    assertThat(redirectOf(first)).isEqualTo(stack.url("/onboarding/refresh"));

    // refresh_url makes a new link with the same parameters, for the same account.
    String second = merchant.get("/onboarding/refresh").location();
    String account = first.split("/")[5];
    assertThat(second).startsWith(stack.processor.url() + "/setup/s/" + account + "/").isNotEqualTo(first);

    // In a browser: the spent link goes through refresh to a working onboarding page.
    logInInBrowser(email);
    browser.open(first);
    browser.waitForUrl(u -> u.startsWith(stack.processor.url() + "/onboarding"));
    assertThat(browser.heading()).isEqualTo("Verify your phone");
  }

  @Test
  void anExpiredLinkBringsTheMerchantBackThroughRefreshToAFreshLink() {
    Visitor merchant = new Visitor(stack);
    String email = email();
    merchant.signUp(email, "Links shop");
    String link = merchant.get("/onboarding/start").location();
    stack.advanceProcessorClock(Duration.ofSeconds(301));

    logInInBrowser(email);
    browser.open(link);
    browser.waitForUrl(u -> u.startsWith(stack.processor.url() + "/onboarding"));
    assertThat(browser.heading()).isEqualTo("Verify your phone");
  }

  @Test
  void refreshWithoutASessionAsksToLogInFirstAndThenContinues() {
    Visitor merchant = new Visitor(stack);
    String email = email();
    merchant.signUp(email, "Links shop");
    browser.open(stack.url("/onboarding/refresh"));
    assertThat(browser.heading()).isEqualTo("Log in");
    browser.type("Email", email).type("Password", "a good long password").press("Log in");
    browser.waitForUrl(u -> u.startsWith(stack.processor.url() + "/onboarding"));
    assertThat(browser.heading()).isEqualTo("Verify your phone");
  }

  @Test
  void anUnfinishedOnboardingReturnsAndShowsWhatIsDue() {
    String email = email();
    browser.open(stack.url("/signup")).type("Email", email).type("Password", "a good long password").type("Store name", "Links shop")
        .press("Create my store");
    browser.waitForUrl(u -> u.startsWith(stack.processor.url()));
    Onboarding.verifyPhone(browser);
    browser.press("Save and finish later");

    browser.waitForUrl(u -> u.startsWith(stack.url("/onboarding/return")));
    assertThat(browser.text()).contains("Finish setting up payments").contains("Stripe needs")
        .contains("Your type of business").contains("A bank account for payouts")
        .contains("Acceptance of the Stripe Services Agreement");
    browser.follow("Go to your dashboard");
    assertThat(browser.text()).contains("Finish setting up payments").contains("Your industry");
    browser.follow("Continue onboarding");
    browser.waitForUrl(u -> u.startsWith(stack.processor.url() + "/onboarding"));
    assertThat(browser.heading()).isNotEmpty();
  }
}

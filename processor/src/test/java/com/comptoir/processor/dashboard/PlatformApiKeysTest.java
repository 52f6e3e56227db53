package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.accounts.PlatformLogin;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Await;
import com.comptoir.testing.Browser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Developers → API keys in Chromium: the secret key is masked until revealed by a POST; rolling it
 * with "Now" stops the old key at once, on this instance and on another one on the same database
 * (which had it cached), with Stripe's 401, while the new key works; rolling with a delay leaves
 * both working.
 */
class PlatformApiKeysTest {
  private static final String EMAIL = "keys@platform.example";
  private static final String PASSWORD = "platform dashboard password";
  private static final Pattern SECRET = Pattern.compile("sk_test_[A-Za-z0-9]{24,}");

  private TestProcessor processor;
  private TestProcessor sibling;

  @BeforeEach
  void start() {
    // Processors of their own, left unaudited: their key is rolled away, and the ledger audit on
    // closing calls the API with the key they started with (no money moves in these tests).
    processor = TestProcessor.customized(s -> s.withDashboardLogin(new PlatformLogin(EMAIL, PASSWORD))).unaudited();
    sibling = processor.sibling().unaudited();
  }

  @AfterEach
  void stop() {
    sibling.close();
    processor.close();
  }

  private Browser signedIn() {
    Browser browser = new Browser();
    SignedInPlatform.signIn(browser, processor, EMAIL, PASSWORD);
    browser.follow("Developers: API keys");
    assertThat(browser.heading()).isEqualTo("API keys");
    return browser;
  }

  private static List<String> secretsOn(Browser browser) {
    Matcher m = SECRET.matcher(browser.text());
    return m.results().map(java.util.regex.MatchResult::group).toList();
  }

  @Test
  void aKeyRolledNowStopsWorkingAtOnceOnEveryInstanceAndTheNewOneWorks() {
    String old = processor.secretKey();
    StripeHttp oldOnSibling = sibling.http().withKey(old);
    assertThat(oldOnSibling.get("/v1/balance").status()).as("the sibling caches the old key").isEqualTo(200);

    String fresh;
    try (Browser browser = signedIn()) {
      assertThat(browser.html()).doesNotContain(old).contains(processor.publishableKey());
      assertThat(browser.text()).contains("The Comptoir platform uses your secret key");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();
      assertThat(new org.openqa.selenium.support.ui.Select(browser.field("Old key stops working")).getFirstSelectedOption().getText())
          .isEqualTo("In 24 hours");

      browser.press("Reveal secret key");
      assertThat(secretsOn(browser)).containsExactly(old);

      browser.select("Old key stops working", "Now").press("Roll secret key");
      assertThat(browser.text()).contains("Your new secret key, ending in", "The old key stopped working");
      assertThat(browser.html()).doesNotContain(old);
      assertThat(browser.url()).doesNotContain("sk_test_");
      browser.press("Reveal secret key");
      List<String> shown = secretsOn(browser);
      assertThat(shown).hasSize(1).doesNotContain(old);
      fresh = shown.get(0);
    }

    StripeHttp.Response refused = processor.http().get("/v1/balance");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(refused.json().at("/error/code").asText()).isEqualTo("api_key_expired");
    assertThat(refused.json().at("/error/message").asText()).startsWith("Expired API Key provided: sk_test_").doesNotContain(old);
    Await.until("the other instance refuses the old key", Duration.ofSeconds(5), () -> oldOnSibling.get("/v1/balance").status() == 401);

    assertThat(processor.http().withKey(fresh).get("/v1/account").json().get("id").asText()).isEqualTo(processor.platformAccountId());
    assertThat(sibling.http().withKey(fresh).get("/v1/balance").status()).isEqualTo(200);
  }

  @Test
  void aKeyRolledWithADelayKeepsWorkingBesideTheNewOne() {
    String old = processor.secretKey();
    String fresh;
    try (Browser browser = signedIn()) {
      browser.select("Old key stops working", "In 1 hour").press("Roll secret key");
      assertThat(browser.text()).contains("The old key stops working in 1 hour");
      browser.press("Reveal secret key"); // the new key: the old one, expiring, can no longer be rolled or revealed
      fresh = secretsOn(browser).get(0);
    }
    assertThat(fresh).isNotEqualTo(old);
    assertThat(processor.http().get("/v1/balance").status()).isEqualTo(200);
    assertThat(processor.http().withKey(fresh).get("/v1/balance").status()).isEqualTo(200);
    assertThat(sibling.http().withKey(old).get("/v1/balance").status()).isEqualTo(200);
  }

  @Test
  void aRollWithoutTheFormsTokenChangesNothing() {
    DashboardVisitor platform = new DashboardVisitor(processor, "127.0.0.12");
    assertThat(platform.signInWith(EMAIL, PASSWORD).status()).isEqualTo(303);
    DashboardVisitor.Page page = platform.get(ApiKeyPages.PATH);
    String ref = Pattern.compile("name=\"key\" value=\"([0-9a-f]+)\"").matcher(page.body()).results().findFirst().orElseThrow().group(1);
    DashboardVisitor.Page refused = platform.post("/dashboard/apikeys/roll",
        List.of(Map.entry("csrf", "forged"), Map.entry("key", ref), Map.entry("expires", "now")));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(processor.http().get("/v1/balance").status()).isEqualTo(200);
    assertThat(platform.post("/dashboard/apikeys/reveal", List.of(Map.entry("csrf", "forged"), Map.entry("key", ref))).body())
        .doesNotContain(processor.secretKey());
  }
}

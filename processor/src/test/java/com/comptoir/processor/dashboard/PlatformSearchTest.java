package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The platform Dashboard's search box over real HTTP: every kind of id the processor issues opens
 * its page (or, for a kind with none, is shown as stored), only among the platform's own objects
 * and its connected accounts'; another platform's ids and unknown ids are not found.
 */
@InOwnSandbox
class PlatformSearchTest {
  private static final TestProcessor PROCESSOR = TestProcessor.sandbox();
  private static final String EMAIL = PROCESSOR.dashboardEmail();
  private static final String PASSWORD = PROCESSOR.dashboardPassword();
  private final StripeHttp http = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  private static Page search(DashboardVisitor visitor, String q) {
    return visitor.get("/dashboard/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
  }

  private static String opens(DashboardVisitor visitor, String q) {
    Page page = search(visitor, q);
    assertThat(page.status()).as(q + ": " + page.body()).isEqualTo(303);
    return page.header("Location");
  }

  @Test
  void everyKindOfIdOpensItsPageOrIsShownAsStored() {
    String account = ActivatedAccounts.custom(http, "FR");
    StripeHttp asAccount = http.header("Stripe-Account", account);
    JsonNode intent = PlatformPaymentsTest.pay(http, account, 10000, "eur", 123).json();
    String pi = intent.get("id").asText();
    String ch = intent.get("latest_charge").asText();
    JsonNode charge = asAccount.get("/v1/charges/" + ch).json();
    StripeHttp.Response refund = asAccount.post("/v1/refunds", Map.of("charge", ch, "amount", "100"));
    String product = asAccount.post("/v1/products", Map.of("name", "Lamp <b>shade</b>")).json().get("id").asText();
    StripeHttp.Response endpoint = http.post("/v1/webhook_endpoints", Map.of("url", "https://example.com/hook", "enabled_events[0]", "*"));
    String event = asAccount.get("/v1/events?limit=1").json().at("/data/0/id").asText();
    DashboardVisitor platform = SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);

    assertThat(opens(platform, account)).isEqualTo("/dashboard/accounts/" + account);
    assertThat(opens(platform, " " + pi + " ")).isEqualTo("/dashboard/payments/" + pi);
    assertThat(opens(platform, ch)).isEqualTo("/dashboard/payments/" + ch);
    assertThat(opens(platform, refund.json().get("id").asText())).isEqualTo("/dashboard/payments/" + ch);
    assertThat(opens(platform, charge.get("application_fee").asText())).isEqualTo("/dashboard/payments/" + ch);
    assertThat(opens(platform, charge.get("balance_transaction").asText())).isEqualTo("/dashboard/payments/" + ch);
    assertThat(opens(platform, event)).isEqualTo("/dashboard/events/" + event);
    assertThat(opens(platform, endpoint.header("Request-Id"))).isEqualTo("/dashboard/logs/" + endpoint.header("Request-Id"));
    assertThat(opens(platform, PROCESSOR.platformAccountId())).isEqualTo("/dashboard");

    Page shown = search(platform, product);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.body()).contains("There is no page for this kind of object (product)", "Lamp &lt;b&gt;shade&lt;/b&gt;",
        "<a href=\"/dashboard/accounts/" + account + "\">").doesNotContain("<b>shade");
    Page hook = search(platform, endpoint.json().get("id").asText());
    assertThat(hook.status()).isEqualTo(200);
    assertThat(hook.body()).contains("is one of your webhook endpoints, sending to https://example.com/hook")
        .doesNotContain(endpoint.json().get("secret").asText());
  }

  @Test
  void anotherPlatformsIdsAndUnknownIdsAreNotFound() {
    StripeHttp stranger = PlatformPaymentsTest.otherPlatform(PROCESSOR);
    String theirProduct = stranger.post("/v1/products", Map.of("name", "Their lamp")).json().get("id").asText();
    StripeHttp.Response theirIntent = stranger.post("/v1/payment_intents", Map.of("amount", "900", "currency", "eur"));
    String theirAccount = stranger.post("/v1/accounts", Map.of("type", "express", "country", "FR")).json().get("id").asText();
    DashboardVisitor platform = SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);

    for (String id : new String[] {theirProduct, theirIntent.json().get("id").asText(), theirAccount, theirIntent.header("Request-Id"),
        "pi_doesnotexist", "<script>alert(1)</script>"}) {
      Page page = search(platform, id);
      assertThat(page.status()).as(id).isEqualTo(404);
      assertThat(page.body()).contains("belongs to your platform or its connected accounts").doesNotContain("Their lamp", "<script>");
    }
    assertThat(search(platform, "").body()).contains("Type or paste an id");
    assertThat(new DashboardVisitor(PROCESSOR).get("/dashboard/search?q=" + theirProduct).status()).isEqualTo(401);
  }
}

package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Browser;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A Standard holder answers disputes in Chromium, finding every field by its label: one with the
 * winning test evidence, saved first and then submitted, is won once the processor clock passes
 * its due date; another is accepted and lost. The outcomes are the API's, with its events.
 */
@ResourceLock(InOwnSandbox.DEFAULT_CLOCK) // moves the shared processor's clock: alone, not under other classes' sessions
class BusinessDisputesBrowserTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  @Test
  void aStandardHolderWinsOneDisputeWithEvidenceAndAcceptsAnother() {
    String email = DashboardVisitor.email("ada");
    String account = BusinessFixture.standardShop(processor, "US", email, "Ada's Hats");
    String won = BusinessFixture.pay(http, account, 8_000, "usd", "pm_card_createDispute").get("id").asText();
    String lost = BusinessFixture.pay(http, account, 3_000, "usd", "pm_card_createDispute").get("id").asText();
    StripeHttp shop = http.header("Stripe-Account", account);
    String wonDispute = shop.get("/v1/disputes?charge=" + won).json().at("/data/0/id").asText();
    String lostDispute = shop.get("/v1/disputes?charge=" + lost).json().at("/data/0/id").asText();
    long dueBy = shop.get("/v1/disputes/" + wonDispute).json().at("/evidence_details/due_by").asLong();

    try (Browser browser = new Browser()) {
      browser.open(processor.url() + "/dashboard/login");
      browser.type("Email", email).type("Password", DashboardVisitor.PASSWORD).press("Sign in");
      browser.follow("Disputes");
      assertThat(browser.heading()).isEqualTo("Disputes");
      assertThat(browser.text()).contains(wonDispute, lostDispute, "Needs response", "Fraudulent");

      browser.follow(wonDispute);
      assertThat(browser.heading()).isEqualTo("Dispute of $80.00");
      assertThat(browser.text()).contains("Evidence due by", BusinessLinks.time(dueBy), "\"winning_evidence\" wins the dispute");
      browser.type("Your response", "winning_evidence").type("Customer name", "Jenny Rosen").press("Save without submitting");
      assertThat(browser.text()).contains("Your evidence is saved.");
      assertThat(browser.field("Customer name").getAttribute("value")).isEqualTo("Jenny Rosen");
      assertThat(shop.get("/v1/disputes/" + wonDispute).json().get("status").asText()).isEqualTo("needs_response");
      browser.press("Submit evidence");
      assertThat(browser.text()).contains("Your evidence is submitted.", "Under review");

      browser.follow("Disputes").follow(lostDispute);
      browser.press("Accept dispute");
      assertThat(browser.text()).contains("You accepted the dispute.", "Lost");

      long now = http.get("/v1/test_helpers/clock").json().get("now").asLong();
      assertThat(http.post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(dueBy + 120 - now))).status()).isEqualTo(200);
      // a week later on the processor clock, the hour-long session has ended: the holder signs in again
      browser.open(processor.url() + "/dashboard/login");
      browser.type("Email", email).type("Password", DashboardVisitor.PASSWORD).press("Sign in");
      browser.follow("Disputes").follow(wonDispute);
      assertThat(browser.text()).contains("Won", "Dispute reversal");
    }
    assertThat(shop.get("/v1/disputes/" + wonDispute).json().get("status").asText()).isEqualTo("won");
    assertThat(shop.get("/v1/disputes/" + wonDispute).json().at("/evidence/uncategorized_text").asText()).isEqualTo("winning_evidence");
    assertThat(shop.get("/v1/disputes/" + lostDispute).json().get("status").asText()).isEqualTo("lost");
    List<String> closed = new ArrayList<>();
    for (JsonNode e : shop.get("/v1/events?type=charge.dispute.closed&limit=100").json().get("data")) {
      closed.add(e.at("/data/object/id").asText() + ":" + e.at("/data/object/status").asText());
    }
    assertThat(closed).contains(wonDispute + ":won", lostDispute + ":lost");
    assertThat(shop.get("/v1/events?type=charge.dispute.funds_reinstated").json().at("/data/0/data/object/id").asText()).isEqualTo(wonDispute);
  }
}

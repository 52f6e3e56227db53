package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Each sandbox has a clock of its own, and its Dashboard reads the time from it: advancing one
 * sandbox's clock moves that sandbox's pages (Home's "last 30 days") and no other's.
 */
class SandboxClockPagesTest {
  /** A processor of its own: this test moves a clock. */
  private static final TestProcessor PROCESSOR = TestProcessor.fresh();
  private final StripeHttp manager = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  private static String today(StripeHttp http) {
    return LocalDate.ofEpochDay(Math.floorDiv(http.get("/v1/test_helpers/clock").json().get("now").asLong(), 86_400)).toString();
  }

  @Test
  void advancingASandboxsClockMovesItsHomesLastThirtyDays() {
    StripeHttp.Response made = manager.post("/v1/test_helpers/sandboxes", Map.of("name", "Clockwork"));
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    JsonNode sandbox = made.json();
    StripeHttp http = manager.withKey(sandbox.get("secret_key").asText());
    String account = ActivatedAccounts.custom(http, "FR");
    StripeHttp.Response paid = http.header("Stripe-Account", account).post("/v1/payment_intents", Map.of("amount", "10000",
        "currency", "eur", "payment_method", "pm_card_visa", "confirm", "true", "application_fee_amount", "123",
        "payment_method_types[0]", "card"));
    assertThat(paid.json().get("status").asText()).as(paid.body()).isEqualTo("succeeded");
    DashboardVisitor platform = new DashboardVisitor(PROCESSOR);
    DashboardVisitor.Page signedIn = platform.signInWith(sandbox.at("/dashboard/email").asText(), sandbox.at("/dashboard/password").asText());
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);

    String before = platform.get("/dashboard").body();
    assertThat(before).contains("EUR: €1.23 in 30 days</figcaption>", "<title>" + today(http) + ": €1.23</title>", "<td>€100.00</td>");

    StripeHttp.Response advanced = http.post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(Duration.ofDays(40).toSeconds())));
    assertThat(advanced.status()).as(advanced.body()).isEqualTo(200);
    assertThat(manager.get("/v1/test_helpers/clock").json().get("offset_seconds").asLong()).as("the default sandbox's clock").isZero();

    String after = platform.get("/dashboard").body();
    // 40 days on, the fee and the payment are older than the chart's and the gross volume's 30 days
    assertThat(after).contains("No application fees in the last 30 days.", "Your connected accounts took no payments in the last 30 days.")
        .doesNotContain("in 30 days</figcaption>", "<td>€100.00</td>");
    assertThat(today(http)).isNotEqualTo(today(manager));
  }
}

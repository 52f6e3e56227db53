package com.comptoir.processor.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.ActivatedAccounts;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Deleting a sandbox: its keys stop at once, its rows go in the background, and what is left still audits clean. */
class SandboxDeletionTest {
  private static final TestProcessor processor = TestProcessor.get();
  private final StripeHttp manager = processor.http();
  private final Jdbi jdbi = Jdbi.create(processor.dataSource());

  @Test
  void everyRowOfADeletedSandboxIsRemovedAndTheLedgerStillAuditsClean() {
    JsonNode sandbox = SandboxesApiTest.create(manager, Map.of("name", "to delete"));
    String platform = sandbox.get("account").asText();
    StripeHttp own = manager.withKey(sandbox.get("secret_key").asText());
    String shop = ActivatedAccounts.custom(own, "US");
    StripeHttp onShop = own.header("Stripe-Account", shop);
    own.post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/unreachable", "enabled_events[0]", "*", "connect", "true"));
    for (int i = 0; i < 3; i++) {
      StripeHttp.Response paid = onShop.header("Idempotency-Key", "pay-" + i).post("/v1/payment_intents", Map.of("amount", "5000",
          "currency", "usd", "payment_method", "pm_card_visa", "confirm", "true", "application_fee_amount", "100"));
      assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    }
    // A charge whose fees take all of it: 52 yen, 47 of card fees (2.9% + 45) and 5 of application
    // fee. Its balance transaction nets 0, so it has no posting (the journal keeps none of 0) and
    // no ledger entry leads to it: the purge once left it, and its day's volume, behind.
    StripeHttp.Response netZero = onShop.header("Idempotency-Key", "pay-net-zero").post("/v1/payment_intents", Map.of("amount", "52",
        "currency", "jpy", "payment_method", "pm_card_visa", "confirm", "true", "application_fee_amount", "5"));
    assertThat(netZero.status()).as(netZero.body()).isEqualTo(200);
    String charge = netZero.json().get("latest_charge").asText();
    assertThat(onShop.get("/v1/charges/" + charge + "?expand[]=balance_transaction").json().at("/balance_transaction/net").asLong())
        .as("the case under test: a balance transaction of net 0").isZero();
    own.post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(Duration.ofDays(7).toSeconds()))); // payouts too
    List<String> accounts = List.of(platform, shop);
    assertThat(count("SELECT count(*) FROM ledger_postings WHERE account = ANY(:a)", accounts)).isPositive();
    assertThat(count("SELECT count(*) FROM resources WHERE owner = ANY(:a)", accounts)).isGreaterThan(10);

    assertThat(manager.delete("/v1/test_helpers/sandboxes/" + sandbox.get("id").asText()).status()).isEqualTo(200);
    assertThat(own.get("/v1/account").status()).isEqualTo(401);

    Await.until("the deleted sandbox's cleanup finished", Duration.ofSeconds(60),
        () -> count("SELECT count(*) FROM sandboxes WHERE account_id = ANY(:a)", accounts) == 0);
    for (String sql : List.of("SELECT count(*) FROM accounts WHERE id = ANY(:a) OR platform_id = ANY(:a)",
        "SELECT count(*) FROM resources WHERE owner = ANY(:a) OR id = ANY(:a)",
        "SELECT count(*) FROM ledger_postings WHERE account = ANY(:a)",
        "SELECT count(*) FROM ledger_balance_transactions WHERE account = ANY(:a)",
        "SELECT count(*) FROM webhook_endpoints WHERE owner = ANY(:a)",
        "SELECT count(*) FROM api_keys WHERE account_id = ANY(:a)",
        "SELECT count(*) FROM jobs WHERE sandbox = ANY(:a)",
        "SELECT count(*) FROM api_request_logs WHERE platform_id = ANY(:a)",
        "SELECT count(*) FROM idempotency_keys WHERE scope LIKE '%' || (:a)[1] || '%'")) {
      assertThat(count(sql, accounts)).as(sql).isZero();
    }
    JsonNode audit = manager.get("/v1/test_helpers/ledger/audit").json();
    assertThat(audit.get("findings")).as(audit.toString()).isEmpty();
  }

  private long count(String sql, List<String> accounts) {
    return jdbi.withHandle(h -> h.createQuery(sql).bind("a", accounts.toArray(String[]::new)).mapTo(Long.class).one());
  }
}

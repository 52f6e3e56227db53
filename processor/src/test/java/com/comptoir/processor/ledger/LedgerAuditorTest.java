package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The auditor finds what breaks the ledger's invariants, and the database refuses edits to the
 * journal. Each test damages a database of its own on purpose, so none is audited as clean.
 */
class LedgerAuditorTest {
  private TestProcessor processor;
  private Jdbi jdbi;
  private Money money;

  @BeforeEach
  void start() {
    processor = TestProcessor.fresh().unaudited(); // damaged on purpose, so not on the shared database every audit reads
    jdbi = Jdbi.create(processor.dataSource());
    money = new Money(() -> processor);
  }

  @AfterEach
  void stop() {
    processor.close();
  }

  private JsonNode audit() {
    var r = processor.http().get("/v1/test_helpers/ledger/audit");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private List<String> failedChecks() {
    return audit().get("findings").findValuesAsText("check");
  }

  @Test
  void aHealthyLedgerAuditsClean() {
    String account = money.usAccount();
    money.charge(account, Money.Payment.card(10_000, "usd", 123L));
    JsonNode report = audit();
    assertThat(report.get("ok").asBoolean()).as(report.toPrettyString()).isTrue();
    assertThat(report.get("checks")).hasSizeGreaterThanOrEqualTo(10);
    assertThat(report.get("totals").findValuesAsText("bucket")).contains("card_networks", "fees");
  }

  @Test
  void postingsCannotBeChangedOrDeleted() {
    money.charge(money.usAccount(), Money.Payment.card(1_000, "usd", null));
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE ledger_postings SET amount = amount + 1")))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM ledger_postings"))).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM ledger_entries"))).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("TRUNCATE ledger_postings CASCADE"))).hasMessageContaining("append-only");
  }

  @Test
  void theJournalRefusesAnEntryThatDoesNotBalance() {
    assertThatThrownBy(() -> jdbi.useTransaction(h -> Journal.post(h, "test", "x", 0, List.of(
        Posting.outside(Posting.BANKS, "usd", 100), Posting.fees("usd", -99)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not balance in usd");
  }

  @Test
  void anUnbalancedEntryWrittenBehindTheJournalsBackIsFound() {
    jdbi.useTransaction(h -> {
      long entry = h.createQuery("INSERT INTO ledger_entries (kind, source, created_ms) VALUES ('forged', 'x', 0) RETURNING id")
          .mapTo(Long.class).one();
      h.execute("INSERT INTO ledger_postings (entry_id, account, bucket, currency, amount) VALUES (?, 'outside', 'banks', 'eur', 5)", entry);
    });
    assertThat(failedChecks()).contains("entries_balance");
  }

  @Test
  void aBalanceThatNoLongerMatchesItsTransactionsIsFound() {
    String account = money.usAccount();
    String txn = money.charge(account, Money.Payment.card(1_000, "usd", null)).get("balance_transaction").asText();
    jdbi.useHandle(h -> h.execute("UPDATE ledger_balance_transactions SET net = net + 1 WHERE id = ?", txn));
    assertThat(failedChecks()).contains("transactions_equal_their_postings", "transaction_documents_agree", "balances_equal_transactions");
  }

  @Test
  void aKeptBalanceSumThatNoLongerMatchesThePostingsIsFound() {
    String account = money.usAccount();
    money.charge(account, Money.Payment.card(1_000, "usd", null));
    assertThat(failedChecks()).isEmpty();
    jdbi.useHandle(h -> h.execute("UPDATE ledger_balance_sums SET amount = amount + 1 WHERE account = ?", account));
    assertThat(failedChecks()).containsExactly("balance_sums_equal_postings");
  }

  @Test
  void aKeptDailyVolumeThatNoLongerMatchesTheTransactionsIsFound() {
    String account = money.usAccount();
    money.charge(account, Money.Payment.card(1_000, "usd", 100L));
    assertThat(failedChecks()).isEmpty();
    jdbi.useHandle(h -> h.execute("UPDATE ledger_daily_volume SET amount = amount - 1 WHERE type = 'application_fee'"));
    assertThat(failedChecks()).containsExactly("daily_volume_equals_transactions");
  }

  @Test
  void aSucceededChargeTheLedgerNeverBookedIsFound() {
    String account = money.usAccount();
    jdbi.useTransaction(h -> ResourceStore.insert(h, account, money.chargeDocument(Money.Payment.card(1_000, "usd", 10L))));
    assertThat(failedChecks()).contains("succeeded_charges_booked_once", "application_fees_match_charges");
  }

  @Test
  void aSecondApplicationFeeOnOneChargeIsFound() {
    String account = money.usAccount();
    JsonNode charge = money.charge(account, Money.Payment.card(1_000, "usd", 10L));
    jdbi.useTransaction(h -> {
      var copy = ResourceStore.find(h, money.platform(), charge.get("application_fee").asText()).orElseThrow();
      copy.put("id", "fee_forged");
      ResourceStore.insert(h, money.platform(), copy);
    });
    assertThat(failedChecks()).contains("application_fees_match_charges");
  }

  @Test
  void moneyLeftInAClearingAccountIsFound() {
    String account = money.usAccount();
    money.setSchedule(account, java.util.Map.of("interval", "manual"));
    money.charge(account, Money.Payment.card(5_000, "usd", null).withCard("US", "0077"));
    String payout = money.as(account).post("/v1/payouts", java.util.Map.of("amount", "1000", "currency", "usd")).json().get("id").asText();
    jdbi.useHandle(h -> h.execute(
        "UPDATE resources SET body = jsonb_set(body, '{status}', '\"paid\"') WHERE id = ?", payout)); // paid, but never posted as paid
    assertThat(failedChecks()).containsExactly("clearing_accounts_settle");
  }

  @Test
  void aSandboxsAuditIsOfItsOwnLedgerAndTheDefaultSandboxsOfTheWhole() {
    String account = money.usAccount();
    String txn = money.charge(account, Money.Payment.card(1_000, "usd", null)).get("balance_transaction").asText();
    jdbi.useHandle(h -> h.execute("UPDATE ledger_balance_transactions SET net = net + 1 WHERE id = ?", txn));
    var created = processor.http().post("/v1/test_helpers/sandboxes", java.util.Map.of("name", "auditor"));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    var sandbox = processor.http().withKey(created.json().get("secret_key").asText());

    var own = sandbox.get("/v1/test_helpers/ledger/audit");
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().get("ok").asBoolean()).as("the default sandbox's damage is not the new sandbox's: " + own.body()).isTrue();
    assertThat(own.body()).doesNotContain(txn, account);
    assertThat(own.json().get("totals")).as("no money has moved in the new sandbox").isEmpty();

    JsonNode whole = audit();
    assertThat(whole.get("findings").findValuesAsText("subject")).contains(txn);
    assertThat(whole.get("totals")).isNotEmpty();
  }

  @Test
  void theAuditIsThePlatformOperatorsOnly() {
    var r = processor.http().header("Stripe-Account", money.usAccount()).get("/v1/test_helpers/ledger/audit");
    assertThat(r.status()).isEqualTo(400);
  }
}

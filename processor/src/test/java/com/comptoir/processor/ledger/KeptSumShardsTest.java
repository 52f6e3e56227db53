package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.TestProcessor;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sixteen payments in flight at once, all to one connected account and one platform, as the
 * processor's pool of sixteen connections runs them: none waits for another's commit on the kept
 * sums (V27_2). With the old shard, {@code pg_backend_pid() % 16}, sixteen connections nearly always
 * had two on one shard, and the second then waited for the first's commit.
 */
class KeptSumShardsTest {
  private static final int IN_FLIGHT = 16;
  private TestProcessor processor;
  private Money money;

  @BeforeEach
  void start() {
    processor = TestProcessor.fresh(); // a pool of its own, large enough for sixteen open transactions
    money = new Money(() -> processor);
  }

  @AfterEach
  void stop() {
    processor.close();
  }

  @Test
  void concurrentPaymentsToOneAccountDoNotWaitOnEachOther() {
    String account = money.usAccount();
    Jdbi jdbi = Jdbi.create(processor.dataSource());
    List<Handle> open = new ArrayList<>();
    try {
      for (int i = 0; i < IN_FLIGHT; i++) {
        Handle h = jdbi.open();
        open.add(h);
        h.begin();
        // A wait on another open transaction's row lock fails this statement instead of hanging the test.
        h.execute("SET LOCAL lock_timeout = '2s'");
        String txn = "txn_shardtest" + i;
        Journal.post(h, "charge", "ch_shardtest" + i, System.currentTimeMillis(), List.of(
            Posting.balance(account, Posting.PENDING, "usd", 970, "charge", txn),
            Posting.fees("usd", 30),
            Posting.outside(Posting.CARD_NETWORKS, "usd", -1_000)));
        h.execute("""
            INSERT INTO ledger_balance_transactions (id, account, currency, source_type, type, source, net, amount, status, available_on, created)
            VALUES (?, ?, 'usd', 'charge', 'charge', ?, 970, 1000, 'pending', 0, extract(epoch FROM now())::bigint)""",
            txn, account, "ch_shardtest" + i);
      }
    } finally {
      open.forEach(h -> {
        h.rollback(); // nothing here is a real payment (no documents): the database stays as it was
        h.close();
      });
    }
    var audit = processor.http().get("/v1/test_helpers/ledger/audit");
    assertThat(audit.json().get("ok").asBoolean()).as(audit.body()).isTrue();
  }
}

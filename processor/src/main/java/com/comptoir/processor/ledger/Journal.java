package com.comptoir.processor.ledger;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The journal: append-only entries of postings that sum to zero per currency. The only writer of
 * {@code ledger_entries} and {@code ledger_postings}; the database refuses any UPDATE or DELETE on
 * them (V10's trigger), and {@link LedgerAuditor} re-checks every entry after the fact.
 */
final class Journal {
  private Journal() {}

  /**
   * Posts one entry in the caller's transaction.
   *
   * @param kind what happened ({@code charge}, {@code refund}, {@code payout_paid}, ...)
   * @param source the Stripe object that caused it
   * @throws IllegalArgumentException if the postings do not balance in every currency
   */
  static long post(Handle h, String kind, String source, long createdMillis, List<Posting> postings) {
    if (postings.isEmpty()) {
      throw new IllegalArgumentException("an entry needs postings: " + kind + " " + source);
    }
    Map<String, Long> sums = new TreeMap<>();
    for (Posting p : postings) {
      sums.merge(p.currency(), p.amountMinor(), Math::addExact);
    }
    sums.forEach((currency, sum) -> {
      if (sum != 0) {
        throw new IllegalArgumentException("entry " + kind + " " + source + " does not balance in " + currency + ": " + sum);
      }
    });
    long entryId = h.createQuery("INSERT INTO ledger_entries (kind, source, created_ms) VALUES (:kind, :source, :at) RETURNING id")
        .bind("kind", kind).bind("source", source).bind("at", createdMillis)
        .mapTo(Long.class).one();
    PreparedBatch batch = h.prepareBatch("""
        INSERT INTO ledger_postings (entry_id, account, bucket, currency, amount, source_type, balance_transaction, ref)
        VALUES (:entry, :account, :bucket, :currency, :amount, :source_type, :txn, :ref)""");
    for (Posting p : postings) {
      if (p.amountMinor() == 0) {
        continue; // a zero line says nothing (a zero fee); the entry still balances without it
      }
      batch.bind("entry", entryId).bind("account", p.account()).bind("bucket", p.bucket()).bind("currency", p.currency())
          .bind("amount", p.amountMinor()).bind("source_type", p.sourceType()).bind("txn", p.balanceTransaction())
          .bind("ref", p.ref()).add();
    }
    if (batch.size() > 0) {
      batch.execute();
    }
    return entryId;
  }
}

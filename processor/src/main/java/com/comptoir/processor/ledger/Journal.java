package com.comptoir.processor.ledger;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

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
  static void post(Handle h, String kind, String source, long createdMillis, List<Posting> postings) {
    List<Posting> lines = lines(kind, source, postings);
    bind(h.createUpdate("WITH " + ENTRY), kind, source, createdMillis, lines).execute();
  }

  /**
   * The entry and its postings in one round trip, to follow {@code WITH} (named parameters kind,
   * source, at and the postings' arrays, see {@link #bind}): a statement of its own, or the end of
   * one whose data-modifying {@code WITH} clauses before it write what the entry books ({@link Booking}).
   */
  static final String ENTRY = """
      entry AS (INSERT INTO ledger_entries (kind, source, created_ms) VALUES (:kind, :source, :at) RETURNING id)
      INSERT INTO ledger_postings (entry_id, account, bucket, currency, amount, source_type, balance_transaction, ref)
      SELECT entry.id, p.account, p.bucket, p.currency, p.amount, p.source_type, p.txn, p.ref
      FROM entry, unnest(CAST(:accounts AS text[]), CAST(:buckets AS text[]), CAST(:currencies AS text[]),
                         CAST(:amounts AS bigint[]), CAST(:source_types AS text[]), CAST(:txns AS text[]), CAST(:refs AS text[]))
           AS p (account, bucket, currency, amount, source_type, txn, ref)""";

  /**
   * The lines an entry of {@code postings} writes: all but the zero ones (a zero fee says nothing).
   *
   * @throws IllegalArgumentException if there are none, or they do not balance in every currency
   */
  static List<Posting> lines(String kind, String source, List<Posting> postings) {
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
    return postings.stream().filter(p -> p.amountMinor() != 0).toList();
  }

  /** Binds {@link #ENTRY}'s parameters: the entry and its {@code lines} (checked by {@link #lines}). */
  static Update bind(Update update, String kind, String source, long createdMillis, List<Posting> lines) {
    return update.bind("kind", kind).bind("source", source).bind("at", createdMillis)
        .bind("accounts", lines.stream().map(Posting::account).toArray(String[]::new))
        .bind("buckets", lines.stream().map(Posting::bucket).toArray(String[]::new))
        .bind("currencies", lines.stream().map(Posting::currency).toArray(String[]::new))
        .bind("amounts", lines.stream().map(Posting::amountMinor).toArray(Long[]::new))
        .bind("source_types", lines.stream().map(Posting::sourceType).toArray(String[]::new))
        .bind("txns", lines.stream().map(Posting::balanceTransaction).toArray(String[]::new))
        .bind("refs", lines.stream().map(Posting::ref).toArray(String[]::new));
  }
}

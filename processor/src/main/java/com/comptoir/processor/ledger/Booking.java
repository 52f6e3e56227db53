package com.comptoir.processor.ledger;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * One journal entry with everything it creates, written in one statement: its BalanceTransactions
 * (each a document and an index row, as {@link BalanceTransactions#create} writes them), the other
 * documents it makes (a charge's ApplicationFee), and the entry with its postings ({@link Journal}).
 * A card payment's booking was four round trips, and two runs of the daily volume trigger
 * (V27_1, once per statement that inserts balance transactions) where one does the same sums.
 *
 * <p>The rows are the same as those of the separate writes, in the same order; the statement
 * commits or fails as a whole with the caller's transaction.
 */
final class Booking {
  private record Transaction(String id, BalanceTransactions.Spec spec, ObjectNode document) {}

  private record Document(String owner, ObjectNode body) {}

  private final List<Transaction> transactions = new ArrayList<>();
  private final List<Document> documents = new ArrayList<>();

  /** Adds transaction {@code id} of {@code spec}; returns its document, which the entry's write stores. */
  ObjectNode transaction(String id, BalanceTransactions.Spec spec) {
    ObjectNode bt = BalanceTransactions.document(id, spec);
    transactions.add(new Transaction(id, spec, bt));
    return bt;
  }

  /** Adds a new document owned by {@code owner}, stored as {@code ResourceStore.insert} stores it, after the transactions'. */
  void document(String owner, ObjectNode body) {
    documents.add(new Document(owner, body));
  }

  /**
   * Writes the documents, the transactions and the entry of {@code postings} in one statement.
   *
   * @throws IllegalArgumentException if the postings do not balance in every currency (nothing is written)
   */
  void post(Handle h, String kind, String source, long createdMillis, List<Posting> postings) {
    List<Posting> lines = Journal.lines(kind, source, postings);
    List<Document> stored = new ArrayList<>();
    transactions.forEach(t -> stored.add(new Document(t.spec().account(), t.document())));
    stored.addAll(documents);
    // A row of values per document, inserted in the order added: seq keeps it, the order an
    // account's lists show. Not an array of bodies, which pgjdbc escapes into an array literal and
    // PostgreSQL parses back (the events' statement gained a quarter of a create's rate without).
    StringBuilder documentsInsert = new StringBuilder();
    for (int i = 0; i < stored.size(); i++) {
      documentsInsert.append(i == 0 ? "documents AS (INSERT INTO resources (id, owner, object, created, body) VALUES " : ", ")
          .append("(:doc_id_").append(i).append(", :doc_owner_").append(i).append(", :doc_object_").append(i)
          .append(", :doc_created_").append(i).append(", CAST(:doc_body_").append(i).append(" AS jsonb))");
    }
    var update = h.createUpdate("WITH " + (stored.isEmpty() ? "" : documentsInsert + "),\n") + """
            transactions AS (
              INSERT INTO ledger_balance_transactions (id, account, currency, source_type, type, source, amount, net, status, available_on, created)
              SELECT t.id, t.account, t.currency, t.source_type, t.type, t.source, t.amount, t.net, t.status, t.available_on, t.created
              FROM unnest(CAST(:txn_ids AS text[]), CAST(:txn_accounts AS text[]), CAST(:txn_currencies AS text[]),
                          CAST(:txn_source_types AS text[]), CAST(:txn_types AS text[]), CAST(:txn_sources AS text[]),
                          CAST(:txn_amounts AS bigint[]), CAST(:txn_nets AS bigint[]), CAST(:txn_statuses AS text[]),
                          CAST(:txn_available_on AS bigint[]), CAST(:txn_created AS bigint[])) WITH ORDINALITY
                   AS t (id, account, currency, source_type, type, source, amount, net, status, available_on, created, n)
              ORDER BY t.n),
            """ + Journal.ENTRY);
    update.bind("txn_ids", transactions.stream().map(Transaction::id).toArray(String[]::new))
        .bind("txn_accounts", transactions.stream().map(t -> t.spec().account()).toArray(String[]::new))
        .bind("txn_currencies", transactions.stream().map(t -> t.spec().currency()).toArray(String[]::new))
        .bind("txn_source_types", transactions.stream().map(t -> t.spec().sourceType()).toArray(String[]::new))
        .bind("txn_types", transactions.stream().map(t -> t.spec().type()).toArray(String[]::new))
        .bind("txn_sources", transactions.stream().map(t -> t.spec().source()).toArray(String[]::new))
        .bind("txn_amounts", transactions.stream().map(t -> t.spec().amount()).toArray(Long[]::new))
        .bind("txn_nets", transactions.stream().map(t -> t.spec().net()).toArray(Long[]::new))
        .bind("txn_statuses", transactions.stream().map(t -> BalanceTransactions.status(t.spec())).toArray(String[]::new))
        .bind("txn_available_on", transactions.stream().map(t -> t.spec().availableOn()).toArray(Long[]::new))
        .bind("txn_created", transactions.stream().map(t -> t.spec().created()).toArray(Long[]::new));
    for (int i = 0; i < stored.size(); i++) {
      ObjectNode body = stored.get(i).body();
      update.bind("doc_id_" + i, body.get("id").asText()).bind("doc_owner_" + i, stored.get(i).owner())
          .bind("doc_object_" + i, body.get("object").asText()).bind("doc_created_" + i, body.path("created").asLong())
          .bind("doc_body_" + i, Json.write(body));
    }
    Journal.bind(update, kind, source, createdMillis, lines).execute();
  }
}

package com.comptoir.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The least PostgreSQL work a card payment can cost: the rows one real pay wrote, replayed with
 * fresh ids by plain JDBC, one statement per table, with no HTTP, no JSON building and no checks.
 * Whatever the processor's code does, a pay cannot be cheaper than this; measured beside the
 * one-row INSERT baseline it bounds the ratio the benchmark can reach on this machine.
 *
 * <p>With {@code paysPerTransaction} above one it also shows what grouping several customers'
 * payments into one transaction (group commit in the application) could give at most.
 */
final class PayFloor {
  /** The documents a pay stores: intent, charge, payment method, application fee, two balance transactions, five events. */
  private final List<Doc> inserted;
  /** The session's document after the pay: stored again over a session that exists. */
  private final String sessionBody;
  private final String account;
  private final String platform;
  private final List<String> sessions;

  private record Doc(String object, String body) {}

  private PayFloor(List<Doc> inserted, String sessionBody, String account, String platform, List<String> sessions) {
    this.inserted = inserted;
    this.sessionBody = sessionBody;
    this.account = account;
    this.platform = platform;
    this.sessions = sessions;
  }

  /** Reads back what paying {@code sessionId} on {@code account} stored. */
  static PayFloor of(DataSource db, String account, String sessionId) throws SQLException {
    try (Connection c = db.getConnection()) {
      String session = one(c, "SELECT body::text FROM resources WHERE id = ?", sessionId);
      String pi = one(c, "SELECT body ->> 'payment_intent' FROM resources WHERE id = ?", sessionId);
      String charge = one(c, "SELECT body ->> 'latest_charge' FROM resources WHERE id = ?", pi);
      List<Doc> docs = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("""
          WITH ch AS (SELECT body FROM resources WHERE id = ?),
               fee AS (SELECT r.body, r.owner FROM resources r, ch WHERE r.id = ch.body ->> 'application_fee')
          SELECT r.object, r.body::text FROM resources r, ch
          WHERE r.id IN (?, ?, ch.body ->> 'payment_method', ch.body ->> 'application_fee', ch.body ->> 'balance_transaction',
                         (SELECT body ->> 'balance_transaction' FROM fee))
          UNION ALL
          SELECT 'event', body::text FROM resources
          WHERE object = 'event' AND body -> 'data' -> 'object' ->> 'id' IN (?, ?, ?, (SELECT ch.body ->> 'application_fee' FROM ch))
            AND (body ->> 'type') IN ('payment_intent.created', 'payment_intent.succeeded', 'charge.succeeded',
                                      'checkout.session.completed', 'application_fee.created')""")) {
        s.setString(1, charge);
        s.setString(2, pi);
        s.setString(3, charge);
        s.setString(4, pi);
        s.setString(5, charge);
        s.setString(6, sessionId);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            docs.add(new Doc(rs.getString(1), rs.getString(2)));
          }
        }
      }
      if (docs.size() != 11) {
        throw new IllegalStateException("expected the 11 documents of one pay, found " + docs.size());
      }
      String platform = one(c, "SELECT owner FROM resources WHERE id = (SELECT body ->> 'application_fee' FROM resources WHERE id = ?)", charge);
      List<String> sessions = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id FROM resources WHERE owner = ? AND object = 'checkout.session' LIMIT 64")) {
        s.setString(1, account);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            sessions.add(rs.getString(1));
          }
        }
      }
      // Tables of their own, with the same columns, indexes and keys: the replayed rows must not
      // enter the real ledger (the audit at the end checks it) or the account's lists.
      try (var s = c.createStatement()) {
        for (String t : List.of("resources", "ledger_entries", "ledger_postings", "ledger_balance_transactions")) {
          s.execute("CREATE TABLE IF NOT EXISTS floor_" + t + " (LIKE " + t + " INCLUDING ALL)");
        }
        s.execute("""
            DO $$ BEGIN
              ALTER TABLE floor_ledger_postings ADD CONSTRAINT floor_postings_entry FOREIGN KEY (entry_id) REFERENCES floor_ledger_entries (id);
            EXCEPTION WHEN duplicate_object THEN NULL; END $$""");
        s.execute("INSERT INTO floor_resources SELECT * FROM resources WHERE id IN ('" + String.join("','", sessions) + "') ON CONFLICT DO NOTHING");
      }
      return new PayFloor(docs, session, account, platform, sessions);
    }
  }

  /** Total bytes of JSON one pay stores (its documents and the session's new version). */
  int bytesPerPay() {
    return inserted.stream().mapToInt(d -> d.body().length()).sum() + sessionBody.length();
  }

  /** {@code clients} JDBC clients replay pays for {@code seconds}; returns the pays committed. */
  long run(DataSource db, int clients, int seconds, int paysPerTransaction) throws Exception {
    AtomicLong pays = new AtomicLong();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < clients; w++) {
        String session = sessions.get(w % sessions.size());
        done.add(workers.submit(() -> {
          try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            while (System.nanoTime() < deadline) {
              replay(c, session, paysPerTransaction);
              c.commit();
              pays.addAndGet(paysPerTransaction);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    return pays.get();
  }

  /** One statement per table for {@code n} pays: the documents, the session, the journal entries with their postings, the balance transactions. */
  private void replay(Connection c, String session, int n) throws SQLException {
    String[] ids = new String[n];
    for (int p = 0; p < n; p++) {
      ids[p] = UUID.randomUUID().toString().replace("-", "");
    }
    StringBuilder sql = new StringBuilder("INSERT INTO floor_resources (id, owner, object, created, body) VALUES ");
    for (int i = 0; i < n * inserted.size(); i++) {
      sql.append(i == 0 ? "" : ",").append("(?, ?, ?, 0, CAST(? AS jsonb))");
    }
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int k = 1;
      for (int p = 0; p < n; p++) {
        for (int d = 0; d < inserted.size(); d++) {
          Doc doc = inserted.get(d);
          s.setString(k++, "floor_" + ids[p] + "_" + d);
          s.setString(k++, doc.object().equals("application_fee") ? platform : account);
          s.setString(k++, doc.object());
          s.setString(k++, doc.body());
        }
      }
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE floor_resources SET body = CAST(? AS jsonb) WHERE id = ?")) {
      for (int p = 0; p < n; p++) {
        s.setString(1, sessionBody);
        s.setString(2, session);
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s = c.prepareStatement("""
        WITH e AS (INSERT INTO floor_ledger_entries (kind, source, created_ms) SELECT 'charge', 'floor_' || x, 0 FROM unnest(?::text[]) x RETURNING id, source)
        INSERT INTO floor_ledger_postings (entry_id, account, bucket, currency, amount, source_type, balance_transaction, ref)
        SELECT e.id, v.account, v.bucket, 'eur', v.amount, v.source_type,
               CASE WHEN v.source_type IS NULL THEN NULL ELSE e.source || v.suffix END, NULL
        FROM e, (VALUES (?, 'pending', 9500::bigint, 'card', '_a'), (?, 'pending', 123::bigint, 'card', '_p'),
                        ('outside', 'card_networks', -10000::bigint, NULL, NULL), ('processor', 'fees', 377::bigint, NULL, NULL))
             AS v (account, bucket, amount, source_type, suffix)""")) {
      s.setArray(1, c.createArrayOf("text", ids));
      s.setString(2, account);
      s.setString(3, platform);
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("""
        INSERT INTO floor_ledger_balance_transactions (id, account, currency, source_type, type, source, net, status, available_on, created)
        SELECT 'floor_' || x || '_a', ?, 'eur', 'card', 'payment', 'floor_' || x, 9500, 'pending', 0, 0 FROM unnest(?::text[]) x
        UNION ALL
        SELECT 'floor_' || x || '_p', ?, 'eur', 'card', 'application_fee', 'floor_fee_' || x, 123, 'pending', 0, 0 FROM unnest(?::text[]) x""")) {
      s.setString(1, account);
      s.setArray(2, c.createArrayOf("text", ids));
      s.setString(3, platform);
      s.setArray(4, c.createArrayOf("text", ids));
      s.executeUpdate();
    }
  }

  private static String one(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          throw new IllegalStateException("nothing for " + arg + " in: " + sql);
        }
        return rs.getString(1);
      }
    }
  }
}

package com.comptoir.bench;

import com.comptoir.processor.store.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The least PostgreSQL work a Product create can cost: the two rows one real create stored (the
 * product and its {@code product.created} event), replayed with fresh random ids by plain JDBC in
 * the processor's own statement shape (both rows in one statement). No HTTP, no JSON building, no
 * checks, no request log. Measured beside the one-row INSERT it bounds the ratio scenario 1 can
 * reach on this machine, as {@link PayFloor} does for pays.
 *
 * <p>Two ways to commit: as the processor does, in a transaction whose last statement carries the
 * COMMIT (one round trip: pgjdbc sends the BEGIN, the statement and the COMMIT together; see
 * PublishOnCommit), and in autocommit (one round trip, as the INSERT baseline, without the BEGIN and
 * COMMIT), the least any create could cost.
 */
final class CreateFloor {
  /** The processor's statement for a create with one event and no webhook endpoint (PublishOnCommit.flushWith). */
  private static final String STATEMENT = """
      WITH stored AS (INSERT INTO floor_creates (id, owner, object, created, body) VALUES (?, ?, 'product', ?, CAST(? AS jsonb)))
      INSERT INTO floor_creates (id, owner, object, created, body)
      SELECT e.id, e.owner, 'event', e.created, CAST(e.body AS jsonb)
      FROM unnest(?, ?, ?, ?) WITH ORDINALITY AS e (id, owner, created, body, n)
      ORDER BY e.n""";

  private final BenchDatabase db;
  private final String owner;
  private final String product;
  private final String event;

  private CreateFloor(BenchDatabase db, String owner, String product, String event) {
    this.db = db;
    this.owner = owner;
    this.product = product;
    this.event = event;
  }

  /** The floor of the product an API create stored last (scenario 1's warm-up made thousands). */
  static CreateFloor ofLatestProduct(BenchDatabase db) throws SQLException {
    try (Connection c = db.pool().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM resources WHERE object = 'product' ORDER BY seq DESC LIMIT 1")) {
      if (!rs.next()) {
        throw new IllegalStateException("no product was created through the API: nothing to replay");
      }
      return of(db, rs.getString(1));
    }
  }

  /**
   * Reads back what creating {@code productId} stored, and makes the floor's table: the same
   * columns, indexes and keys as {@code resources}, so the replay pays for every index a create
   * does, while the account's real lists stay as they were.
   */
  static CreateFloor of(BenchDatabase db, String productId) throws SQLException {
    try (Connection c = db.pool().getConnection()) {
      String owner = null;
      String product = null;
      String event = null;
      try (PreparedStatement s = c.prepareStatement("""
          SELECT owner, object, body::text FROM resources
          WHERE id = ? OR (object = 'event' AND body #>> '{data,object,id}' = ? AND body ->> 'type' = 'product.created')""")) {
        s.setString(1, productId);
        s.setString(2, productId);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            if (rs.getString(2).equals("product")) {
              owner = rs.getString(1);
              product = rs.getString(3);
            } else {
              event = rs.getString(3);
            }
          }
        }
      }
      if (product == null || event == null) {
        throw new IllegalStateException("product " + productId + " or its product.created event is not stored");
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS floor_creates (LIKE resources INCLUDING ALL)");
      }
      return new CreateFloor(db, owner, product, event);
    }
  }

  /** {@code clients} JDBC clients replaying creates back to back for {@code seconds}, each in a transaction of its own or in autocommit. */
  JdbcClients.Result run(CpuMeter cpu, int clients, int seconds, boolean autocommit) throws Exception {
    return JdbcClients.run(db.pool(), cpu, clients, seconds, (c, client) -> {
      c.setAutoCommit(autocommit);
      if (autocommit) {
        PreparedStatement s = c.prepareStatement(STATEMENT);
        return () -> replay(c, s);
      }
      PreparedStatement committing = c.prepareStatement(STATEMENT + ";\nCOMMIT");
      return () -> {
        replay(c, committing);
        c.commit(); // as JDBI does: pgjdbc finds the transaction ended and sends nothing
      };
    });
  }

  /** Fresh ids, made as the processor makes them (random, so each lands anywhere in the primary key's index). */
  private void replay(Connection c, PreparedStatement s) throws SQLException {
    long created = System.currentTimeMillis() / 1000;
    s.setString(1, Ids.next("prod_"));
    s.setString(2, owner);
    s.setLong(3, created);
    s.setString(4, product);
    s.setArray(5, c.createArrayOf("text", new String[] {Ids.next("evt_")}));
    s.setArray(6, c.createArrayOf("text", new String[] {owner}));
    s.setArray(7, c.createArrayOf("bigint", new Long[] {created}));
    s.setArray(8, c.createArrayOf("text", new String[] {event}));
    s.executeUpdate();
  }
}

package com.comptoir.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The baseline of the write benchmarks: one durable one-row INSERT per commit (autocommit), by
 * plain JDBC clients on the same PostgreSQL. It is the least a create that must be durable can
 * cost here, so a create's rate and latency are judged as a ratio to it.
 */
final class InsertCommits {
  private final BenchDatabase db;

  private InsertCommits(BenchDatabase db) {
    this.db = db;
  }

  /** Creates the baseline's table (once per database). */
  static InsertCommits on(BenchDatabase db) throws SQLException {
    try (Connection c = db.pool().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_commits (id bigserial PRIMARY KEY, client int NOT NULL, at_ms bigint NOT NULL)");
    }
    return new InsertCommits(db);
  }

  /** {@code clients} JDBC clients committing one-row INSERTs back to back for {@code seconds}. */
  JdbcClients.Result run(CpuMeter cpu, int clients, int seconds) throws Exception {
    return JdbcClients.run(db.pool(), cpu, clients, seconds, (c, client) -> {
      c.setAutoCommit(true);
      PreparedStatement insert = c.prepareStatement("INSERT INTO bench_commits (client, at_ms) VALUES (?, ?)");
      return () -> {
        insert.setInt(1, client);
        insert.setLong(2, System.currentTimeMillis());
        insert.executeUpdate();
      };
    });
  }
}

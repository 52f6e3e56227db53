package com.comptoir.bench;

import com.comptoir.database.PostgresCluster;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.util.Optional;

/**
 * A throw-away embedded PostgreSQL with the durable settings {@code comptoir start} uses (the same
 * {@link PostgresCluster}): fsync, synchronous commit and full-page writes on, so a benchmark
 * measures the processor as it really runs, not zonky's test-speed defaults. The pool is sized as
 * the launcher sizes the processor's. Everything is deleted on close.
 */
final class BenchDatabase implements AutoCloseable {
  /** The launcher's processor pool size (cli's Launch.PROCESSOR_POOL_SIZE). */
  static final int POOL_SIZE = 16;

  private final PostgresCluster postgres;
  private final HikariDataSource pool;

  private BenchDatabase(PostgresCluster postgres, HikariDataSource pool) {
    this.postgres = postgres;
    this.pool = pool;
  }

  static BenchDatabase start(String name) throws IOException {
    PostgresCluster postgres = PostgresCluster.temporary(PostgresCluster.Durability.DURABLE);
    try {
      return new BenchDatabase(postgres, postgres.pool(name, POOL_SIZE));
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /** The cluster kept in {@code dataDir} (made on first use, found again on the next run), durable like the launcher's. */
  static BenchDatabase kept(java.nio.file.Path dataDir, String name) throws IOException {
    PostgresCluster postgres = PostgresCluster.durable(dataDir);
    try {
      return new BenchDatabase(postgres, postgres.pool(name, POOL_SIZE));
    } catch (RuntimeException e) {
      postgres.close();
      throw e;
    }
  }

  /**
   * This cluster on a fresh copy of database {@code seeded}, named {@code copy}: what a run writes
   * goes to the copy, so a kept, seeded database stays exactly as seeded from one run to the next
   * (a run's creates would otherwise add to it: tens of thousands of objects in a "10,000 objects"
   * baseline). This object's pool is closed (a template must have no connections) and the returned
   * one owns the cluster: close that one only. FILE_COPY: a checkpoint and a copy of the files, far
   * faster for a large database than writing it all to the WAL.
   */
  BenchDatabase workingCopy(String seeded, String copy) throws java.sql.SQLException {
    pool.close();
    try (var c = postgres.superuser().getConnection(); var st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS \"" + copy + "\"");
      st.execute("CREATE DATABASE \"" + copy + "\" TEMPLATE \"" + seeded + "\" STRATEGY = FILE_COPY");
    }
    return new BenchDatabase(postgres, postgres.pool(copy, POOL_SIZE));
  }

  HikariDataSource pool() {
    return pool;
  }

  /** The postmaster's process id, from its pid file, for CPU accounting. */
  Optional<Long> postmasterPid() {
    return postgres.postmasterPid();
  }

  /** A one-line account of the server settings that matter for honesty. */
  String describe() {
    try (var c = pool.getConnection(); var s = c.createStatement();
        var r = s.executeQuery("SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
      r.next();
      String version = r.getString(1);
      return version.substring(0, version.indexOf(' ', "PostgreSQL ".length())) + ", fsync=" + r.getString(2)
          + ", synchronous_commit=" + r.getString(3) + ", full_page_writes=" + r.getString(4) + ", pool " + POOL_SIZE;
    } catch (java.sql.SQLException e) {
      return "PostgreSQL (settings unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException {
    pool.close();
    postgres.close();
  }
}

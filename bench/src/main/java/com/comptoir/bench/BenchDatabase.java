package com.comptoir.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A throw-away embedded PostgreSQL with the durable settings {@code comptoir start} uses (the
 * launcher's {@code EmbeddedDatabase}): fsync, synchronous commit and full-page writes on, so a
 * benchmark measures the processor as it really runs, not zonky's test-speed defaults. The pool is
 * sized as the launcher sizes the processor's. Everything is deleted on close.
 */
final class BenchDatabase implements AutoCloseable {
  /** The launcher's processor pool size. */
  static final int POOL_SIZE = 32;

  private final Path dataDir;
  private final EmbeddedPostgres postgres;
  private final HikariDataSource pool;

  private BenchDatabase(Path dataDir, EmbeddedPostgres postgres, HikariDataSource pool) {
    this.dataDir = dataDir;
    this.postgres = postgres;
    this.pool = pool;
  }

  static BenchDatabase start(String name) throws IOException {
    Path dataDir = Files.createTempDirectory("comptoir-bench-pg-");
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(true)
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "200")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
    try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (java.sql.SQLException e) {
      postgres.close();
      throw new IOException("could not create database " + name + ": " + e.getMessage(), e);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", name));
    return new BenchDatabase(dataDir, postgres, new HikariDataSource(config));
  }

  HikariDataSource pool() {
    return pool;
  }

  /** The postmaster's process id, from its pid file, for CPU accounting. */
  Optional<Long> postmasterPid() {
    try {
      return Optional.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
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

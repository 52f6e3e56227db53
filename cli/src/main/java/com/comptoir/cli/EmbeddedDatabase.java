package com.comptoir.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL under the data folder. Durable: zonky turns fsync and synchronous
 * commit off for speed in tests, and a store of money must not, so both are turned back on.
 */
final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(20);
  /** zonky's own lock file in the data directory, held while a postmaster is ours. */
  private static final String LOCK_FILE = "epg-lock";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir) throws IOException {
    Path pgData = dataDir.resolve("postgres");
    Files.createDirectories(pgData);
    refuseIfInUse(pgData);
    stopOrphanedPostmaster(pgData);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toFile())
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "200")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
    return new EmbeddedDatabase(postgres);
  }

  /** The named database, created on first use. */
  DataSource database(String name) {
    try (var c = postgres.getPostgresDatabase().getConnection();
        var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      check.setString(1, name);
      if (!check.executeQuery().next()) {
        try (var create = c.createStatement()) {
          create.execute("CREATE DATABASE \"" + name + "\"");
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
    }
    return postgres.getDatabase("postgres", name);
  }

  String jdbcUrl(String name) {
    return postgres.getJdbcUrl("postgres", name);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  private static void refuseIfInUse(Path pgData) throws IOException {
    Path lock = pgData.resolve(LOCK_FILE);
    if (!Files.exists(lock)) {
      return;
    }
    try (RandomAccessFile file = new RandomAccessFile(lock.toFile(), "rw");
        FileLock held = file.getChannel().tryLock()) {
      if (held == null) {
        throw new SettingsException(
            "another Comptoir is already running on " + pgData.getParent() + " (COMPTOIR_DATA_DIR); stop it or choose another data folder");
      }
    }
  }

  /**
   * A postmaster outlives a {@code kill -9} of the launcher (pg_ctl starts it in its own session).
   * Nobody holds the lock any more, so it is ours to stop before starting a new one.
   */
  private static void stopOrphanedPostmaster(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> postmaster =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    if (postmaster.isEmpty() || !postmaster.get().isAlive() || !isPostgres(postmaster.get())) {
      return; // a stale pid file; PostgreSQL itself handles that
    }
    long pid = postmaster.get().pid();
    LOG.warn("stopping a PostgreSQL (pid {}) left behind by an earlier run", pid);
    signal("INT", pid); // fast shutdown: roll back open transactions, checkpoint, exit
    long deadline = System.nanoTime() + ORPHAN_STOP_TIMEOUT.toNanos();
    while (postmaster.get().isAlive() && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(100));
    }
    if (postmaster.get().isAlive()) {
      signal("KILL", pid); // crash recovery on the next start replays the WAL
      sleep(Duration.ofMillis(500));
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("/postmaster")).orElse(true);
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void signal(String signal, long pid) throws IOException {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PostgreSQL " + pid, e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package com.comptoir.database;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a data folder may hold from an earlier run: a live owner (refused) or a postmaster whose launcher died (stopped). */
final class OrphanedPostmaster {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  /** zonky's own lock file in the data directory, held while a postmaster is ours. */
  private static final String LOCK_FILE = "epg-lock";

  private OrphanedPostmaster() {}

  static void refuseIfInUse(Path pgData) throws IOException {
    Path lock = pgData.resolve(LOCK_FILE);
    if (!Files.exists(lock)) {
      return;
    }
    try (RandomAccessFile file = new RandomAccessFile(lock.toFile(), "rw");
        FileLock held = file.getChannel().tryLock()) {
      if (held == null) {
        throw new DataFolderInUseException(pgData.getParent());
      }
    }
  }

  /**
   * A postmaster outlives a {@code kill -9} of the launcher (pg_ctl starts it in its own session).
   * Nobody holds the lock any more, so it is ours to stop before starting a new one.
   */
  static void stop(Path pgData) throws IOException {
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
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    while (postmaster.get().isAlive() && System.nanoTime() < deadline) {
      sleep(POLL_INTERVAL);
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

package com.comptoir.processor.sandboxes;

import com.comptoir.processor.store.BackgroundLoop;
import com.comptoir.processor.store.Wakeups;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes deleted sandboxes' rows in the background, a small batch per short transaction, so
 * other sandboxes' requests never wait behind a long delete or lock. The work is in the table
 * (a {@code sandboxes} row with {@code deleted_at} set, kept until its last row is gone), so a
 * cleanup cut short by a restart resumes where it stopped, on whichever instance looks first;
 * instances share it through {@code FOR UPDATE SKIP LOCKED} on that row.
 *
 * <p>A sandbox's connected accounts go first, each with what hangs on it, then its platform
 * account; what references a row is deleted before the row ({@link SandboxPurge}).
 */
public final class SandboxCleanup implements AutoCloseable {
  /** PostgreSQL channel that wakes the cleanup when a sandbox is deleted. */
  public static final String CHANNEL = "comptoir_sandbox_cleanup";
  private static final Logger LOG = LoggerFactory.getLogger(SandboxCleanup.class);
  /** Rows per batch: small enough that a batch's transaction is a few milliseconds. */
  static final int BATCH_ROWS = 500;
  /**
   * After a batch, a pause this many times as long as the batch took: the cleanup holds the
   * database (and, on a small machine, its CPUs) at most a fifth of the time, whatever the load,
   * so other sandboxes' requests are not slowed by much (bench: sandbox-delete).
   */
  private static final int PAUSE_FACTOR = 4;
  private static final Duration MIN_PAUSE = Duration.ofMillis(5);

  /**
   * How often idle sandboxes are looked for, when an idle expiry is set: once a minute, or four
   * times per expiry when that is shorter, so a sandbox goes within a quarter of its expiry late.
   */
  private static final Duration IDLE_SWEEP_EVERY = Duration.ofMinutes(1);

  private final Jdbi jdbi;
  private final Wakeups wakeups;
  private final Optional<Duration> idleExpiry;
  private final Duration idleSweepEvery;
  private long lastSweepNanos;
  private final Duration pollInterval;
  private final BackgroundLoop loop;

  public SandboxCleanup(Jdbi jdbi, Wakeups wakeups, Duration pollInterval, SandboxSettings settings) {
    this.jdbi = jdbi;
    this.wakeups = wakeups;
    this.idleExpiry = settings.idleExpiry();
    this.idleSweepEvery = idleExpiry.map(e -> e.dividedBy(4)).filter(e -> e.compareTo(IDLE_SWEEP_EVERY) < 0).orElse(IDLE_SWEEP_EVERY);
    this.lastSweepNanos = System.nanoTime() - idleSweepEvery.toNanos();
    this.pollInterval = pollInterval;
    this.loop = BackgroundLoop.start("sandbox-cleanup", pollInterval, this::round);
  }

  private void round() throws InterruptedException {
    long seen = wakeups.generation(CHANNEL);
    expireIdle();
    long started = System.nanoTime();
    if (runBatch()) {
      long tookNanos = System.nanoTime() - started;
      Thread.sleep(Duration.ofNanos(Math.max(MIN_PAUSE.toNanos(), PAUSE_FACTOR * tookNanos)));
    } else {
      wakeups.await(CHANNEL, seen, pollInterval);
    }
  }

  /** Deletes sandboxes idle for longer than the idle expiry, at most once a {@link #idleSweepEvery}; their rows go as any deleted sandbox's. */
  private void expireIdle() {
    if (idleExpiry.isEmpty() || System.nanoTime() - lastSweepNanos < idleSweepEvery.toNanos()) {
      return;
    }
    lastSweepNanos = System.nanoTime();
    long now = System.currentTimeMillis() / 1000;
    var expired = jdbi.inTransaction(h -> SandboxRows.deleteIdle(h, now - idleExpiry.get().toSeconds(), now));
    if (!expired.isEmpty()) {
      LOG.info("deleted sandboxes idle for more than {}: {}", idleExpiry.get(), expired);
    }
  }

  /** One batch of one deleted sandbox, in one transaction; false when no deleted sandbox is left to clean. */
  boolean runBatch() {
    return jdbi.inTransaction(h -> {
      Optional<String[]> sandbox = h.createQuery("""
              SELECT id, account_id FROM sandboxes WHERE deleted_at IS NOT NULL
              ORDER BY deleted_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
          .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)}).findOne();
      if (sandbox.isEmpty()) {
        return false;
      }
      h.execute("SET LOCAL comptoir.purge_sandbox = 'on'");
      String id = sandbox.get()[0];
      String platform = sandbox.get()[1];
      SandboxPurge purge = new SandboxPurge(h, platform, BATCH_ROWS);
      if (!purge.step()) {
        h.createUpdate("DELETE FROM sandboxes WHERE id = :id").bind("id", id).execute();
        LOG.info("sandbox {} ({}) deleted: all its rows are gone", id, platform);
      }
      return true;
    });
  }

  /** Runs batches until no deleted sandbox is left; for tests and the idle expiry's callers. */
  int drain(int maxBatches) {
    int batches = 0;
    while (batches < maxBatches && runBatch()) {
      batches++;
    }
    return batches;
  }

  @Override
  public void close() {
    loop.close();
  }
}

package com.comptoir.processor.time;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work due at a time on the processor clock: link and session expiry, settlement, balance
 * availability, payouts. Each job runs in one transaction that also deletes it: its effects happen
 * exactly once, whichever instance runs it. Runners on every instance take turns (one
 * transaction-scoped advisory lock), so jobs run strictly in due order, and each handler is told
 * the time it was due: a clock moved three days ahead replays three days of work as it would have
 * happened, availability before the payout that needs it.
 */
public final class Jobs {
  private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
  private static final Duration FAILED_JOB_RETRY = Duration.ofSeconds(30);

  /** One kind of due work. */
  @FunctionalInterface
  public interface Handler {
    /** Does the job inside {@code h}'s transaction; {@code dueMillis} is when it was due. */
    void run(Handle h, String ref, long dueMillis);
  }

  private final Jdbi jdbi;
  private final ProcessorClock clock;
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

  public Jobs(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public void register(String kind, Handler handler) {
    if (handlers.putIfAbsent(kind, handler) != null) {
      throw new IllegalStateException("two handlers for job kind " + kind);
    }
  }

  /** Schedules (or moves) the job {@code kind}/{@code ref} to {@code runAtMillis}, in the caller's transaction. */
  public static void schedule(Handle h, String kind, String ref, long runAtMillis) {
    h.createUpdate("""
            INSERT INTO jobs (kind, ref, run_at_ms) VALUES (:kind, :ref, :at)
            ON CONFLICT (kind, ref) DO UPDATE SET run_at_ms = excluded.run_at_ms, attempts = 0, last_error = NULL""")
        .bind("kind", kind).bind("ref", ref).bind("at", runAtMillis).execute();
    h.execute("NOTIFY " + ProcessorClock.DUE_CHANNEL);
  }

  /**
   * Schedules {@code kind}/{@code ref} at {@code runAtMillis} unless it is already scheduled, in the
   * caller's transaction. For work many transactions ask for at once (one job per account and day):
   * the existing row is neither updated nor locked, so they do not queue behind each other, and
   * only the first wakes the schedulers.
   *
   * @return true if this call scheduled it
   */
  public static boolean scheduleIfAbsent(Handle h, String kind, String ref, long runAtMillis) {
    boolean inserted = h.createUpdate("INSERT INTO jobs (kind, ref, run_at_ms) VALUES (:kind, :ref, :at) ON CONFLICT (kind, ref) DO NOTHING")
        .bind("kind", kind).bind("ref", ref).bind("at", runAtMillis).execute() == 1;
    if (inserted) {
      h.execute("NOTIFY " + ProcessorClock.DUE_CHANNEL);
    }
    return inserted;
  }

  public static void cancel(Handle h, String kind, String ref) {
    h.createUpdate("DELETE FROM jobs WHERE kind = :kind AND ref = :ref").bind("kind", kind).bind("ref", ref).execute();
  }

  /** Runs every job due by now, oldest first, up to {@code max}; returns how many ran. */
  public int runDue(int max) {
    int ran = 0;
    while (ran < max && runOne(clock.nowMillis())) {
      ran++;
    }
    return ran;
  }

  private record Job(long id, String kind, String ref, long runAtMs) {}

  private boolean runOne(long nowMillis) {
    try {
      // A handle of its own: called from a request (the clock's advance), jdbi would otherwise run
      // the job inside that request's transaction, and a failing job would take the request with it.
      try (Handle own = jdbi.open()) {
        return own.inTransaction(h -> {
        h.execute("SELECT pg_advisory_xact_lock(hashtext('comptoir.jobs'))");
        Optional<Job> job = h.createQuery("""
                SELECT id, kind, ref, run_at_ms FROM jobs WHERE run_at_ms <= :now
                ORDER BY run_at_ms, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
            .bind("now", nowMillis)
            .map((rs, ctx) -> new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
            .findOne();
        if (job.isEmpty()) {
          return false;
        }
        Handler handler = handlers.get(job.get().kind());
        if (handler == null) {
          throw new JobFailed(job.get(), new IllegalStateException("no handler for job kind " + job.get().kind()));
        }
        try {
          handler.run(h, job.get().ref(), job.get().runAtMs());
        } catch (RuntimeException e) {
          throw new JobFailed(job.get(), e);
        }
        h.createUpdate("DELETE FROM jobs WHERE id = :id").bind("id", job.get().id()).execute();
        return true;
        });
      }
    } catch (JobFailed e) {
      // The job's own writes rolled back; it is kept and tried again later.
      LOG.error("job {} {} failed; retrying in {}", e.job.kind(), e.job.ref(), FAILED_JOB_RETRY, e.getCause());
      try (Handle own = jdbi.open()) {
        own.createUpdate("""
              UPDATE jobs SET attempts = attempts + 1, last_error = :error, run_at_ms = :retry WHERE id = :id""")
          .bind("error", String.valueOf(e.getCause())).bind("retry", nowMillis + FAILED_JOB_RETRY.toMillis())
            .bind("id", e.job.id()).execute();
      }
      return true;
    }
  }

  private static final class JobFailed extends RuntimeException {
    final Job job;

    JobFailed(Job job, Throwable cause) {
      super(cause);
      this.job = job;
    }
  }
}

package com.comptoir.processor.time;

import com.comptoir.processor.store.Wakeups;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work due at a time on a sandbox's processor clock: link and session expiry, settlement, balance
 * availability, payouts. Each job belongs to the sandbox whose work it is and is due on that
 * sandbox's clock only. Each job runs in one transaction that also deletes it: its effects happen
 * exactly once, whichever instance runs it. Runners on every instance take turns per sandbox (one
 * transaction-scoped advisory lock per sandbox), so a sandbox's jobs run strictly in due order
 * while other sandboxes' run beside them, and each handler is told
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

  /**
   * Starts this instance's scheduler: it runs due jobs whenever {@code wakeups} says one was
   * scheduled or a clock advanced, and at least every {@code pollInterval}. Closing it lets the job
   * in hand finish, then stops.
   */
  public AutoCloseable startScheduler(Wakeups wakeups, Duration pollInterval) {
    return new Scheduler(this, wakeups, pollInterval);
  }

  public void register(String kind, Handler handler) {
    if (handlers.putIfAbsent(kind, handler) != null) {
      throw new IllegalStateException("two handlers for job kind " + kind);
    }
  }

  /**
   * How a job is scheduled or moved (named parameters sandbox, kind, ref, at): public so that a
   * create writing its rows in one statement schedules its job exactly as {@link #schedule} does.
   * Such a caller sends no NOTIFY, so the job it writes must not be due yet.
   */
  public static final String SCHEDULE = """
      INSERT INTO jobs (sandbox, kind, ref, run_at_ms) VALUES (:sandbox, :kind, :ref, :at)
      ON CONFLICT (kind, ref) DO UPDATE SET run_at_ms = excluded.run_at_ms, attempts = 0, last_error = NULL""";

  /**
   * Schedules (or moves) the job {@code kind}/{@code ref} to {@code runAtMillis} on the clock of
   * {@code sandbox} (its platform account id), in the caller's transaction. {@code nowMillis} is
   * that clock's time now.
   *
   * <p>Only a job already due is announced ({@code NOTIFY}). A woken scheduler runs what is due and
   * then waits a whole poll interval again, so a wake-up for a job due later changes nothing: the
   * poll after its time finds it either way (and an advance of the clock wakes every scheduler).
   * The announcement is not free: PostgreSQL serialises the commits of every transaction that
   * notifies (one queue lock held through the commit's WAL flush), so a NOTIFY in each Checkout
   * Session create made concurrent creates commit one at a time.
   */
  public static void schedule(Handle h, String sandbox, String kind, String ref, long runAtMillis, long nowMillis) {
    h.createUpdate(SCHEDULE)
        .bind("sandbox", sandbox).bind("kind", kind).bind("ref", ref).bind("at", runAtMillis).execute();
    if (runAtMillis <= nowMillis) {
      h.execute("NOTIFY " + ProcessorClock.DUE_CHANNEL);
    }
  }

  /**
   * Schedules {@code kind}/{@code ref} at {@code runAtMillis} unless it is already scheduled, in the
   * caller's transaction. For work many transactions ask for at once (one job per account and day):
   * the existing row is neither updated nor locked, so they do not queue behind each other, and
   * only the first wakes the schedulers.
   *
   * @return true if this call scheduled it
   */
  public static boolean scheduleIfAbsent(Handle h, String sandbox, String kind, String ref, long runAtMillis) {
    boolean inserted = h.createUpdate("""
            INSERT INTO jobs (sandbox, kind, ref, run_at_ms) VALUES (:sandbox, :kind, :ref, :at)
            ON CONFLICT (kind, ref) DO NOTHING""")
        .bind("sandbox", sandbox).bind("kind", kind).bind("ref", ref).bind("at", runAtMillis).execute() == 1;
    if (inserted) {
      h.execute("NOTIFY " + ProcessorClock.DUE_CHANNEL);
    }
    return inserted;
  }

  public static void cancel(Handle h, String kind, String ref) {
    h.createUpdate("DELETE FROM jobs WHERE kind = :kind AND ref = :ref").bind("kind", kind).bind("ref", ref).execute();
  }

  /** Runs every job due by now on its sandbox's clock, oldest first per sandbox, up to {@code max}; returns how many ran. */
  int runDue(int max) {
    // Read from the rows, not the cached offsets: a sandbox advanced on another instance is seen at once.
    List<String> due = jdbi.withHandle(h -> h.createQuery("""
            SELECT s.account_id FROM sandboxes s
            WHERE s.deleted_at IS NULL AND EXISTS (
                SELECT 1 FROM jobs j WHERE j.sandbox = s.account_id AND j.run_at_ms <= :wall + s.offset_seconds * 1000
                  AND j.kind = ANY(:kinds))""")
        .bind("wall", System.currentTimeMillis()).bindArray("kinds", String.class, kinds()).mapTo(String.class).list());
    int ran = 0;
    for (String sandbox : due) {
      ran += runDue(sandbox, max - ran);
    }
    return ran;
  }

  /** Runs the jobs of {@code sandbox} due by now on its clock, oldest first, up to {@code max}; returns how many ran. */
  public int runDue(String sandbox, int max) {
    int ran = 0;
    while (ran < max && runOne(sandbox, clock.nowMillis(sandbox))) {
      ran++;
    }
    return ran;
  }

  private record Job(long id, String kind, String ref, long runAtMs) {}

  /**
   * The kinds this instance can run. A job of another kind is left for an instance that knows it
   * (a newer version during a rolling deploy) rather than failed and retried here.
   */
  private List<String> kinds() {
    return List.copyOf(handlers.keySet());
  }

  private boolean runOne(String sandbox, long nowMillis) {
    try {
      // A handle of its own: called from a request (the clock's advance), jdbi would otherwise run
      // the job inside that request's transaction, and a failing job would take the request with it.
      try (Handle own = jdbi.open()) {
        return own.inTransaction(h -> {
        h.execute("SELECT pg_advisory_xact_lock(hashtext('comptoir.jobs'), hashtext(?))", sandbox);
        Optional<Job> job = h.createQuery("""
                SELECT id, kind, ref, run_at_ms FROM jobs WHERE sandbox = :sandbox AND run_at_ms <= :now AND kind = ANY(:kinds)
                ORDER BY run_at_ms, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
            .bind("sandbox", sandbox).bind("now", nowMillis).bindArray("kinds", String.class, kinds())
            .map((rs, ctx) -> new Job(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
            .findOne();
        if (job.isEmpty()) {
          return false;
        }
        Handler handler = handlers.get(job.get().kind());
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

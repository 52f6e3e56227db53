package com.comptoir.processor.logs;

import com.comptoir.processor.api.RequestRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded log of API requests behind the Dashboard's Developers → Logs. A request only hands
 * its record to a bounded queue (no parsing, no database work on its path; when the queue is full
 * the record is dropped and counted, never waited for); one writer thread redacts the records
 * ({@link Redaction}) and inserts them in batches, then keeps the table within its
 * {@link Retention}: at most {@code maxRequests} rows and none older than {@code maxAge}.
 */
public final class RequestLog implements RequestRecorder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
  private static final int QUEUE_CAPACITY = 10_000;
  private static final int BATCH = 500;
  private static final int MAX_RESPONSE_CHARS = 16 * 1024;
  private static final Duration PRUNE_EVERY = Duration.ofSeconds(10);
  /** How long the writer lets a batch gather when fewer than {@link #BATCH} records wait. */
  private static final Duration GATHER = Duration.ofMillis(25);
  /** Rows written that make the writer prune before {@link #PRUNE_EVERY} is up, so a busy log stays near its bound. */
  private static final int PRUNE_AFTER_ROWS = 1_000;
  /** Once the queue is empty after writes, the writer prunes, but not more often than this. */
  private static final Duration PRUNE_WHEN_IDLE = Duration.ofSeconds(1);

  /** How much the log keeps: by count and by age (wall-clock time). */
  public record Retention(int maxRequests, Duration maxAge) {
    public static final Retention DEFAULT = new Retention(10_000, Duration.ofDays(7));
    /** What the Dashboard lets a platform choose: enough to be useful, not so much the table outgrows its indexes' purpose. */
    public static final int MAX_REQUESTS = 1_000_000;
    public static final Duration MAX_AGE = Duration.ofDays(90);

    public Retention {
      if (maxRequests < 1 || maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("the request log keeps at least 1 request for a positive time");
      }
    }
  }

  private final Jdbi jdbi;
  /** The retention this processor was started with, until one is set in the Dashboard ({@link #save}). */
  private final Retention retention;
  private final BlockingQueue<RecordedRequest> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile boolean running = true;

  public RequestLog(Jdbi jdbi, Retention retention) {
    this.jdbi = jdbi;
    this.retention = retention;
    this.writer = Thread.ofVirtual().name("request-log").start(this::write);
  }

  @Override
  public void record(RecordedRequest request) {
    if (!queue.offer(request)) {
      dropped.incrementAndGet(); // the log is best effort; a request never waits for it
    }
  }

  /** Records dropped because the queue was full, since start. */
  public long dropped() {
    return dropped.get();
  }

  private void write() {
    long lastPruneNanos = 0;
    int writtenSincePrune = 0;
    List<RecordedRequest> batch = new ArrayList<>(BATCH);
    while (running || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        RecordedRequest first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          if (running && queue.size() < BATCH - 1) {
            // A moment for the requests that follow to join this one's transaction: at one client
            // every request was a transaction of its own, each as dear to PostgreSQL as the
            // request it logged.
            Thread.sleep(GATHER.toMillis());
          }
        }
        queue.drainTo(batch, BATCH - batch.size());
        if (!batch.isEmpty()) {
          insert(batch);
          writtenSincePrune += batch.size();
          batch.clear();
        }
        // Not after every batch: at one client a batch was one request, and its prune (three
        // statements, the count bound reading maxRequests index entries) cost PostgreSQL more than
        // the request it logged. Once a second at most when the queue runs dry, so the log is back
        // within its bounds a second after a burst; every 1,000 rows under load; every 10 s anyway.
        long sincePrune = System.nanoTime() - lastPruneNanos;
        boolean idleAfterWrites = writtenSincePrune > 0 && queue.isEmpty() && sincePrune > PRUNE_WHEN_IDLE.toNanos();
        if (sincePrune > PRUNE_EVERY.toNanos() || writtenSincePrune >= PRUNE_AFTER_ROWS || idleAfterWrites) {
          prune();
          lastPruneNanos = System.nanoTime();
          writtenSincePrune = 0;
        }
      } catch (InterruptedException e) {
        running = false;
      } catch (RuntimeException e) {
        LOG.warn("request log: {} requests not kept: {}", batch.size(), e.toString());
        batch.clear();
      }
    }
  }

  private void insert(List<RecordedRequest> batch) {
    jdbi.useTransaction(h -> {
      notDurable(h);
      PreparedBatch insert = h.prepareBatch("""
          INSERT INTO api_request_logs (platform_id, account_id, request_id, method, path, status, stripe_account, idempotency_key,
                                        duration_ms, created_ms, params, response)
          VALUES (:platform, :account, :request, :method, :path, :status, :stripe_account, :idempotency_key, :duration, :created,
                  :params, :response)""");
      for (RecordedRequest r : batch) {
        insert.bind("platform", r.platformId()).bind("account", r.accountId()).bind("request", r.requestId())
            .bind("method", r.method()).bind("path", clean(r.path())).bind("status", r.status())
            .bind("stripe_account", clean(r.stripeAccount())).bind("idempotency_key", clean(r.idempotencyKey()))
            .bind("duration", r.durationMs()).bind("created", r.startedMs())
            .bind("params", clean(Redaction.params(r.rawForm()))).bind("response", clean(Redaction.response(r.response(), MAX_RESPONSE_CHARS)))
            .add();
      }
      insert.execute();
    });
  }

  /** The retention in force: the one set in the Dashboard, else {@code started}. */
  public static Retention current(Handle h, Retention started) {
    return h.createQuery("SELECT max_requests, max_age_seconds FROM request_log_retention")
        .map((rs, c) -> new Retention(rs.getInt(1), Duration.ofSeconds(rs.getLong(2)))).findOne().orElse(started);
  }

  /** Sets the retention for the whole log, on every instance from its next prune (within {@link #PRUNE_EVERY}). */
  public static void save(Handle h, Retention retention) {
    if (retention.maxRequests() > Retention.MAX_REQUESTS || retention.maxAge().compareTo(Retention.MAX_AGE) > 0) {
      throw new IllegalArgumentException("a retention of at most " + Retention.MAX_REQUESTS + " requests and " + Retention.MAX_AGE);
    }
    h.createUpdate("""
            INSERT INTO request_log_retention (singleton, max_requests, max_age_seconds) VALUES (true, :count, :age)
            ON CONFLICT (singleton) DO UPDATE SET max_requests = EXCLUDED.max_requests, max_age_seconds = EXCLUDED.max_age_seconds""")
        .bind("count", retention.maxRequests()).bind("age", retention.maxAge().toSeconds()).execute();
  }

  /** The retention this log was started with, shown as the default in the Dashboard. */
  public Retention started() {
    return retention;
  }

  /**
   * This transaction's commit does not wait for its WAL to reach the disk (PostgreSQL's WAL writer
   * flushes it within a fraction of a second). The log is best effort, as records still queued are
   * lost by a crash too; waiting for the flush made every logged request cost a second fsync, which
   * the API request it logged then queued behind for its own commit.
   */
  private static void notDurable(Handle h) {
    h.execute("SET LOCAL synchronous_commit = off");
  }

  /**
   * Oldest first, past either bound. One transaction, not durable either. The count bound is the
   * id range from the oldest row to the newest id less {@code maxRequests}: two index lookups and
   * one range. Ids come from one sequence, so that keeps the last {@code maxRequests} rows, or
   * fewer when a failed batch left a gap in the ids (the bound is "at most"). It was the rows past
   * {@code OFFSET maxRequests}, which read that many index entries per prune, and the planner,
   * guessing a third of the table matched, read all of it: 98 ms a prune during product creates
   * at 16 clients, 1.6 prunes a second (bench/RESULTS.md, session 12).
   */
  private void prune() {
    jdbi.useTransaction(h -> {
      notDurable(h);
      Retention retention = current(h, this.retention);
      h.createUpdate("DELETE FROM api_request_logs WHERE created_ms < :cutoff")
          .bind("cutoff", System.currentTimeMillis() - retention.maxAge().toMillis()).execute();
      h.createUpdate("""
              DELETE FROM api_request_logs
              WHERE id BETWEEN (SELECT min(id) FROM api_request_logs) AND (SELECT max(id) FROM api_request_logs) - :keep""")
          .bind("keep", retention.maxRequests()).execute();
    });
  }

  /** PostgreSQL text cannot hold NUL; a header or path that carried one is kept without it. */
  private static String clean(String value) {
    return value == null ? null : value.replace("\0", "");
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    writer.join(Duration.ofSeconds(5));
  }
}

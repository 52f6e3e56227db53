package com.comptoir.processor.events;

import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.Wakeups;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's consumer: claims due deliveries ({@code FOR UPDATE SKIP LOCKED}, shared by every
 * instance on the database), POSTs each signed event, records the attempt, and schedules a retry
 * with exponential backoff. Delivery is at least once; receivers dedupe by event id, as Stripe asks
 * them to.
 *
 * <p>Delivery times are real time, so one due-ordered index serves every sandbox; advancing a
 * sandbox's processor clock moves its own pending deliveries (and their retry window) earlier by
 * as much, which is what the advance would have done had they been kept on its clock, and leaves
 * other sandboxes' deliveries where they are.
 */
final class WebhookDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  private static final int CLAIM_BATCH = 64;
  private static final int RESPONSE_SNIPPET_CHARS = 1024; // the first KB, as the Dashboard shows it

  private final Jdbi jdbi;
  private final WebhookSettings settings;
  private final Wakeups wakeups;
  private final HttpClient http;
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore inFlight;
  private final Thread loop;
  private volatile boolean running = true;

  /** A claimed attempt, with its event as stored ({@code null} once the event is gone). */
  record Claimed(long id, String eventId, String endpointId, int attempts, long firstDueMs, String url, String secret, String apiVersion,
      String event, long claimedAtMs) {}

  WebhookDelivery(Jdbi jdbi, ProcessorClock clock, WebhookSettings settings, Wakeups wakeups) {
    this.jdbi = jdbi;
    this.settings = settings;
    clock.onAdvance(WebhookDelivery::advanced);
    this.wakeups = wakeups;
    this.inFlight = new Semaphore(settings.concurrency());
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(senders)
        .build();
    this.loop = Thread.ofVirtual().name("webhook-delivery").start(this::run);
  }

  private void run() {
    while (running) {
      try {
        long seenWebhooks = wakeups.generation(Events.WEBHOOK_CHANNEL);
        long seenDue = wakeups.generation(ProcessorClock.DUE_CHANNEL);
        int claimed = claimAndSend();
        if (claimed == 0) {
          wakeups.await(Events.WEBHOOK_CHANNEL, seenWebhooks, settings.pollInterval());
          if (wakeups.generation(Events.WEBHOOK_CHANNEL) == seenWebhooks) {
            wakeups.await(ProcessorClock.DUE_CHANNEL, seenDue, Duration.ZERO);
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("webhook delivery loop: {}", e.toString());
        sleepQuietly(settings.pollInterval());
      }
    }
  }

  /** Claims what is due and hands each attempt to a sender; returns how many were claimed. */
  int claimAndSend() throws InterruptedException {
    int permits = Math.min(CLAIM_BATCH, inFlight.availablePermits());
    if (permits == 0) {
      inFlight.acquire();
      inFlight.release();
      return 1;
    }
    long now = System.currentTimeMillis();
    List<Claimed> claimed = jdbi.inTransaction(h -> h.createQuery("""
            UPDATE webhook_deliveries d SET next_attempt_ms = :now + :lease, attempts = d.attempts + 1
            FROM (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_ms <= :now
                  ORDER BY next_attempt_ms LIMIT :n FOR UPDATE SKIP LOCKED) due,
                 webhook_endpoints e
            WHERE d.id = due.id AND e.id = d.endpoint_id
            RETURNING d.id, d.event_id, d.endpoint_id, d.attempts, d.first_due_ms, e.url, e.secret, e.api_version,
                      (SELECT body::text FROM resources WHERE id = d.event_id)""")
        .bind("now", now).bind("lease", settings.lease().toMillis()).bind("n", permits)
        .map((rs, ctx) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), now))
        .list());
    for (Claimed c : claimed) {
      inFlight.acquire();
      senders.execute(() -> {
        try {
          attempt(c);
        } catch (RuntimeException e) {
          LOG.warn("webhook delivery {} failed to record: {}", c.id(), e.toString());
        } finally {
          inFlight.release();
        }
      });
    }
    return claimed.size();
  }

  private void attempt(Claimed c) {
    String payload = render(c);
    if (payload == null) {
      return; // the event is gone (its account was deleted); nothing to send
    }
    long wallSeconds = System.currentTimeMillis() / 1000; // signature freshness is real time
    HttpRequest request = HttpRequest.newBuilder(URI.create(c.url()))
        .timeout(settings.timeout())
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
        .header("Stripe-Signature", WebhookSigner.header(c.secret(), wallSeconds, payload))
        .POST(HttpRequest.BodyPublishers.ofString(payload))
        .build();
    long started = System.nanoTime();
    Integer status = null;
    String response = null;
    String error = null;
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      status = r.statusCode();
      response = r.body() == null ? null : r.body().substring(0, Math.min(r.body().length(), RESPONSE_SNIPPET_CHARS));
    } catch (java.io.IOException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // shutting down: the lease runs out and another attempt is made
    } catch (IllegalArgumentException e) {
      error = "invalid URL: " + e.getMessage();
    }
    int latencyMs = (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    record(c, status, latencyMs, response, error);
  }

  /** The event as this endpoint gets it: at the endpoint's API version (fact sheet §8.4). */
  private static String render(Claimed c) {
    if (c.event() == null) {
      return null;
    }
    ObjectNode event = Json.parseObject(c.event());
    event.put("api_version", c.apiVersion());
    return Json.write(event);
  }

  private void record(Claimed c, Integer status, int latencyMs, String response, String error) {
    boolean ok = status != null && status >= 200 && status < 300;
    long now = System.currentTimeMillis();
    if (ok) {
      recordSuccess(c, status, latencyMs, response, now);
      return;
    }
    jdbi.useTransaction(h -> {
      insertAttempt(h, c, status, latencyMs, response, error, now);
      // Only the worker holding this attempt may settle it (attempts did not move on).
      if (now - c.firstDueMs() >= settings.retryFor().toMillis()) {
        int rows = h.createUpdate("UPDATE webhook_deliveries SET status = 'failed' WHERE id = :id AND attempts = :attempts AND status = 'pending'")
            .bind("id", c.id()).bind("attempts", c.attempts()).execute();
        if (rows == 1) {
          disableIfFailingFor(h, c.endpointId(), now);
        }
      } else {
        // The retry is timed from the claim's lease as the row holds it now, not from the wall clock: a sandbox
        // clock advanced while this attempt was in flight moved the lease earlier, and must move the retry too
        // (else a receiver down during the advance waited out a real-time backoff after it).
        h.createUpdate("""
                UPDATE webhook_deliveries SET next_attempt_ms = next_attempt_ms - :lease + :elapsed + :delay
                WHERE id = :id AND attempts = :attempts AND status = 'pending'""")
            .bind("lease", settings.lease().toMillis()).bind("elapsed", now - c.claimedAtMs())
            .bind("delay", settings.retryDelay(c.attempts()).toMillis())
            .bind("id", c.id()).bind("attempts", c.attempts()).execute();
      }
    });
  }

  /**
   * The common case in one statement, one round trip: the attempt, the delivery settled (only by
   * the worker holding this attempt: attempts did not move on), and the event's
   * {@code pending_webhooks} counted again. The count runs on the statement's snapshot, which does
   * not see this delivery settled yet, so it leaves this delivery out itself.
   */
  private void recordSuccess(Claimed c, int status, int latencyMs, String response, long now) {
    jdbi.useHandle(h -> h.createUpdate("""
            WITH attempt AS (
                   INSERT INTO webhook_attempts (delivery_id, attempted_at, http_status, latency_ms, response, error)
                   VALUES (:d, :at, :status, :latency, :response, NULL)),
                 settled AS (
                   UPDATE webhook_deliveries SET status = 'succeeded', delivered_at_ms = :wall
                   WHERE id = :d AND attempts = :attempts AND status = 'pending'
                   RETURNING id)
            UPDATE resources SET body = jsonb_set(body, '{pending_webhooks}',
                to_jsonb((SELECT count(*) FROM webhook_deliveries WHERE event_id = :event AND status <> 'succeeded' AND id <> :d)))
            WHERE id = :event AND EXISTS (SELECT 1 FROM settled)""")
        .bind("d", c.id()).bind("at", Math.floorDiv(now, 1000)).bind("status", status).bind("latency", latencyMs)
        .bind("response", response).bind("attempts", c.attempts()).bind("wall", System.currentTimeMillis())
        .bind("event", c.eventId()).execute());
  }

  private static void insertAttempt(Handle h, Claimed c, Integer status, int latencyMs, String response, String error, long now) {
    h.createUpdate("""
            INSERT INTO webhook_attempts (delivery_id, attempted_at, http_status, latency_ms, response, error)
            VALUES (:d, :at, :status, :latency, :response, :error)""")
        .bind("d", c.id()).bind("at", Math.floorDiv(now, 1000)).bind("status", status).bind("latency", latencyMs)
        .bind("response", response).bind("error", error).execute();
  }

  /** {@code sandbox}'s clock moved {@code seconds} ahead: so do its pending deliveries' times, in the advance's transaction. */
  private static void advanced(Handle h, String sandbox, long seconds) {
    h.createUpdate("""
            UPDATE webhook_deliveries d SET next_attempt_ms = d.next_attempt_ms - :ms, first_due_ms = d.first_due_ms - :ms
            FROM webhook_endpoints e
            WHERE e.id = d.endpoint_id AND d.status = 'pending'
              AND e.owner IN (SELECT id FROM accounts WHERE id = :sandbox OR platform_id = :sandbox)""")
        .bind("ms", seconds * 1000).bind("sandbox", sandbox).execute();
  }

  /** An endpoint that has not taken a single event for the whole retry period is switched off. */
  private void disableIfFailingFor(Handle h, String endpointId, long nowMs) {
    long since = Math.floorDiv(nowMs - settings.retryFor().toMillis(), 1000);
    boolean anySuccess = h.createQuery("""
            SELECT EXISTS (SELECT 1 FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
                           WHERE d.endpoint_id = :e AND a.attempted_at >= :since AND a.http_status BETWEEN 200 AND 299)""")
        .bind("e", endpointId).bind("since", since).mapTo(Boolean.class).one();
    if (!anySuccess) {
      String owner = h.createQuery("UPDATE webhook_endpoints SET status = 'disabled' WHERE id = :e RETURNING owner")
          .bind("e", endpointId).mapTo(String.class).one();
      EndpointCache.changed(h, owner);
      LOG.warn("webhook endpoint {} disabled: no delivery succeeded for {}", endpointId, settings.retryFor());
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops claiming and lets attempts in flight finish and be recorded. Anything cut short is
   * still leased and is attempted again once the lease runs out.
   */
  @Override
  public void close() {
    running = false;
    try {
      loop.join(settings.pollInterval().plusSeconds(5));
      senders.shutdown();
      senders.awaitTermination(settings.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loop.interrupt();
    senders.shutdownNow();
    http.shutdownNow();
  }
}

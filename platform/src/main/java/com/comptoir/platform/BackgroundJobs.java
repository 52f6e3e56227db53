package com.comptoir.platform;

import com.comptoir.platform.merchants.LoginThrottle;
import com.comptoir.platform.onboarding.Reconciliation;
import com.comptoir.platform.orders.OrderReconciliation;
import com.comptoir.platform.web.Sessions;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic work, shared by every instance on the database: each job runs when its interval has
 * passed, by whichever instance first moves the job's {@code last_started_at} forward (one
 * conditional UPDATE), never by two.
 */
final class BackgroundJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);
  private static final Duration MAINTENANCE_INTERVAL = Duration.ofHours(1);

  private final Jdbi jdbi;
  private final Reconciliation reconciliation;
  private final OrderReconciliation orders;
  private final Duration reconcileInterval;
  private final Duration tick;
  private final Thread loop;
  private volatile boolean running = true;

  BackgroundJobs(Jdbi jdbi, Reconciliation reconciliation, OrderReconciliation orders, Duration reconcileInterval) {
    this.jdbi = jdbi;
    this.reconciliation = reconciliation;
    this.orders = orders;
    this.reconcileInterval = reconcileInterval;
    this.tick = reconcileInterval.compareTo(Duration.ofMinutes(1)) < 0 ? reconcileInterval : Duration.ofMinutes(1);
    this.loop = Thread.ofVirtual().name("background-jobs").start(this::run);
  }

  private void run() {
    while (running) {
      // Each job fails on its own: Stripe refusing the account list must not stop order reconciliation.
      runIfDue("reconcile_accounts", reconcileInterval, () -> LOG.debug("reconciled {} connected accounts", reconciliation.run()));
      runIfDue("reconcile_orders", reconcileInterval, () -> LOG.debug("reconciliation moved {} orders", orders.run()));
      runIfDue("maintenance", MAINTENANCE_INTERVAL, () -> jdbi.useHandle(h -> {
        Sessions.deleteExpired(h);
        LoginThrottle.deleteOld(h);
      }));
      try {
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private interface Job {
    void run() throws Exception;
  }

  private void runIfDue(String name, Duration interval, Job job) {
    try {
      if (claim(name, interval)) {
        job.run();
      }
    } catch (Exception e) {
      LOG.warn("background job {} failed, will run again: {}", name, e.toString());
    }
  }

  private boolean claim(String job, Duration interval) {
    return jdbi.withHandle(h -> h.createUpdate("""
            UPDATE scheduled_jobs SET last_started_at = now()
            WHERE name = :name AND last_started_at <= now() - make_interval(secs => :interval)""")
        .bind("name", job).bind("interval", interval.toMillis() / 1000.0).execute()) == 1;
  }

  @Override
  public void close() {
    running = false;
    loop.interrupt();
  }
}

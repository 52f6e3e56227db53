package com.comptoir.processor.time;

import com.comptoir.processor.store.Wakeups;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs due {@link Jobs} on this instance whenever woken (a job scheduled, the clock advanced) or polled. */
final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final int JOBS_PER_ROUND = 500;

  private final Jobs jobs;
  private final Wakeups wakeups;
  private final Duration pollInterval;
  private final Thread loop;
  private volatile boolean running = true;

  Scheduler(Jobs jobs, Wakeups wakeups, Duration pollInterval) {
    this.jobs = jobs;
    this.wakeups = wakeups;
    this.pollInterval = pollInterval;
    this.loop = Thread.ofVirtual().name("scheduler").start(this::run);
  }

  private void run() {
    while (running) {
      try {
        long seen = wakeups.generation(ProcessorClock.DUE_CHANNEL);
        if (jobs.runDue(JOBS_PER_ROUND) < JOBS_PER_ROUND) {
          wakeups.await(ProcessorClock.DUE_CHANNEL, seen, pollInterval);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("scheduler: {}", e.toString());
        try {
          Thread.sleep(pollInterval);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Lets the job in hand finish (its transaction commits or rolls back whole), then stops. */
  @Override
  public void close() {
    running = false;
    try {
      loop.join(pollInterval.plusSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    loop.interrupt();
  }
}

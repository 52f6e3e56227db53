package com.comptoir.processor.time;

import com.comptoir.processor.store.BackgroundLoop;
import com.comptoir.processor.store.Wakeups;
import java.time.Duration;

/** Runs due {@link Jobs} on this instance whenever woken (a job scheduled, the clock advanced) or polled. */
final class Scheduler implements AutoCloseable {
  private static final int JOBS_PER_ROUND = 500;

  private final Jobs jobs;
  private final Wakeups wakeups;
  private final Duration pollInterval;
  private final BackgroundLoop loop;

  Scheduler(Jobs jobs, Wakeups wakeups, Duration pollInterval) {
    this.jobs = jobs;
    this.wakeups = wakeups;
    this.pollInterval = pollInterval;
    this.loop = BackgroundLoop.start("scheduler", pollInterval, this::round);
  }

  private void round() throws InterruptedException {
    long seen = wakeups.generation(ProcessorClock.DUE_CHANNEL);
    if (jobs.runDue(JOBS_PER_ROUND) < JOBS_PER_ROUND) {
      wakeups.await(ProcessorClock.DUE_CHANNEL, seen, pollInterval);
    }
  }

  /** Lets the job in hand finish (its transaction commits or rolls back whole), then stops. */
  @Override
  public void close() {
    loop.close();
  }
}

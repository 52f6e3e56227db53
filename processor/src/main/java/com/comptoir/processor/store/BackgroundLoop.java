package com.comptoir.processor.store;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual thread doing one round of background work after another until closed. A round that
 * fails is logged and tried again after the poll interval, so a database hiccup never ends the
 * loop; closing lets the round in hand finish (its transaction commits or rolls back whole).
 */
public final class BackgroundLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);

  /** One round of work; it waits for more (a wakeup or the poll interval) itself when there is none. */
  @FunctionalInterface
  public interface Round {
    void run() throws InterruptedException;
  }

  private final String name;
  private final Duration pollInterval;
  private final Round round;
  private final Thread thread;
  private volatile boolean running = true;

  private BackgroundLoop(String name, Duration pollInterval, Round round) {
    this.name = name;
    this.pollInterval = pollInterval;
    this.round = round;
    this.thread = Thread.ofVirtual().name(name).start(this::run);
  }

  /** Starts running {@code round} on a virtual thread called {@code name}. */
  public static BackgroundLoop start(String name, Duration pollInterval, Round round) {
    return new BackgroundLoop(name, pollInterval, round);
  }

  private void run() {
    while (running) {
      try {
        round.run();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("{}: {}", name, e.toString());
        try {
          Thread.sleep(pollInterval);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(pollInterval.plusSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
  }
}

package com.comptoir.processor.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LISTEN}s on PostgreSQL channels with one dedicated connection and wakes the background
 * workers of this instance when another transaction (on any instance) {@code NOTIFY}s. A worker
 * that misses a wake-up still polls, so a lost notification only delays work.
 */
public final class Wakeups implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Wakeups.class);
  private static final int RECEIVE_TIMEOUT_MS = 500;

  private final DataSource dataSource;
  private final List<String> channels;
  private final Map<String, long[]> generations = new HashMap<>();
  private final Map<String, java.util.function.Consumer<String>> payloadHandlers = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Runnable onReconnect = () -> {};
  private final Thread listener;
  private volatile boolean running = true;

  public Wakeups(DataSource dataSource, List<String> channels) {
    this.dataSource = dataSource;
    this.channels = List.copyOf(channels);
    channels.forEach(c -> generations.put(c, new long[] {0}));
    listener = Thread.ofVirtual().name("wakeups").start(this::listen);
  }

  /** Also hands each notification's payload on {@code channel} to {@code handler}, on the listener's thread. */
  public void onPayload(String channel, java.util.function.Consumer<String> handler) {
    payloadHandlers.put(channel, handler);
  }

  /** Runs after every (re)connection: whatever was notified while not listening is unknown. */
  public void onReconnect(Runnable action) {
    this.onReconnect = action;
  }

  /** A number that changes whenever {@code channel} is notified; pass it to {@link #await}. */
  public long generation(String channel) {
    long[] g = generations.get(channel);
    synchronized (g) {
      return g[0];
    }
  }

  /** Waits until {@code channel} is notified after {@code seen} was read, or {@code max} passes. */
  public void await(String channel, long seen, Duration max) throws InterruptedException {
    long[] g = generations.get(channel);
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (g) {
      while (g[0] == seen && running) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        g.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private void signal(String channel) {
    long[] g = generations.get(channel);
    if (g != null) {
      synchronized (g) {
        g[0]++;
        g.notifyAll();
      }
    }
  }

  private void listen() {
    long backoffMs = 100;
    while (running) {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        c.setAutoCommit(true);
        for (String channel : channels) {
          s.execute("LISTEN " + channel);
        }
        onReconnect.run();
        channels.forEach(this::signal); // anything committed while we were not listening
        backoffMs = 100;
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notes = pg.getNotifications(RECEIVE_TIMEOUT_MS);
          if (notes != null) {
            for (PGNotification note : notes) {
              var handler = payloadHandlers.get(note.getName());
              if (handler != null) {
                handler.accept(note.getParameter());
              }
              signal(note.getName());
            }
          }
        }
      } catch (SQLException e) {
        if (running) {
          LOG.warn("lost the LISTEN connection ({}); reconnecting in {} ms", e.getMessage(), backoffMs);
          try {
            Thread.sleep(backoffMs);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
          }
          backoffMs = Math.min(backoffMs * 2, 5_000);
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    channels.forEach(this::signal);
    try {
      listener.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

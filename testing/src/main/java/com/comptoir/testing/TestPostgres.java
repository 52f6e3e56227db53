package com.comptoir.testing;

import com.comptoir.database.PostgresCluster;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: one throw-away cluster per test JVM (the launcher's bootstrap, at
 * test speed), started on first use and stopped when the JVM exits, and a new database in it per
 * call, so tests never share tables unless they share a pool.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresCluster cluster;

  private TestPostgres() {}

  /** A pool of at most {@code maximumPoolSize} connections to a new, empty database named after {@code prefix}. */
  public static HikariDataSource freshDatabase(String prefix, int maximumPoolSize) {
    return cluster().pool(prefix + "_" + DATABASES.incrementAndGet(), maximumPoolSize);
  }

  /** Whether a test of this JVM has started the cluster (without starting it). */
  public static synchronized boolean isStarted() {
    return cluster != null;
  }

  private static synchronized PostgresCluster cluster() {
    if (cluster == null) {
      try {
        cluster = PostgresCluster.temporary(PostgresCluster.Durability.FAST);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      PostgresCluster started = cluster;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // the JVM is exiting; nothing is left to tell
        }
      }));
    }
    return cluster;
  }
}

package com.comptoir.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Plain JDBC clients working back to back on the same PostgreSQL for a while, each on a pooled
 * connection of its own: how the write baselines ({@link InsertCommits}, {@link CreateFloor}) are
 * driven, so that they are driven alike.
 */
final class JdbcClients {
  private JdbcClients() {}

  /** What a run did: operations over the seconds it took, and, for one client, each operation's latency. */
  record Result(long operations, double seconds, CpuMeter.Usage cpu, double p50Ms, double p99Ms) {
    double perSecond() {
      return operations / seconds;
    }
  }

  /** One operation of one client, called back to back until the run ends. */
  interface Operation {
    void once() throws SQLException;
  }

  /** Prepares client {@code client}'s operation on its connection (the pool closes its statements and resets it afterwards). */
  interface Client {
    Operation on(Connection c, int client) throws SQLException;
  }

  /** {@code clients} clients of {@code db} for {@code seconds}. */
  static Result run(DataSource db, CpuMeter cpu, int clients, int seconds, Client work) throws Exception {
    AtomicLong operations = new AtomicLong();
    // Latencies of the first client only: with one client, that is every operation.
    long[] latencies = new long[Math.max(1, seconds) * 200_000];
    AtomicLong recorded = new AtomicLong();
    CpuMeter.Snapshot before = cpu.snapshot();
    long start = System.nanoTime();
    long deadline = start + seconds * 1_000_000_000L;
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < clients; w++) {
        int client = w;
        done.add(workers.submit(() -> {
          try (Connection c = db.getConnection()) {
            Operation operation = work.on(c, client);
            for (long t0 = System.nanoTime(); t0 < deadline; t0 = System.nanoTime()) {
              operation.once();
              operations.incrementAndGet();
              if (client == 0 && recorded.get() < latencies.length) {
                latencies[(int) recorded.getAndIncrement()] = System.nanoTime() - t0;
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = Arrays.copyOf(latencies, (int) recorded.get());
    Arrays.sort(sorted);
    return new Result(operations.get(), elapsed, cpu.between(before, cpu.snapshot()), percentileMs(sorted, 0.50),
        percentileMs(sorted, 0.99));
  }

  static double percentileMs(long[] sortedNanos, double q) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(q * sortedNanos.length) - 1)] / 1e6;
  }
}

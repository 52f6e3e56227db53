package com.comptoir.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of the write benchmarks: one durable one-row INSERT per commit (autocommit), by
 * plain JDBC clients on the same PostgreSQL. It is the least a create that must be durable can
 * cost here, so a create's rate and latency are judged as a ratio to it.
 */
final class InsertCommits {
  private final BenchDatabase db;

  /** What a run did: commits over the seconds it took, and, for one client, each commit's latency. */
  record Result(long commits, double seconds, CpuMeter.Usage cpu, double p50Ms, double p99Ms) {
    double perSecond() {
      return commits / seconds;
    }
  }

  private InsertCommits(BenchDatabase db) {
    this.db = db;
  }

  /** Creates the baseline's table (once per database). */
  static InsertCommits on(BenchDatabase db) throws SQLException {
    try (Connection c = db.pool().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_commits (id bigserial PRIMARY KEY, client int NOT NULL, at_ms bigint NOT NULL)");
    }
    return new InsertCommits(db);
  }

  /** {@code clients} JDBC clients committing one-row INSERTs back to back for {@code seconds}. */
  Result run(CpuMeter cpu, int clients, int seconds) throws Exception {
    AtomicLong commits = new AtomicLong();
    // Latencies of the first client only: with one client, that is every commit.
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
          try (Connection c = db.pool().getConnection();
              PreparedStatement insert = c.prepareStatement("INSERT INTO bench_commits (client, at_ms) VALUES (?, ?)")) {
            c.setAutoCommit(true);
            for (long t0 = System.nanoTime(); t0 < deadline; t0 = System.nanoTime()) {
              insert.setInt(1, client);
              insert.setLong(2, System.currentTimeMillis());
              insert.executeUpdate();
              commits.incrementAndGet();
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
    return new Result(commits.get(), elapsed, cpu.between(before, cpu.snapshot()), percentileMs(sorted, 0.50), percentileMs(sorted, 0.99));
  }

  static double percentileMs(long[] sortedNanos, double q) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(q * sortedNanos.length) - 1)] / 1e6;
  }
}

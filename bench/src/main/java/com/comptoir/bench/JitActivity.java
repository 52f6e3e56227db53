package com.comptoir.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How much of a stretch of time this JVM's JIT compilers spent compiling. A warm-up is over when
 * the rate is stable AND the JIT has gone quiet: a stable rate alone was not enough (async-profiler
 * found 42% of the JVM's CPU in C2 in checkout-pay's measured pays after a 5 s warm-up, and 54%
 * in webhook-latency's; both paths are large and compile in many steps).
 */
final class JitActivity {
  /** Compilation time over wall time above which the JIT is still busy with the code under test. */
  static final double QUIET = 0.05;
  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  private final long compileMillisAtStart = compileMillis();
  private final long startNanos = System.nanoTime();

  /** The share of the wall time since this was made that the compilers spent compiling. */
  double share() {
    double wallMillis = (System.nanoTime() - startNanos) / 1e6;
    return wallMillis <= 0 ? 0 : (compileMillis() - compileMillisAtStart) / wallMillis;
  }

  boolean quiet() {
    return share() < QUIET;
  }

  private static long compileMillis() {
    return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
  }
}

package com.comptoir.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * How much of a stretch of time a JVM's JIT compilers spent compiling. A warm-up is over when the
 * rate is stable AND the JIT has gone quiet: a stable rate alone was not enough (async-profiler
 * found 42% of the JVM's CPU in C2 in checkout-pay's measured pays after a 5 s warm-up, and 54%
 * in webhook-latency's; the store's stack still cost 32 ms of CPU per order after 30 s of warm-up,
 * 26 ms after 60 s). The paths are large and compile in many steps.
 */
final class JitActivity {
  /** Compilation time over wall time above which the JIT is still busy with the code under test. */
  static final double QUIET = 0.05;
  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  private final LongSupplier compileMillis;
  private final long compileMillisAtStart;
  private final long startNanos = System.nanoTime();

  private JitActivity(LongSupplier compileMillis) {
    this.compileMillis = compileMillis;
    this.compileMillisAtStart = compileMillis.getAsLong();
  }

  /** This JVM's compilers, from now. */
  JitActivity() {
    this(() -> JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0);
  }

  /** The compilers of the JVM {@code pid} (the store's stack), from now, through its performance counters. */
  static JitActivity of(long pid) {
    return new JitActivity(() -> remoteCompileMillis(pid));
  }

  /** The share of the wall time since this was made that the compilers spent compiling. */
  double share() {
    double wallMillis = (System.nanoTime() - startNanos) / 1e6;
    return wallMillis <= 0 ? 0 : (compileMillis.getAsLong() - compileMillisAtStart) / wallMillis;
  }

  boolean quiet() {
    return share() < QUIET;
  }

  /** {@code java.ci.totalTime} (ticks of {@code sun.os.hrt.frequency} a second) read by this JDK's jcmd; 0 when it cannot be read. */
  private static long remoteCompileMillis(long pid) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "PerfCounter.print").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return Math.round(counter(out, "java.ci.totalTime") * 1000.0 / Math.max(1, counter(out, "sun.os.hrt.frequency")));
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static long counter(String perfCounters, String name) {
    for (String line : perfCounters.split("\n")) {
      if (line.startsWith(name + "=")) {
        return Long.parseLong(line.substring(name.length() + 1).strip());
      }
    }
    return 0;
  }
}

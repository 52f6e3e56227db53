package com.comptoir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a measurement, from Linux's {@code /proc}: this JVM (the
 * servers under test), PostgreSQL (postmaster and its backends), the load generator (this JVM's
 * reaped children, i.e. wrk), and everything else on the machine. On two shared cores this is
 * what explains a throughput number. Without {@code /proc} the figures are simply absent.
 */
final class CpuMeter {
  /** Linux's USER_HZ; 100 on every mainstream distribution. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final Optional<Long> postmasterPid;

  CpuMeter(Optional<Long> postmasterPid) {
    this.postmasterPid = postmasterPid;
  }

  record Snapshot(long nanoTime, double machineBusy, double machineTotal, double jvm, double children, double postgres) {}

  /** CPU seconds over one interval; {@code cores} is the machine's capacity in that interval. */
  record Usage(double wallSeconds, double cores, double machineBusy, double jvm, double loadGenerator, double postgres) {
    double other() {
      return Math.max(0, machineBusy - jvm - loadGenerator - postgres);
    }

    double idle() {
      return Math.max(0, wallSeconds * cores - machineBusy);
    }

    /** CPU milliseconds per request, for a part of the usage. */
    static double msPer(double cpuSeconds, long requests) {
      return requests == 0 ? 0 : cpuSeconds * 1000 / requests;
    }
  }

  Snapshot snapshot() {
    double[] machine = machine();
    double[] self = selfTimes();
    double postgres = postmasterPid.flatMap(ProcessHandle::of)
        .map(pm -> Stream.concat(Stream.of(pm), pm.descendants())
            .mapToDouble(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9)
            .sum())
        .orElse(0.0);
    return new Snapshot(System.nanoTime(), machine[0], machine[1], self[0], self[1], postgres);
  }

  Usage between(Snapshot a, Snapshot b) {
    double wall = (b.nanoTime() - a.nanoTime()) / 1e9;
    double total = b.machineTotal() - a.machineTotal();
    double cores = wall > 0 && total > 0 ? total / wall : Runtime.getRuntime().availableProcessors();
    return new Usage(wall, Math.round(cores * 10) / 10.0, b.machineBusy() - a.machineBusy(), b.jvm() - a.jvm(),
        b.children() - a.children(), b.postgres() - a.postgres());
  }

  /** Busy and total CPU seconds of the whole machine, from the first line of /proc/stat. */
  private static double[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      long total = 0, idle = 0;
      for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
        long v = Long.parseLong(f[i]);
        total += v;
        if (i == 4 || i == 5) {
          idle += v;
        }
      }
      return new double[] {(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
    } catch (IOException | RuntimeException e) {
      return new double[] {0, 0};
    }
  }

  /** This JVM's own CPU seconds and those of its children it has waited for (wrk). */
  private static double[] selfTimes() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // the command name (field 2) may hold spaces; fields are counted after its closing ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // f[0] is field 3 (state): utime=14, stime=15, cutime=16, cstime=17
      double self = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
      double children = (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
      return new double[] {self, children};
    } catch (IOException | RuntimeException e) {
      return new double[] {0, 0};
    }
  }
}

package com.comptoir.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A throughput comparison in one run: the baseline and the system under test, driven by the same
 * wrk with the same threads, connections and duration. Each target is warmed up first (discarded:
 * JIT, connection pools, PostgreSQL's caches); then the measured rounds alternate between them so
 * that anything else happening on the machine falls on both alike.
 */
final class Comparison {
  /** One HTTP target: GETs, or with a {@code formBody} POSTs of that form. */
  record Target(String name, String url, Map<String, String> headers, String formBody) {
    Target(String name, String url, Map<String, String> headers) {
      this(name, url, headers, null);
    }

    Wrk.Result load(Wrk wrk, int threads, int connections, int seconds) throws Exception {
      return wrk.run(url, headers, formBody, threads, connections, seconds);
    }
  }

  /** Called around each measured run of the system under test (profiling, counters). */
  interface Probe {
    void before(int round) throws Exception;

    void after(int round, Wrk.Result result) throws Exception;

    Probe NONE = new Probe() {
      @Override
      public void before(int round) {}

      @Override
      public void after(int round, Wrk.Result result) {}
    };
  }

  record Run(Target target, int round, Wrk.Result load, CpuMeter.Usage cpu) {}

  /** Several rounds of one target, summed. */
  record Total(Target target, List<Run> runs) {
    long requests() {
      return runs.stream().mapToLong(r -> r.load().requests()).sum();
    }

    double requestsPerSecond() {
      return requests() / runs.stream().mapToDouble(r -> r.load().seconds()).sum();
    }

    double meanOf(java.util.function.ToDoubleFunction<Wrk.Result> metric) {
      return runs.stream().mapToDouble(r -> metric.applyAsDouble(r.load())).average().orElse(0);
    }

    double cpuMsPerRequest(java.util.function.ToDoubleFunction<CpuMeter.Usage> part) {
      return CpuMeter.Usage.msPer(runs.stream().mapToDouble(r -> part.applyAsDouble(r.cpu())).sum(), requests());
    }
  }

  record Result(Total baseline, Total subject, Options options) {
    double ratio() {
      return subject.requestsPerSecond() / baseline.requestsPerSecond();
    }
  }

  static Result run(Wrk wrk, Options o, CpuMeter cpu, Target baseline, Target subject, Probe probe) throws Exception {
    warmUp(wrk, o, List.of(baseline, subject));
    List<Run> base = new ArrayList<>();
    List<Run> subj = new ArrayList<>();
    for (int round = 1; round <= o.rounds(); round++) {
      // Alternate which goes first, so neither always follows the other's aftermath.
      List<Target> order = round % 2 == 1 ? List.of(baseline, subject) : List.of(subject, baseline);
      for (Target t : order) {
        boolean isSubject = t == subject;
        if (isSubject) {
          probe.before(round);
        }
        Run run = measure(wrk, o, cpu, t, round);
        if (isSubject) {
          probe.after(round, run.load());
        }
        (isSubject ? subj : base).add(run);
      }
    }
    return new Result(new Total(baseline, base), new Total(subject, subj), o);
  }

  /** Warm-up chunks per target at most; a chunk is {@code --warmup} seconds. */
  static final int MAX_WARMUP_CHUNKS = 6;
  /** Two consecutive chunks this close in req/s count as warm. */
  static final double STABLE = 0.10;

  /** Whether a warm-up chunk's rate is within {@link #STABLE} of the chunk's before. */
  static boolean steady(double rate, double before) {
    return Math.abs(rate - before) <= STABLE * Math.max(rate, before);
  }

  /**
   * Warms the targets up in chunks of {@code --warmup} seconds, alternating between them (they
   * share Jetty's code, hence its JIT), until each target's last two chunks agree within 10%, or
   * after {@link #MAX_WARMUP_CHUNKS} chunks. On two cores C2 needs well over five seconds of load to
   * settle: a single short warm-up left the first measured round at half speed.
   */
  static void warmUp(Wrk wrk, Options o, List<Target> targets) throws Exception {
    if (o.warmupSeconds() == 0) {
      return;
    }
    double[] previous = new double[targets.size()];
    for (int chunk = 1; chunk <= MAX_WARMUP_CHUNKS; chunk++) {
      boolean stable = chunk > 1;
      JitActivity jit = new JitActivity();
      for (int i = 0; i < targets.size(); i++) {
        Target t = targets.get(i);
        double rps = t.load(wrk, o.threads(), o.connections(), o.warmupSeconds()).requestsPerSecond();
        log("warm-up %d %-28s %,10.0f req/s", chunk, t.name(), rps);
        stable &= steady(rps, previous[i]);
        previous[i] = rps;
      }
      log("warm-up %d: the JIT compiled %.0f%% of the time", chunk, jit.share() * 100);
      if (stable && jit.quiet()) {
        return;
      }
    }
    log("warm-up: not stable after %d chunks; measuring anyway (a busy machine?)", MAX_WARMUP_CHUNKS);
  }

  /** One measured wrk run of one target, with the CPU it cost. */
  static Run measure(Wrk wrk, Options o, CpuMeter cpu, Target t, int round) throws Exception {
    CpuMeter.Snapshot start = cpu.snapshot();
    Wrk.Result r = t.load(wrk, o.threads(), o.connections(), o.durationSeconds());
    CpuMeter.Usage used = cpu.between(start, cpu.snapshot());
    log("round %d %-28s %,10.0f req/s  p50 %.2f ms  p99 %.2f ms  (other processes: %.2f cores)",
        round, t.name(), r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), used.other() / used.wallSeconds());
    return new Run(t, round, r, used);
  }

  static final String TABLE_HEAD =
      "| target | round | req/s | mean ms | p50 ms | p90 ms | p99 ms | max ms | bytes/resp |"
          + " CPU ms/req: JVM | PostgreSQL | wrk | other | idle cores |\n"
          + "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";

  static String row(Run run) {
    Wrk.Result l = run.load();
    CpuMeter.Usage c = run.cpu();
    return String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %,d | %.3f | %.3f | %.3f | %.3f | %.2f |%n",
        run.target().name(), run.round() > 0 ? Integer.toString(run.round()) : "", l.requestsPerSecond(), l.meanMs(), l.p50Ms(),
        l.p90Ms(), l.p99Ms(), l.maxMs(),
        l.requests() == 0 ? 0 : l.bytes() / l.requests(),
        CpuMeter.Usage.msPer(c.jvm(), l.requests()), CpuMeter.Usage.msPer(c.postgres(), l.requests()),
        CpuMeter.Usage.msPer(c.loadGenerator(), l.requests()), CpuMeter.Usage.msPer(c.other(), l.requests()),
        c.wallSeconds() == 0 ? 0 : c.idle() / c.wallSeconds());
  }

  /** A warning when other processes took a noticeable share of the machine during the runs. */
  static String noiseWarning(List<Run> runs) {
    double wall = runs.stream().mapToDouble(r -> r.cpu().wallSeconds()).sum();
    double other = runs.stream().mapToDouble(r -> r.cpu().other()).sum();
    double worst = runs.stream().mapToDouble(r -> r.cpu().wallSeconds() == 0 ? 0 : r.cpu().other() / r.cpu().wallSeconds()).max().orElse(0);
    if (wall == 0 || worst < 0.15) {
      return "";
    }
    return String.format(Locale.ROOT,
        "%n**Warning: the machine was not quiet.** Other processes used %.2f cores on average during the measured runs "
            + "(up to %.2f in one run), so absolute numbers are low and the ratio is noisy; repeat on an idle machine.%n",
        other / wall, worst);
  }

  /** The result as Markdown, ready to paste into a report. */
  static String markdown(Result result, double target) {
    StringBuilder out = new StringBuilder(TABLE_HEAD);
    for (Total total : List.of(result.baseline(), result.subject())) {
      for (Run run : total.runs()) {
        out.append(row(run));
      }
      out.append(String.format(Locale.ROOT, "| **%s, all rounds** | | **%,.0f** | %.2f | **%.2f** | %.2f | **%.2f** | | | %.3f | %.3f | %.3f | %.3f | |%n",
          total.target().name(), total.requestsPerSecond(), total.meanOf(Wrk.Result::meanMs), total.meanOf(Wrk.Result::p50Ms),
          total.meanOf(Wrk.Result::p90Ms), total.meanOf(Wrk.Result::p99Ms),
          total.cpuMsPerRequest(CpuMeter.Usage::jvm), total.cpuMsPerRequest(CpuMeter.Usage::postgres),
          total.cpuMsPerRequest(CpuMeter.Usage::loadGenerator), total.cpuMsPerRequest(CpuMeter.Usage::other)));
    }
    double ratio = result.ratio();
    out.append(String.format(Locale.ROOT, "%nratio: %,.0f / %,.0f req/s = **%.1f%%** of the baseline (target: at least %.0f%%) — %s%n",
        result.subject().requestsPerSecond(), result.baseline().requestsPerSecond(), ratio * 100, target * 100,
        ratio >= target ? "**met**" : "**NOT met**"));
    double baseCpu = result.baseline().cpuMsPerRequest(Comparison::ours);
    double subjCpu = result.subject().cpuMsPerRequest(Comparison::ours);
    if (subjCpu > 0) {
      out.append(String.format(Locale.ROOT,
          "CPU per request (JVM + PostgreSQL + wrk): %.3f ms vs %.3f ms, a cost ratio of **%.1f%%**: about the throughput ratio "
              + "to expect when the two cores are the bottleneck, and less sensitive than req/s to other load on the machine.%n",
          baseCpu, subjCpu, 100 * baseCpu / subjCpu));
    }
    List<Run> all = new ArrayList<>(result.baseline().runs());
    all.addAll(result.subject().runs());
    out.append(noiseWarning(all));
    out.append("""

        (req/s: all requests over all measured seconds. Latencies are wrk's, a closed loop at this concurrency;
        "all rounds" rows give the mean of the rounds. CPU ms/req: CPU time over the run from /proc divided by
        requests served — JVM = the process serving both targets, wrk = the load generator, other = everything
        else on the machine; idle cores = unused capacity.)
        """);
    return out.toString();
  }

  /** The CPU this benchmark itself caused: servers, database, load generator. */
  static double ours(CpuMeter.Usage u) {
    return u.jvm() + u.postgres() + u.loadGenerator();
  }

  static void log(String format, Object... args) {
    System.err.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}

package com.comptoir.bench;

import com.comptoir.processor.Processor;
import com.comptoir.processor.ProcessorSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Issue #18, scenario 1: creates. {@code POST /v1/products}, {@code POST /v1/accounts} and
 * {@code POST /v1/checkout/sessions} with {@code Stripe-Account}, driven by wrk at 16 connections
 * and at one. Baseline, measured in the same run on the same PostgreSQL, alternating: one durable
 * one-row INSERT per commit by as many JDBC clients. Targets: at 16 clients each create reaches at
 * least 0.3 of the INSERT commit rate; at one client its median latency is within 3× of the
 * INSERT's.
 */
final class Creates implements Benchmark {
  static final double THROUGHPUT_TARGET = 0.3;
  static final double LATENCY_TARGET = 3.0;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "creates";
  }

  @Override
  public String description() {
    return "product, account and checkout session creates, 16 clients and 1, vs one-row INSERT commits (targets: 0.3 of the rate, 3x the p50)";
  }

  @Override
  public Outcome run(Options options, Wrk wrk, Path outputDir) throws Exception {
    JdbcTimer timer = null;
    try (BenchDatabase db = BenchDatabase.start("processor");
        Processor processor = Processor.start(new ProcessorSettings(options.profile() ? (timer = new JdbcTimer(db.pool())) : db.pool(),
            "127.0.0.1", 0, Optional.empty()))) {
      Measured m = measure(options, wrk, outputDir, db, processor, name(), timer);
      String report = String.format(Locale.ROOT, """
          ### creates (scenario 1)

          %s
          Database: %s.

          %s""", m.method(options), db.describe(), m.markdown());
      return new Outcome(name(), report, m.score(), 1.0, m.lines("1. creates"));
    }
  }

  /** The three creates of a processor with a connected account ready to sell: the same requests for every scenario that measures them. */
  static List<Comparison.Target> targets(Processor processor) throws Exception {
    String base = "http://127.0.0.1:" + processor.port();
    try (HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
      StripeClient api = new StripeClient(client, base, processor.secretKey());
      String account = JSON.readTree(api.post(null, "/v1/accounts", Map.of("type", "custom", "country", "US"))).get("id").asText();
      String product = JSON.readTree(api.post(account, "/v1/products", Map.of("name", "Hat"))).get("id").asText();
      String price = JSON.readTree(api.post(account, "/v1/prices", Map.of("product", product, "currency", "eur",
          "unit_amount", "10000"))).get("id").asText();
      Map<String, String> auth = Map.of("Authorization", "Bearer " + processor.secretKey());
      Map<String, String> session = new LinkedHashMap<>();
      session.put("mode", "payment");
      session.put("line_items[0][price]", price);
      session.put("line_items[0][quantity]", "1");
      session.put("payment_intent_data[application_fee_amount]", "123");
      session.put("success_url", "https://example.com/success");
      return List.of(
          new Comparison.Target("POST /v1/products", base + "/v1/products", auth, StripeClient.form(Map.of("name", "Hat"))),
          new Comparison.Target("POST /v1/accounts", base + "/v1/accounts", auth,
              StripeClient.form(Map.of("type", "custom", "country", "US"))),
          new Comparison.Target("POST /v1/checkout/sessions (Stripe-Account)", base + "/v1/checkout/sessions",
              Map.of("Authorization", "Bearer " + processor.secretKey(), "Stripe-Account", account), StripeClient.form(session)));
    }
  }

  /** One measured row: a create or the baseline, at 16 clients or at one. */
  record Row(String target, int clients, int round, double perSecond, double p50Ms, double p99Ms, CpuMeter.Usage cpu, long requests,
      long allocatedBytes) {}

  /** Bytes allocated on the heap by every thread of this JVM so far (virtual threads count on their carriers). */
  static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
  }

  /** What scenario 1 measured, judged. */
  record Measured(List<Row> rows, List<String> targets, int clients, int seconds, int rounds, String profile) {
    double rate(String target, int atClients) {
      return rows.stream().filter(r -> r.target().equals(target) && r.clients() == atClients).mapToDouble(Row::perSecond).average().orElse(0);
    }

    double p50(String target, int atClients) {
      return rows.stream().filter(r -> r.target().equals(target) && r.clients() == atClients).mapToDouble(Row::p50Ms).average().orElse(0);
    }

    double p99(String target, int atClients) {
      return rows.stream().filter(r -> r.target().equals(target) && r.clients() == atClients).mapToDouble(Row::p99Ms).average().orElse(0);
    }

    /** The bound at {@code atClients}: the floor's database work and the bare HTTP POST, each paid once per create, on the same cores. */
    double bound(int atClients) {
      return 1 / (1 / rate(FLOOR, atClients) + 1 / rate(HTTP, atClients));
    }

    /** The summary rows: each create's rate at 16 clients and its one-client median, against the INSERT's. */
    List<Benchmark.Line> lines(String scenario) {
      List<Benchmark.Line> out = new ArrayList<>();
      for (String t : targets) {
        double ratio = rate(t, clients) / rate(BASELINE, clients);
        out.add(new Benchmark.Line(scenario + ": " + t + ", " + clients + " clients", String.format(Locale.ROOT, "%,.0f/s", rate(t, clients)),
            String.format(Locale.ROOT, "%,.0f INSERT commits/s", rate(BASELINE, clients)), String.format(Locale.ROOT, "%.2f", ratio),
            String.format(Locale.ROOT, "at least %.1f", THROUGHPUT_TARGET), ratio >= THROUGHPUT_TARGET));
        double times = p50(t, 1) / p50(BASELINE, 1);
        out.add(new Benchmark.Line(scenario + ": " + t + ", 1 client p50", String.format(Locale.ROOT, "%.2f ms", p50(t, 1)),
            String.format(Locale.ROOT, "%.2f ms INSERT p50", p50(BASELINE, 1)), String.format(Locale.ROOT, "%.1f×", times),
            String.format(Locale.ROOT, "at most %.0f×", LATENCY_TARGET), times <= LATENCY_TARGET));
      }
      double bound = bound(clients);
      out.add(Benchmark.Line.bound(scenario + ": a product's rows alone, replayed by JDBC in a transaction (autocommit), " + clients + " clients",
          String.format(Locale.ROOT, "%,.0f/s (%,.0f/s)", rate(FLOOR, clients), rate(FLOOR_AUTOCOMMIT, clients)),
          String.format(Locale.ROOT, "%,.0f INSERT commits/s", rate(BASELINE, clients)),
          String.format(Locale.ROOT, "%.2f (%.2f)", rate(FLOOR, clients) / rate(BASELINE, clients),
              rate(FLOOR_AUTOCOMMIT, clients) / rate(BASELINE, clients)),
          "the database's share of a create alone"));
      out.add(Benchmark.Line.bound(scenario + ": those rows plus a bare HTTP POST, no code of ours, " + clients + " clients",
          String.format(Locale.ROOT, "%,.0f/s", bound), String.format(Locale.ROOT, "%,.0f INSERT commits/s", rate(BASELINE, clients)),
          String.format(Locale.ROOT, "%.2f", bound / rate(BASELINE, clients)), "the most a product create can reach on this machine"));
      double boundP50 = p50(FLOOR, 1) + p50(HTTP, 1);
      out.add(Benchmark.Line.bound(scenario + ": the same at 1 client, p50 (floor + bare HTTP)",
          String.format(Locale.ROOT, "%.2f + %.2f ms", p50(FLOOR, 1), p50(HTTP, 1)),
          String.format(Locale.ROOT, "%.2f ms INSERT p50", p50(BASELINE, 1)), String.format(Locale.ROOT, "%.1f×", boundP50 / p50(BASELINE, 1)),
          "the least a product create's p50 can be"));
      return out;
    }

    /** The worst of the targets as a fraction of what it must reach: 1.0 or more when every one is met. */
    double score() {
      double worst = Double.MAX_VALUE;
      for (String t : targets) {
        worst = Math.min(worst, rate(t, clients) / rate(BASELINE, clients) / THROUGHPUT_TARGET);
        worst = Math.min(worst, LATENCY_TARGET * p50(BASELINE, 1) / p50(t, 1));
      }
      return worst;
    }

    String method(Options o) {
      return String.format(Locale.ROOT, """
          Each create is driven by wrk (`-t1 -c%d -d%ds`, then `-t1 -c1 -d%ds`), POSTing the same form every time with the \
          platform's secret key; the checkout session is created on a connected account (`Stripe-Account`) for one price, with \
          `payment_intent_data[application_fee_amount]`. Any answer but a 2xx fails the run (never counted as throughput). \
          Baseline: as many JDBC clients committing one-row INSERTs (autocommit, durable) on the same PostgreSQL, in the same \
          rounds. %d measured round(s), the targets alternating, after warm-up (%d s chunks until the rates are stable and the JIT compiles less than 5%% of the time).""",
          clients, seconds, seconds, rounds, o.warmupSeconds());
    }

    String markdown() {
      StringBuilder out = new StringBuilder("""
          | target | clients | round | per second | p50 ms | p99 ms | JVM heap KB/op | CPU ms/op: JVM | PostgreSQL | other | idle cores |
          |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
          """);
      for (Row r : rows) {
        out.append(String.format(Locale.ROOT, "| %s | %d | %d | %,.0f | %.2f | %.2f | %.1f | %.3f | %.3f | %.3f | %.2f |%n", r.target(),
            r.clients(), r.round(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.requests() == 0 ? 0 : r.allocatedBytes() / 1024.0 / r.requests(),
            CpuMeter.Usage.msPer(r.cpu().jvm(), r.requests()),
            CpuMeter.Usage.msPer(r.cpu().postgres(), r.requests()), CpuMeter.Usage.msPer(r.cpu().other(), r.requests()),
            r.cpu().wallSeconds() == 0 ? 0 : r.cpu().idle() / r.cpu().wallSeconds()));
      }
      out.append(String.format(Locale.ROOT, "%n| create | %d clients: per second | ratio to INSERT commits (target ≥ %.1f) | 1 client: p50 ms | "
          + "× INSERT p50 (target ≤ %.0f×) | verdict |%n|---|--:|--:|--:|--:|---|%n", clients, THROUGHPUT_TARGET, LATENCY_TARGET));
      out.append(String.format(Locale.ROOT, "| baseline: one-row INSERT commits | %,.0f | 1.00 | %.3f | 1.0 | |%n", rate(BASELINE, clients),
          p50(BASELINE, 1)));
      for (String t : targets) {
        double ratio = rate(t, clients) / rate(BASELINE, clients);
        double times = p50(t, 1) / p50(BASELINE, 1);
        boolean met = ratio >= THROUGHPUT_TARGET && times <= LATENCY_TARGET;
        out.append(String.format(Locale.ROOT, "| %s | %,.0f | **%.2f** | %.2f | **%.1f×** | **%s** |%n", t, rate(t, clients), ratio,
            p50(t, 1), times, met ? "met" : ratio >= THROUGHPUT_TARGET ? "NOT met (latency)" : times <= LATENCY_TARGET
                ? "NOT met (throughput)" : "NOT met"));
      }
      double bound = bound(clients);
      out.append(String.format(Locale.ROOT, """

          **What this machine allows.** A product create must at least store its two rows (the product and its `product.created` \
          event) and answer an HTTP POST. Those rows alone, replayed by %d JDBC clients in the processor's own statement with fresh \
          ids, commit %,.0f times a second in a transaction of their own each, the COMMIT sent with \
          the statement as the processor sends it (%.2f of the INSERT's rate), %,.0f in autocommit \
          (%.2f); a bare Javalin POST of the same form, with no work behind it, answers %,.0f a second. Both share the same two \
          cores, so each create costs both: **with no code of ours at all, a create could reach %,.0f a second, %.2f of the \
          INSERT's rate** (target %.1f); the product create reaches %.2f of that. At one client the floor's p50 is %.2f ms and the bare POST's %.2f ms: %.1f× the INSERT's \
          (target at most %.0f×).
          """, clients, rate(FLOOR, clients), rate(FLOOR, clients) / rate(BASELINE, clients), rate(FLOOR_AUTOCOMMIT, clients),
          rate(FLOOR_AUTOCOMMIT, clients) / rate(BASELINE, clients), rate(HTTP, clients), bound, bound / rate(BASELINE, clients),
          THROUGHPUT_TARGET, rate(targets.get(0), clients) / bound, p50(FLOOR, 1), p50(HTTP, 1), (p50(FLOOR, 1) + p50(HTTP, 1)) / p50(BASELINE, 1), LATENCY_TARGET));
      List<CpuMeter.Usage> all = rows.stream().map(Row::cpu).toList();
      double wall = all.stream().mapToDouble(CpuMeter.Usage::wallSeconds).sum();
      double other = all.stream().mapToDouble(CpuMeter.Usage::other).sum();
      if (wall > 0 && other / wall > 0.15) {
        out.append(String.format(Locale.ROOT, "%n**The machine was not quiet:** other processes used %.2f cores on average during these runs; "
            + "the ratios are what to read, and the CPU per operation.%n", other / wall));
      }
      return out.append('\n').append(profile).toString();
    }
  }

  static final String BASELINE = "one-row INSERT commits";
  static final String FLOOR = "floor: a product's two rows replayed, in a transaction";
  static final String FLOOR_AUTOCOMMIT = "floor: the same, autocommit";
  static final String HTTP = "bare HTTP: a Javalin POST of the product's form";


  /** Warms up, then measures the creates and the baseline in alternating rounds, at 16 clients and at one. */
  static Measured measure(Options options, Wrk wrk, Path outputDir, BenchDatabase db, Processor processor, String name, JdbcTimer timer)
      throws Exception {
    List<Comparison.Target> targets = targets(processor);
    InsertCommits baseline = InsertCommits.on(db);
    CpuMeter cpu = new CpuMeter(db.postmasterPid());
    try (HelloWorld hello = HelloWorld.start()) {
      Comparison.Target http = new Comparison.Target(HTTP, hello.url(), targets.get(0).headers(), targets.get(0).formBody());
      Comparison.warmUp(wrk, options, targets);
      Comparison.warmUp(wrk, options, List.of(http));
      CreateFloor floor = CreateFloor.ofLatestProduct(db);
      return measure(options, wrk, outputDir, cpu, baseline, floor, http, targets, name, timer);
    }
  }

  private static Measured measure(Options options, Wrk wrk, Path outputDir, CpuMeter cpu, InsertCommits baseline, CreateFloor floor,
      Comparison.Target http, List<Comparison.Target> targets, String name, JdbcTimer timer) throws Exception {
    JfrProfile jfr = options.profile() ? new JfrProfile(outputDir, name) : null;
    List<Row> rows = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      for (int clients : List.of(options.connections(), 1)) {
        JdbcClients.Result b = baseline.run(cpu, clients, options.durationSeconds());
        Comparison.log("round %d %-44s %2d clients %,8.0f/s  p50 %.2f ms", round, BASELINE, clients, b.perSecond(), b.p50Ms());
        rows.add(new Row(BASELINE, clients, round, b.perSecond(), b.p50Ms(), b.p99Ms(), b.cpu(), b.operations(), 0));
        for (boolean autocommit : List.of(false, true)) {
          JdbcClients.Result f = floor.run(cpu, clients, options.durationSeconds(), autocommit);
          String label = autocommit ? FLOOR_AUTOCOMMIT : FLOOR;
          Comparison.log("round %d %-44s %2d clients %,8.0f/s  p50 %.2f ms", round, label, clients, f.perSecond(), f.p50Ms());
          rows.add(new Row(label, clients, round, f.perSecond(), f.p50Ms(), f.p99Ms(), f.cpu(), f.operations(), 0));
        }
        CpuMeter.Snapshot beforeHttp = cpu.snapshot();
        long allocatedBeforeHttp = allocatedBytes();
        Wrk.Result h = http.load(wrk, 1, clients, options.durationSeconds());
        rows.add(new Row(HTTP, clients, round, h.requestsPerSecond(), h.p50Ms(), h.p99Ms(), cpu.between(beforeHttp, cpu.snapshot()),
            h.requests(), allocatedBytes() - allocatedBeforeHttp));
        Comparison.log("round %d %-44s %2d clients %,8.0f/s  p50 %.2f ms", round, HTTP, clients, h.requestsPerSecond(), h.p50Ms());
        for (Comparison.Target t : round % 2 == 1 ? targets : targets.reversed()) {
          if (jfr != null && clients > 1) {
            jfr.start();
          }
          CpuMeter.Snapshot before = cpu.snapshot();
          long allocatedBefore = allocatedBytes();
          Wrk.Result r = t.load(wrk, 1, clients, options.durationSeconds());
          long allocated = allocatedBytes() - allocatedBefore;
          CpuMeter.Usage used = cpu.between(before, cpu.snapshot());
          if (jfr != null && clients > 1) {
            jfr.stop(rows.size());
          }
          Comparison.log("round %d %-44s %2d clients %,8.0f/s  p50 %.2f ms  p99 %.2f ms", round, t.name(), clients, r.requestsPerSecond(),
              r.p50Ms(), r.p99Ms());
          rows.add(new Row(t.name(), clients, round, r.requestsPerSecond(), r.p50Ms(), r.p99Ms(), used, r.requests(), allocated));
        }
      }
    }
    StringBuilder profile = new StringBuilder();
    if (timer != null) {
      for (Comparison.Target t : targets) {
        timer.start();
        Wrk.Result r;
        try {
          r = t.load(wrk, 1, options.connections(), Math.min(5, options.durationSeconds()));
        } finally {
          timer.stop();
        }
        profile.append(String.format(Locale.ROOT, "**Database calls per %s**, timed at the JDBC boundary in a run of their own (%,.0f/s; "
            + "wall time, including waits; the request log's batched writes are included, shared out per request):%n%n", t.name(),
            r.requestsPerSecond())).append(JdbcTimer.markdown(timer.perRequest(r.requests()))).append('\n');
      }
    }
    if (jfr != null) {
      profile.append("#### Profile (--profile: JFR recorded the 16-client runs of the creates)\n\n").append(jfr.summary());
    }
    return new Measured(rows, targets.stream().map(Comparison.Target::name).toList(), options.connections(), options.durationSeconds(),
        options.rounds(), profile.toString());
  }
}

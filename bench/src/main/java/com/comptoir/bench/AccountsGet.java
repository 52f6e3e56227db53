package com.comptoir.bench;

import com.comptoir.processor.Processor;
import com.comptoir.processor.ProcessorSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * An authenticated {@code GET /v1/accounts/{id}} on the processor — the platform's most frequent
 * read — against a bare Javalin hello-world, both served from this JVM, the processor on a durable
 * embedded PostgreSQL. Target: at least 70% of the hello-world's requests per second.
 */
final class AccountsGet implements Benchmark {
  static final double TARGET = 0.70;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "accounts-get";
  }

  @Override
  public String description() {
    return "authenticated GET /v1/accounts/{id} vs a bare Javalin hello-world (target: >= 70% of its req/s)";
  }

  @Override
  public Outcome run(Options options, Wrk wrk, Path outputDir) throws Exception {
    try (HelloWorld hello = HelloWorld.start(); BenchDatabase db = BenchDatabase.start("processor")) {
      // Off until its own run: handing out bare connections, it costs nothing.
      JdbcTimer timer = new JdbcTimer(db.pool());
      DataSource dataSource = options.profile() ? timer : db.pool();
      try (Processor processor = Processor.start(new ProcessorSettings(dataSource, "127.0.0.1", 0, Optional.empty()))) {
        String base = "http://127.0.0.1:" + processor.port();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + processor.secretKey());
        String accountId = createAccount(base, processor.secretKey());
        String url = base + "/v1/accounts/" + accountId;
        check(hello.url(), Map.of(), "Hello World");
        check(url, auth, "\"id\": \"" + accountId + "\"", "\"id\":\"" + accountId + "\"");

        Comparison.Target baseline = new Comparison.Target("hello-world", hello.url(), Map.of());
        Comparison.Target subject = new Comparison.Target("GET /v1/accounts/{id}", url, auth);
        JfrProfile jfr = options.profile() ? new JfrProfile(outputDir, name()) : null;
        Comparison.Probe probe = !options.profile() ? Comparison.Probe.NONE : new Comparison.Probe() {
          @Override
          public void before(int round) throws Exception {
            jfr.start();
          }

          @Override
          public void after(int round, Wrk.Result result) throws Exception {
            jfr.stop(round);
          }
        };
        CpuMeter cpu = new CpuMeter(db.postmasterPid());
        Comparison.Result result = Comparison.run(wrk, options, cpu, baseline, subject, probe);

        StringBuilder report = new StringBuilder();
        report.append("### accounts-get\n\n");
        report.append("Authenticated `GET /v1/accounts/{id}` (one connected account, `Authorization: Bearer sk_...`) against a bare Javalin ")
            .append("hello-world (`GET /` → `Hello World`), same JVM, same Jetty settings (virtual threads), same wrk settings: `wrk ")
            .append(options.wrkFlags(options.durationSeconds())).append("`, ").append(options.rounds()).append(" measured round(s) per target, alternating, after warming both up (")
            .append(options.warmupSeconds()).append(" s chunks until stable). Database: ").append(db.describe()).append(".\n\n");
        report.append(Comparison.markdown(result, TARGET));
        if (options.profile()) {
          report.append("\n#### Profile (--profile: JFR was recording during the processor's measured rounds above, so quote "
              + "throughput from a run without --profile)\n\n");
          report.append(ladder(wrk, options, cpu, baseline, new Comparison.Target("GET /healthz (processor)", base + "/healthz", Map.of()), subject));
          report.append(jdbcTiming(wrk, options, cpu, timer, subject));
          report.append(dbCeiling(db, accountId, processor.secretKey(), options)).append('\n');
          report.append(jfr.summary());
        }
        return new Outcome(name(), report.toString(), result.ratio(), TARGET, List.of(new Line(
            "GET /v1/accounts/{id}, 16 connections (an earlier issue's target, not #18's)",
            String.format(Locale.ROOT, "%,.0f/s", result.subject().requestsPerSecond()),
            String.format(Locale.ROOT, "%,.0f/s bare Javalin hello-world", result.baseline().requestsPerSecond()),
            String.format(Locale.ROOT, "%.2f", result.ratio()), String.format(Locale.ROOT, "at least %.1f", TARGET),
            result.ratio() >= TARGET)));
      }
    }
  }

  /**
   * The cost added step by step, each target once: bare Javalin; the processor's {@code /healthz}
   * (its Javalin, a JDBI handle, one trivial {@code SELECT 1}); the full authenticated GET.
   */
  private static String ladder(Wrk wrk, Options o, CpuMeter cpu, Comparison.Target... targets) throws Exception {
    Comparison.log("ladder: %d targets, %ds each", targets.length, o.durationSeconds());
    StringBuilder out = new StringBuilder("**Where the cost is added**, one run each, same wrk settings: bare Javalin; the processor's ")
        .append("`/healthz` (Javalin, a pool checkout, a JDBI handle and one `SELECT 1` round trip, no Stripe API layer); the full GET.\n\n")
        .append(Comparison.TABLE_HEAD);
    List<Comparison.Run> runs = new ArrayList<>();
    for (Comparison.Target t : targets) {
      wrk.run(t.url(), t.headers(), o.threads(), o.connections(), Math.min(3, o.durationSeconds())); // its own short warm-up
      runs.add(Comparison.measure(wrk, o, cpu, t, 0));
    }
    runs.forEach(r -> out.append(Comparison.row(r)));
    return out.append(Comparison.noiseWarning(runs)).append('\n').toString();
  }

  /** One more run of the GET with every JDBC call counted and timed. */
  private static String jdbcTiming(Wrk wrk, Options o, CpuMeter cpu, JdbcTimer timer, Comparison.Target subject) throws Exception {
    Comparison.log("JDBC timing run of %s, %ds", subject.name(), o.durationSeconds());
    timer.start();
    Comparison.Run run;
    try {
      run = Comparison.measure(wrk, o, cpu, subject, 0);
    } finally {
      timer.stop();
    }
    Wrk.Result r = run.load();
    return String.format(Locale.ROOT, "**Database calls per request**, timed at the JDBC boundary in a run of their own "
            + "(wall time, so it includes waiting for PostgreSQL and for a CPU; the proxies cost some throughput): "
            + "%,.0f req/s, mean latency %.2f ms.%n%n", r.requestsPerSecond(), r.meanMs())
        + JdbcTimer.markdown(timer.perRequest(r.requests())) + "\n";
  }

  private static String createAccount(String base, String secretKey) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> r = client.send(
          HttpRequest.newBuilder(URI.create(base + "/v1/accounts"))
              .header("Authorization", "Bearer " + secretKey)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("type=express&country=US&email=bench%40example.com&business_profile[name]=Bench+Store"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("creating the account answered " + r.statusCode() + ": " + r.body());
      }
      JsonNode account = JSON.readTree(r.body());
      return account.get("id").asText();
    }
  }

  /** One request before the load, so a broken target fails loudly instead of measuring errors. */
  private static void check(String url, Map<String, String> headers, String... expectOneOf) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
      headers.forEach(request::header);
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      boolean found = List.of(expectOneOf).stream().anyMatch(r.body()::contains);
      if (r.statusCode() != 200 || !found) {
        throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
      }
    }
  }

  /**
   * The database's own ceiling for this request: the processor's two statements for it (the key
   * lookup of {@code Authenticator}, the read of {@code Accounts.findJson}; the SQL is copied from
   * there and may drift) on one pooled connection, from as many virtual threads as wrk has
   * connections, with no HTTP at all. Diagnostic only.
   */
  private static String dbCeiling(BenchDatabase db, String accountId, String secretKey, Options o) throws Exception {
    String authSql = """
        SELECT k.account_id, k.kind, a.id AS target, a.platform_id AS target_platform, a.deleted AS target_deleted
        FROM api_keys k LEFT JOIN accounts a ON a.id = ?
        WHERE k.secret = ?""";
    String readSql = "SELECT body::text FROM resources WHERE id = ? AND object = 'account' AND (owner = ? OR id = ?)";
    String platformId;
    try (Connection c = db.pool().getConnection(); PreparedStatement s = c.prepareStatement("SELECT account_id FROM api_keys WHERE secret = ?")) {
      s.setString(1, secretKey);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        platformId = r.getString(1);
      }
    }
    LongAdder done = new LongAdder();
    long deadline = System.nanoTime() + o.durationSeconds() * 1_000_000_000L;
    CpuMeter cpu = new CpuMeter(db.postmasterPid());
    Comparison.log("db-only ceiling: the two statements of a GET, %d virtual threads, %ds", o.connections(), o.durationSeconds());
    CpuMeter.Snapshot start = cpu.snapshot();
    long t0 = System.nanoTime();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int i = 0; i < o.connections(); i++) {
        workers.add(executor.submit(() -> {
          while (System.nanoTime() < deadline) {
            try (Connection c = db.pool().getConnection()) {
              try (PreparedStatement s = c.prepareStatement(authSql)) {
                s.setString(1, "");
                s.setString(2, secretKey);
                try (ResultSet r = s.executeQuery()) {
                  r.next();
                }
              }
              try (PreparedStatement s = c.prepareStatement(readSql)) {
                s.setString(1, accountId);
                s.setString(2, platformId);
                s.setString(3, platformId);
                try (ResultSet r = s.executeQuery()) {
                  r.next();
                  r.getString(1);
                }
              }
            }
            done.increment();
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    CpuMeter.Usage used = cpu.between(start, cpu.snapshot());
    long n = done.sum();
    return String.format(Locale.ROOT,
        "**Database-only ceiling** (the GET's two statements over JDBC, no HTTP, %d virtual threads, %d s): **%,.0f GETs/s** "
            + "(%,.0f statements/s); CPU per GET: JVM %.3f ms, PostgreSQL %.3f ms; idle cores %.2f.%n",
        o.connections(), o.durationSeconds(), n / seconds, 2 * n / seconds,
        CpuMeter.Usage.msPer(used.jvm(), n), CpuMeter.Usage.msPer(used.postgres(), n), used.idle() / used.wallSeconds());
  }
}

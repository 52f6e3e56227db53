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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Issue #17: one sandbox's throughput while another sandbox with 100,000 objects is deleted.
 * Sandbox A serves an authenticated {@code GET /v1/accounts/{id}} under wrk; sandbox B holds
 * 100,000 objects (products, written straight into its tables: the deletion is what is measured,
 * not their creation). A's requests per second while B's rows are removed in the background,
 * against A's requests per second just before, same run. Target: at least 80%.
 */
final class SandboxDelete implements Benchmark {
  static final double TARGET = 0.80;
  static final int OBJECTS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Measured in chunks while the cleanup runs, so the measurement covers the delete and nothing after it. */
  private static final int CHUNK_SECONDS = 2;

  @Override
  public String name() {
    return "sandbox-delete";
  }

  @Override
  public String description() {
    return "a sandbox's GET /v1/accounts/{id} while another sandbox's 100,000 objects are deleted (target: >= 80% of without)";
  }

  @Override
  public Outcome run(Options options, Wrk wrk, Path outputDir) throws Exception {
    try (BenchDatabase db = BenchDatabase.start("processor");
        Processor processor = Processor.start(new ProcessorSettings(db.pool(), "127.0.0.1", 0, Optional.empty()))) {
      String base = "http://127.0.0.1:" + processor.port();
      JsonNode a = call(base, processor.secretKey(), "POST", "/v1/test_helpers/sandboxes", "name=measured");
      JsonNode b = call(base, processor.secretKey(), "POST", "/v1/test_helpers/sandboxes", "name=deleted");
      String aKey = a.get("secret_key").asText();
      String accountId = call(base, aKey, "POST", "/v1/accounts", "type=express&country=US").get("id").asText();
      fill(db, b.get("account").asText());
      String url = base + "/v1/accounts/" + accountId;
      Map<String, String> auth = Map.of("Authorization", "Bearer " + aKey);

      // Warmed up until two chunks in a row agree within 10% (a JIT still compiling, or a busy
      // machine settling, would make any baseline meaningless), after at least 5 chunks, at most 15.
      double previous = 0;
      for (int i = 0; i < 15; i++) {
        double rate = wrk.run(url, auth, options.threads(), options.connections(), CHUNK_SECONDS).requestsPerSecond();
        Comparison.log("sandbox-delete: warm-up chunk %d: %.0f req/s", i + 1, rate);
        if (i >= 4 && Math.abs(rate - previous) <= 0.10 * Math.max(rate, previous)) {
          break;
        }
        previous = rate;
      }
      int baselineChunks = Math.max(1, options.durationSeconds() / CHUNK_SECONDS);
      Comparison.log("sandbox-delete: without a delete, %d chunks of %ds", baselineChunks, CHUNK_SECONDS);
      Rate before = chunks(wrk, options, url, auth, baselineChunks, () -> true);

      long deleteStarted = System.nanoTime();
      call(base, processor.secretKey(), "DELETE", "/v1/test_helpers/sandboxes/" + b.get("id").asText(), "");
      Rate during = chunks(wrk, options, url, auth, 600, () -> remaining(db, b.get("id").asText()));
      while (remaining(db, b.get("id").asText())) {
        Thread.sleep(100);
      }
      double cleanupSeconds = (System.nanoTime() - deleteStarted) / 1e9;
      int afterChunks = Math.min(30, Math.max(baselineChunks, during.chunks()));
      Comparison.log("sandbox-delete: after the delete, %d chunks of %ds", afterChunks, CHUNK_SECONDS);
      Rate after = chunks(wrk, options, url, auth, afterChunks, () -> true);
      // The runs before and after bracket the one during: a machine whose speed drifts (other
      // work on it) moves both, and their mean is the fairer "without".
      double without = (before.perSecond() + after.perSecond()) / 2;
      double ratio = during.perSecond() / without;
      long leftRows = count(db, "SELECT count(*) FROM resources WHERE owner = ?", b.get("account").asText());

      String report = "### sandbox-delete\n\n"
          + "Sandbox A's authenticated `GET /v1/accounts/{id}` under `wrk " + options.wrkFlags(CHUNK_SECONDS) + "` while sandbox B, holding "
          + String.format(Locale.ROOT, "%,d", OBJECTS) + " objects (products written straight into its tables), is deleted through "
          + "`DELETE /v1/test_helpers/sandboxes/{id}`: its rows are removed by the background cleanup in batches of 500. "
          + "Same processor, same database (" + db.describe() + "), measured in " + CHUNK_SECONDS + " s chunks for as long as "
          + "the cleanup ran, against runs before it (--duration) and after it (as long as during, up to 60 s), once warmed up.\n\n"
          + "| A's GET | chunks | seconds | req/s |\n|---|---:|---:|---:|\n"
          + String.format(Locale.ROOT, "| before the delete | %d | %.1f | %,.0f |%n", before.chunks(), before.seconds(), before.perSecond())
          + String.format(Locale.ROOT, "| while B is deleted | %d | %.1f | %,.0f |%n", during.chunks(), during.seconds(), during.perSecond())
          + String.format(Locale.ROOT, "| after the delete | %d | %.1f | %,.0f |%n", after.chunks(), after.seconds(), after.perSecond())
          + String.format(Locale.ROOT, "%nRatio %.2f of the mean of before and after (target %.2f). B's cleanup took %.1f s; rows of B "
              + "left afterwards: %d; wrk errors: %d.%n", ratio, TARGET, cleanupSeconds, leftRows,
              before.errors() + during.errors() + after.errors());
      return new Outcome(name(), report, ratio, TARGET);
    }
  }

  private record Rate(int chunks, double seconds, long requests, long errors) {
    double perSecond() {
      return seconds == 0 ? 0 : requests / seconds;
    }
  }

  @FunctionalInterface
  private interface Condition {
    boolean holds() throws Exception;
  }

  /** wrk in {@link #CHUNK_SECONDS} chunks while {@code go} holds, at most {@code max}. */
  private static Rate chunks(Wrk wrk, Options o, String url, Map<String, String> auth, int max, Condition go) throws Exception {
    int n = 0;
    double seconds = 0;
    long requests = 0;
    long errors = 0;
    while (n < max && go.holds()) {
      Wrk.Result r = wrk.run(url, auth, o.threads(), o.connections(), CHUNK_SECONDS);
      seconds += r.seconds();
      requests += r.requests();
      errors += r.socketErrors() + r.statusErrors();
      n++;
    }
    return new Rate(n, seconds, requests, errors);
  }

  /** {@link #OBJECTS} product documents owned by B's platform account, in batches of 10,000. */
  private static void fill(BenchDatabase db, String owner) throws Exception {
    Comparison.log("sandbox-delete: writing %d objects into sandbox B", OBJECTS);
    try (Connection c = db.pool().getConnection(); PreparedStatement s = c.prepareStatement("""
        INSERT INTO resources (id, owner, object, created, body)
        SELECT 'prod_bench' || g || '_' || ?, ?, 'product', extract(epoch FROM now())::bigint,
               jsonb_build_object('id', 'prod_bench' || g, 'object', 'product', 'name', 'Bench product ' || g, 'active', true,
                                  'metadata', '{}'::jsonb, 'livemode', false)
        FROM generate_series(?, ?) g""")) {
      for (int from = 1; from <= OBJECTS; from += 10_000) {
        s.setString(1, owner);
        s.setString(2, owner);
        s.setInt(3, from);
        s.setInt(4, Math.min(OBJECTS, from + 9_999));
        s.executeUpdate();
      }
    }
  }

  private static boolean remaining(BenchDatabase db, String sandboxId) throws Exception {
    return count(db, "SELECT count(*) FROM sandboxes WHERE id = ?", sandboxId) > 0;
  }

  private static long count(BenchDatabase db, String sql, String arg) throws Exception {
    try (Connection c = db.pool().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static JsonNode call(String base, String key, String method, String path, String form) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .method(method, form.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    }
  }
}

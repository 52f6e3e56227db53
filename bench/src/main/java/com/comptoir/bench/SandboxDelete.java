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

      Comparison.log("sandbox-delete: warming up %ds", options.warmupSeconds());
      wrk.run(url, auth, options.threads(), options.connections(), Math.max(1, options.warmupSeconds()));
      Comparison.log("sandbox-delete: without a delete, %ds", options.durationSeconds());
      Wrk.Result without = wrk.run(url, auth, options.threads(), options.connections(), options.durationSeconds());

      long deleteStarted = System.nanoTime();
      call(base, processor.secretKey(), "DELETE", "/v1/test_helpers/sandboxes/" + b.get("id").asText(), "");
      long requests = 0;
      double seconds = 0;
      long errors = 0;
      int chunks = 0;
      while (remaining(db, b.get("id").asText()) && chunks < 600) {
        Wrk.Result chunk = wrk.run(url, auth, options.threads(), options.connections(), CHUNK_SECONDS);
        requests += chunk.requests();
        seconds += chunk.seconds();
        errors += chunk.socketErrors() + chunk.statusErrors();
        chunks++;
      }
      while (remaining(db, b.get("id").asText())) {
        Thread.sleep(100);
      }
      double cleanupSeconds = (System.nanoTime() - deleteStarted) / 1e9;
      long leftRows = count(db, "SELECT count(*) FROM resources WHERE owner = ?", b.get("account").asText());
      double during = seconds == 0 ? 0 : requests / seconds;
      double ratio = during / without.requestsPerSecond();

      String report = "### sandbox-delete\n\n"
          + "Sandbox A's authenticated `GET /v1/accounts/{id}` under `wrk " + options.wrkFlags(CHUNK_SECONDS) + "` while sandbox B, holding "
          + String.format(Locale.ROOT, "%,d", OBJECTS) + " objects (products written straight into its tables), is deleted through "
          + "`DELETE /v1/test_helpers/sandboxes/{id}`: its rows are removed by the background cleanup in batches of 500. "
          + "Same processor, same database (" + db.describe() + "), measured in " + CHUNK_SECONDS + " s chunks for as long as "
          + "the cleanup ran, against one " + options.durationSeconds() + " s run just before the delete.\n\n"
          + "| | req/s | mean ms | p99 ms |\n|---|---:|---:|---:|\n"
          + String.format(Locale.ROOT, "| A, no delete running | %,.0f | %.2f | %.2f |%n", without.requestsPerSecond(), without.meanMs(),
              without.p99Ms())
          + String.format(Locale.ROOT, "| A, while B is deleted (%d chunks, %.1f s) | %,.0f | | |%n", chunks, seconds, during)
          + String.format(Locale.ROOT, "%nRatio %.2f (target %.2f). B's cleanup took %.1f s; rows of B left afterwards: %d; "
              + "wrk errors during the delete: %d.%n", ratio, TARGET, cleanupSeconds, leftRows, errors);
      return new Outcome(name(), report, ratio, TARGET);
    }
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

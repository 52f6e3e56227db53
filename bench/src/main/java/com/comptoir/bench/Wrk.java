package com.comptoir.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: Debian's {@code wrk}, driven as a child process. A C event loop costs the
 * shared two cores far less per request than a Java client in the same JVM would, and it is the
 * same client for baseline and system under test. A small Lua script makes it print its summary
 * as one JSON line.
 */
final class Wrk {
  private static final String MARKER = "WRK_RESULT ";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path executable;
  private final Path script;
  /** The wrk now running, stopped with us if we are stopped (Ctrl-C) so no load outlives the run. */
  private volatile Process running;

  private Wrk(Path executable, Path script) {
    this.executable = executable;
    this.script = script;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Process p = running;
      if (p != null) {
        p.destroyForcibly();
      }
    }, "wrk-stop"));
  }

  /** Finds {@code wrk} on the PATH; explains how to get it when it is missing. */
  static Wrk locate() throws IOException {
    Path found = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wrk");
      if (Files.isExecutable(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found == null) {
      throw new IllegalStateException(
          "wrk is not installed; './comptoir bench' installs it, or run: apt-get install -y wrk");
    }
    Path script = Files.createTempFile("comptoir-bench-", ".lua");
    script.toFile().deleteOnExit();
    try (InputStream in = Wrk.class.getResourceAsStream("/wrk-report.lua")) {
      if (in == null) {
        throw new IllegalStateException("wrk-report.lua is missing from the bench jar");
      }
      Files.write(script, in.readAllBytes());
    }
    return new Wrk(found, script);
  }

  /** One wrk run of GETs against {@code url}; fails when wrk fails or any request errs. */
  Result run(String url, Map<String, String> headers, int threads, int connections, int seconds)
      throws IOException, InterruptedException {
    return run(url, headers, null, threads, connections, seconds);
  }

  /**
   * One wrk run against {@code url}; with a {@code formBody}, every request is a POST of that
   * form ({@code application/x-www-form-urlencoded}). Fails when wrk fails or any request errs:
   * a status outside 2xx/3xx is counted by wrk and fails the run.
   */
  Result run(String url, Map<String, String> headers, String formBody, int threads, int connections, int seconds)
      throws IOException, InterruptedException {
    if (!url.startsWith("http://127.0.0.1:")) {
      throw new IllegalArgumentException("benchmarks only load 127.0.0.1, not " + url);
    }
    List<String> command = new ArrayList<>(List.of(
        executable.toString(),
        "-t" + threads, "-c" + connections, "-d" + seconds + "s",
        "--timeout", "5s",
        "-s", (formBody == null ? script : postScript(formBody)).toString()));
    headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
    command.add(url);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    running = wrk;
    byte[] output;
    try {
      wrk.getOutputStream().close();
      try (InputStream out = wrk.getInputStream()) {
        output = out.readAllBytes(); // ends when wrk exits; wrk stops itself after -d
      }
      if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
        wrk.destroyForcibly();
        throw new IllegalStateException("wrk did not finish in time");
      }
    } finally {
      running = null;
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (wrk.exitValue() != 0) {
      throw new IllegalStateException("wrk exited with " + wrk.exitValue() + ":\n" + text);
    }
    String line = text.lines().filter(l -> l.startsWith(MARKER)).findFirst()
        .orElseThrow(() -> new IllegalStateException("wrk printed no result:\n" + text));
    JsonNode r = JSON.readTree(line.substring(MARKER.length()));
    Result result = new Result(
        r.get("requests").asLong(),
        r.get("duration_us").asLong() / 1e6,
        r.get("bytes").asLong(),
        r.get("connect_errors").asLong() + r.get("read_errors").asLong() + r.get("write_errors").asLong()
            + r.get("timeouts").asLong(),
        r.get("status_errors").asLong(),
        r.get("mean_us").asDouble() / 1e3,
        r.get("p50_us").asLong() / 1e3,
        r.get("p90_us").asLong() / 1e3,
        r.get("p99_us").asLong() / 1e3,
        r.get("max_us").asLong() / 1e3);
    if (result.socketErrors() > 0 || result.statusErrors() > 0) {
      // A fast error is not a fast answer: a run with errors measures nothing useful.
      throw new IllegalStateException(
          "requests failed against " + url + ": " + result.statusErrors() + " non-2xx/3xx responses, "
              + result.socketErrors() + " socket errors or timeouts\n" + text);
    }
    return result;
  }

  /** The report script with the request made a POST of {@code formBody}; one file per body, kept for the run. */
  private Path postScript(String formBody) throws IOException {
    synchronized (postScripts) {
      Path cached = postScripts.get(formBody);
      if (cached != null) {
        return cached;
      }
      Path file = Files.createTempFile("comptoir-bench-post-", ".lua");
      file.toFile().deleteOnExit();
      String prefix = "wrk.method = \"POST\"\n"
          + "wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"\n"
          + "wrk.body = " + luaString(formBody) + "\n";
      Files.writeString(file, prefix + Files.readString(script));
      postScripts.put(formBody, file);
      return file;
    }
  }

  private final Map<String, Path> postScripts = new java.util.HashMap<>();

  /** A Lua string literal: the form is URL-encoded already, so only quotes and backslashes need escaping. */
  private static String luaString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /**
   * What wrk measured. Latencies in milliseconds; wrk is a closed loop, so they are service times
   * under this concurrency, not what an open stream of arrivals would see.
   */
  record Result(
      long requests,
      double seconds,
      long bytes,
      long socketErrors,
      long statusErrors,
      double meanMs,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double maxMs) {

    double requestsPerSecond() {
      return requests / seconds;
    }
  }
}

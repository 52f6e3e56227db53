package com.comptoir.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One Comptoir process as an operator runs it: {@code java -jar cli/target/comptoir.jar processor}
 * (or {@code platform}) with its settings in the environment. {@link #kill()} is {@code kill -9}.
 */
final class Node {
  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(180);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int port;
  private final Path root;
  private final Path jar;
  private final String command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;
  int starts;

  /**
   * The launcher as built, copied with its libraries into the run's folder, so that a rebuild
   * while the soak runs (./comptoir test) cannot change what a restart starts.
   */
  static Path copyLauncher(Path root, Path runDir) throws IOException {
    Path target = runDir.resolve("cli");
    Files.createDirectories(target.resolve("lib"));
    Files.copy(root.resolve("cli/target/comptoir.jar"), target.resolve("comptoir.jar"));
    try (var libs = Files.list(root.resolve("cli/target/lib"))) {
      for (Path lib : libs.toList()) {
        Files.copy(lib, target.resolve("lib").resolve(lib.getFileName()));
      }
    }
    return target.resolve("comptoir.jar");
  }

  Node(String name, String command, int port, Path root, Path jar, Path logDir, Map<String, String> env) {
    this.name = name;
    this.command = command;
    this.port = port;
    this.root = root;
    this.jar = jar;
    this.env = env;
    this.log = logDir.resolve(name + ".log");
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  synchronized void start() throws IOException {
    Path dataDir = log.getParent().resolve(name + "-data");
    Files.createDirectories(dataDir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // As the launcher script runs it: a class-data archive written by the first start makes restarts faster.
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:+AutoCreateSharedArchive",
        "-XX:SharedArchiveFile=" + jar.resolveSibling("comptoir.jsa"), "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Dcomptoir.root=" + root,
        "-jar", jar.toString(), command)
        .directory(root.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    pb.environment().put("COMPTOIR_DATA_DIR", dataDir.toString());
    pb.environment().put("COMPTOIR_HOST", "127.0.0.1");
    process = pb.start();
    starts++;
  }

  /** Waits until {@code /healthz} answers 200; the time it took. */
  Duration awaitHealthy() throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + HEALTHY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " was not healthy within " + HEALTHY_TIMEOUT + "; see " + log);
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is flushed. */
  synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, the clean stop, at the end of the run. */
  synchronized void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}

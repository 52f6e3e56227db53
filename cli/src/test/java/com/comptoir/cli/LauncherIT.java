package com.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the whole stack through the real launcher script, as a newcomer would with
 * {@code ./comptoir start}, on free ports and a fresh data folder.
 */
class LauncherIT {
  private static final Path ROOT = Path.of(System.getenv().getOrDefault("COMPTOIR_ROOT", "..")).toAbsolutePath().normalize();
  private static final Pattern SECRET_KEY = Pattern.compile("secret key\\s+(sk_test_\\w+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @TempDir Path dataDir;
  private final List<Process> launched = new ArrayList<>();

  @AfterEach
  void stopEverything() throws Exception {
    for (Process p : launched) {
      killGroup(p, "TERM");
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void startServesBothHealthEndpointsAndKeepsDataAcrossRestarts() throws Exception {
    int processorPort = freePort();
    int platformPort = freePort();
    Map<String, String> env = Map.of(
        "COMPTOIR_DATA_DIR", dataDir.toString(),
        "COMPTOIR_PROCESSOR_PORT", Integer.toString(processorPort),
        "COMPTOIR_PLATFORM_PORT", Integer.toString(platformPort));

    Process first = launch(env, "start");
    assertThat(awaitHealthy(processorPort, Duration.ofSeconds(60))).contains("\"system\":\"processor\"");
    assertThat(awaitHealthy(platformPort, Duration.ofSeconds(10))).contains("\"system\":\"platform\"");
    String firstKey = awaitSecretKey(first);
    // The platform registered its two webhook endpoints on the processor itself...
    assertThat(webhookEndpoints(processorPort, firstKey)).containsExactlyInAnyOrder(
        "http://localhost:" + platformPort + "/webhooks/stripe", "http://localhost:" + platformPort + "/webhooks/stripe/connect");
    Matcher password = Pattern.compile("operator area\\s+http://localhost:" + platformPort
        + "/operator as operator@comptoir.localhost, password (\\S+) \\(new").matcher(Files.readString(output(first)));
    assertThat(password.find()).as(Files.readString(output(first))).isTrue();
    String operatorPassword = password.group(1);
    Matcher dashboard = Pattern.compile("Dashboard\\s+http://localhost:" + processorPort
        + "/dashboard/login as platform@comptoir.localhost, password (\\S+) \\(new").matcher(Files.readString(output(first)));
    assertThat(dashboard.find()).as(Files.readString(output(first))).isTrue();
    String dashboardPassword = dashboard.group(1);
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("dashboard-password")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    // A clean stop (SIGTERM) and a restart: the platform account and its key are still there.
    killGroup(first, "TERM");
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    Process second = launch(env, "start");
    awaitHealthy(processorPort, Duration.ofSeconds(30));
    awaitHealthy(platformPort, Duration.ofSeconds(10));
    // Secrets are printed on the start that generated them only; afterwards the banner says where they are.
    String again = awaitBanner(second);
    assertThat(again).doesNotContain(firstKey).doesNotContain(operatorPassword).doesNotContain(dashboardPassword)
        .contains("/dashboard/login as platform@comptoir.localhost, password kept in " + dataDir.resolve("dashboard-password"))
        .contains("secret key            kept in " + dataDir.resolve("processor-secret-key"))
        .contains("password kept in " + dataDir.resolve("operator-password"));
    assertThat(Files.readString(dataDir.resolve("processor-secret-key")).strip()).isEqualTo(firstKey);
    assertThat(Files.readString(dataDir.resolve("operator-password")).strip()).isEqualTo(operatorPassword);
    assertThat(webhookEndpoints(processorPort, firstKey)).as("...and reuses them after a restart").hasSize(2);

    // kill -9 of the whole process group leaves PostgreSQL running; the next start copes.
    killGroup(second, "KILL");
    second.waitFor(10, TimeUnit.SECONDS);
    Process third = launch(env, "start");
    awaitHealthy(processorPort, Duration.ofSeconds(60));
    awaitHealthy(platformPort, Duration.ofSeconds(10));
    assertThat(awaitBanner(third)).doesNotContain(firstKey);
    assertThat(webhookEndpoints(processorPort, firstKey)).hasSize(2);
  }

  @Test
  void aBadSettingStopsStartUpNamingTheSetting() throws Exception {
    Process p = launch(Map.of("COMPTOIR_DATA_DIR", dataDir.toString(), "COMPTOIR_PROCESSOR_PORT", "twelve"), "start");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    assertThat(Files.readString(output(p))).contains("COMPTOIR_PROCESSOR_PORT").contains("twelve");
  }

  @Test
  void withoutASuitableJdkTheLauncherSaysSoInOneLine() throws Exception {
    Path noJdks = Files.createDirectories(dataDir.resolve("no-jdks"));
    Process p = launch(Map.of("JAVA_HOME", "/nonexistent", "COMPTOIR_JDK_DIR", noJdks.toString()), "start");
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    List<String> lines = Files.readAllLines(output(p));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains("no JDK 21 or newer found").contains(noJdks.toString());
  }

  private Process launch(Map<String, String> env, String command) throws IOException {
    Path out = Files.createTempFile(dataDir.getParent(), "comptoir-", ".out");
    // setsid: the launcher and everything it starts get a process group of their own to kill.
    ProcessBuilder pb = new ProcessBuilder("setsid", ROOT.resolve("comptoir").toString(), command)
        .directory(ROOT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(out.toFile());
    pb.environment().put("COMPTOIR_NO_BUILD", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    outputs.put(p, out);
    launched.add(p);
    return p;
  }

  private final Map<Process, Path> outputs = new java.util.HashMap<>();

  private Path output(Process p) {
    return outputs.get(p);
  }

  private String awaitSecretKey(Process p) {
    return Await.value(() -> "a secret key printed:\n" + printed(p), Duration.ofSeconds(30), () -> {
      Matcher m = SECRET_KEY.matcher(printed(p));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    });
  }

  private String printed(Process p) {
    try {
      return Files.readString(output(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The launcher's output once it has printed its banner. */
  private String awaitBanner(Process p) {
    Path output = output(p);
    return Await.value(() -> "no banner printed:\n" + read(output), Duration.ofSeconds(30),
        () -> Optional.of(read(output)).filter(out -> out.contains("Stop with Ctrl-C.")));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URLs of the webhook endpoints on the processor, read with stripe-java. */
  private static List<String> webhookEndpoints(int processorPort, String key) throws Exception {
    com.stripe.StripeClient stripe = com.stripe.StripeClient.builder().setApiKey(key).setApiBase("http://127.0.0.1:" + processorPort).build();
    return stripe.v1().webhookEndpoints().list(com.stripe.param.WebhookEndpointListParams.builder().setLimit(100L).build())
        .getData().stream().map(com.stripe.model.WebhookEndpoint::getUrl).toList();
  }

  static String awaitHealthy(int port, Duration timeout) {
    AtomicReference<Exception> last = new AtomicReference<>();
    return Await.value(() -> "port " + port + " becomes healthy (last: " + last.get() + ")", timeout, () -> {
      try {
        HttpResponse<String> r = HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
      } catch (IOException e) {
        last.set(e);
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    });
  }

  private static void killGroup(Process p, String signal) throws Exception {
    if (p.isAlive()) {
      new ProcessBuilder("kill", "-" + signal, "--", "-" + p.pid()).inheritIO().start().waitFor();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

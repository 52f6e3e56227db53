package com.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Await;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor killed with {@code kill -9} after an event committed but before it was delivered
 * delivers it after restart: the outbox row survived, and the interrupted attempt's lease runs out.
 */
class WebhookCrashIT {
  private static final Path ROOT = Path.of(System.getenv().getOrDefault("COMPTOIR_ROOT", "..")).toAbsolutePath().normalize();
  private static final String KEY = "sk_test_crashTestKey0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dataDir;
  private Process processor;
  private HttpServer receiver;

  @AfterEach
  void stop() throws Exception {
    if (processor != null && processor.isAlive()) {
      new ProcessBuilder("kill", "-TERM", "--", "-" + processor.pid()).start().waitFor();
      processor.waitFor(30, TimeUnit.SECONDS);
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  void anEventCommittedBeforeAKillIsDeliveredAfterRestart() throws Exception {
    CountDownLatch firstAttemptArrived = new CountDownLatch(1);
    CountDownLatch neverAnswer = new CountDownLatch(1);
    List<String> delivered = new CopyOnWriteArrayList<>();
    String[] secret = new String[1];
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext("/hooks", exchange -> {
      String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (firstAttemptArrived.getCount() == 1) {
        firstAttemptArrived.countDown();
        try {
          neverAnswer.await(); // the processor dies while this attempt is in flight
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      try {
        Event event = Webhook.constructEvent(payload, exchange.getRequestHeaders().getFirst("Stripe-Signature"), secret[0]);
        delivered.add(event.getId());
        exchange.sendResponseHeaders(200, -1);
      } catch (Exception e) {
        exchange.sendResponseHeaders(400, -1);
      }
      exchange.close();
    });
    receiver.start();

    int port = LauncherIT.freePort();
    String base = "http://127.0.0.1:" + port;
    processor = launch(port);
    LauncherIT.awaitHealthy(port, Duration.ofSeconds(60));
    secret[0] = json(post(base, "/v1/webhook_endpoints", Map.of(
        "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
        "enabled_events[0]", "account.updated", "connect", "true")), "secret");
    String account = json(post(base, "/v1/accounts", Map.of()), "id");
    post(base, "/v1/accounts/" + account, Map.of("metadata[order]", "42"));
    assertThat(firstAttemptArrived.await(30, TimeUnit.SECONDS)).as("the first attempt reached the receiver").isTrue();

    new ProcessBuilder("kill", "-KILL", "--", "-" + processor.pid()).start().waitFor();
    assertThat(processor.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(delivered).isEmpty();

    processor = launch(port);
    LauncherIT.awaitHealthy(port, Duration.ofSeconds(60));
    // The interrupted attempt is leased for two minutes of processor time; let them pass.
    post(base, "/v1/test_helpers/clock/advance", Map.of("seconds", "300"));
    Await.until("the interrupted delivery is made again", Duration.ofSeconds(30), () -> !delivered.isEmpty());
    assertThat(delivered).hasSize(1);
    String events = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/events?type=account.updated"))
        .header("Authorization", "Bearer " + KEY).header("Stripe-Account", account).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(events).contains(delivered.get(0));
    neverAnswer.countDown();
  }

  private Process launch(int port) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("setsid", ROOT.resolve("comptoir").toString(), "processor")
        .directory(ROOT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(Files.createTempFile(dataDir.getParent(), "processor-", ".out").toFile());
    pb.environment().put("COMPTOIR_NO_BUILD", "1");
    pb.environment().put("COMPTOIR_DATA_DIR", dataDir.toString());
    pb.environment().put("COMPTOIR_PROCESSOR_PORT", Integer.toString(port));
    pb.environment().put("COMPTOIR_SECRET_KEY", KEY);
    return pb.start();
  }

  private static String post(String base, String path, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static String json(String body, String field) {
    Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }
}

package com.comptoir.soak;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A round-robin load balancer in front of the instances of one system, as production would have:
 * a backend that refuses the connection (killed, restarting) is skipped; one that dies mid-request
 * makes the balancer answer 502, which clients retry. It is also where webhook faults are injected:
 * the platform's {@code /webhooks/} paths can be made down (503), slow, or answer 500.
 */
final class Balancer implements AutoCloseable {
  enum WebhookFault { NONE, DOWN, SLOW, ERROR_500 }

  static final Duration SLOW_DELAY = Duration.ofSeconds(12); // past the processor's 10 s delivery timeout
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "date");

  private final String name;
  private final List<Node> backends;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  private final AtomicInteger next = new AtomicInteger();
  final AtomicReference<WebhookFault> fault = new AtomicReference<>(WebhookFault.NONE);
  /** Webhook deliveries turned away by an injected fault, and the ones let through. */
  final AtomicLong webhooksFaulted = new AtomicLong();
  final AtomicLong webhooksPassed = new AtomicLong();
  final AtomicLong badGateways = new AtomicLong();
  final AtomicLong requests = new AtomicLong();

  Balancer(String name, int port, List<Node> backends) throws IOException {
    this.name = name;
    this.backends = backends;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().startsWith("/webhooks/")) {
        WebhookFault f = fault.get();
        switch (f) {
          case DOWN -> {
            webhooksFaulted.incrementAndGet();
            respond(exchange, 503, "the webhook endpoint is down (soak fault)");
            return;
          }
          case ERROR_500 -> {
            webhooksFaulted.incrementAndGet();
            respond(exchange, 500, "the webhook endpoint failed (soak fault)");
            return;
          }
          case SLOW -> {
            webhooksFaulted.incrementAndGet();
            sleep(SLOW_DELAY);
          }
          case NONE -> webhooksPassed.incrementAndGet();
        }
      }
      forward(exchange, body);
    }
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    int first = Math.floorMod(next.getAndIncrement(), backends.size());
    for (int i = 0; i < backends.size(); i++) {
      Node backend = backends.get((first + i) % backends.size());
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.url() + exchange.getRequestURI()))
          .timeout(Duration.ofSeconds(60))
          .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((header, values) -> {
        if (!HOP_BY_HOP.contains(header.toLowerCase(java.util.Locale.ROOT))) {
          values.forEach(v -> request.header(header, v));
        }
      });
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (ConnectException e) {
        continue; // nothing was sent: the next backend may take it
      } catch (HttpTimeoutException e) {
        badGateways.incrementAndGet();
        respond(exchange, 504, name + ": the backend did not answer in time");
        return;
      } catch (IOException e) {
        // The backend died with the request in flight: it may or may not have been done. Say so; the client retries.
        if (e.getCause() instanceof ConnectException) {
          continue;
        }
        badGateways.incrementAndGet();
        respond(exchange, 502, name + ": the backend closed the connection");
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) {
        if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT)) && !h.getKey().startsWith(":")) {
          exchange.getResponseHeaders().put(h.getKey(), h.getValue());
        }
      }
      byte[] out = response.body();
      exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(out);
        }
      }
      return;
    }
    badGateways.incrementAndGet();
    respond(exchange, 503, name + ": no backend is up");
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package com.comptoir.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client without retries reading {@code GET /v1/balance} four times a second while PostgreSQL
 * restarts: what a client sees meanwhile, answer by answer (status, Stripe error type, and the
 * {@code Stripe-Should-Retry} header that tells the SDKs whether to retry).
 */
final class Probe {
  private final String base;
  private final String key;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
  private final AtomicLong maxLatencyMs = new AtomicLong();
  private volatile boolean running;
  private Thread thread;

  Probe(String base, String key) {
    this.base = base;
    this.key = key;
  }

  void start() {
    running = true;
    thread = Thread.ofVirtual().name("probe").start(() -> {
      while (running) {
        long t0 = System.nanoTime();
        answers.computeIfAbsent(once(), k -> new AtomicLong()).incrementAndGet();
        maxLatencyMs.accumulateAndGet(Duration.ofNanos(System.nanoTime() - t0).toMillis(), Math::max);
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  private String once() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/balance")).timeout(Duration.ofSeconds(60))
          .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        return "200";
      }
      String retry = r.headers().firstValue("Stripe-Should-Retry").orElse("absent");
      try {
        JsonNode error = Load.JSON.readTree(r.body()).path("error");
        if (error.has("type")) {
          return r.statusCode() + " " + error.path("type").asText() + " (Stripe-Should-Retry " + retry + ")";
        }
      } catch (IOException e) {
        // not JSON: answered below
      }
      return r.statusCode() + " not a Stripe error: " + r.body().substring(0, Math.min(60, r.body().length()));
    } catch (IOException e) {
      return "connection error " + e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join(Duration.ofSeconds(90));
  }

  Map<String, Long> answers() {
    Map<String, Long> out = new TreeMap<>();
    answers.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  long maxLatencyMs() {
    return maxLatencyMs.get();
  }
}

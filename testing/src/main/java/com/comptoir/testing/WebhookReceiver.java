package com.comptoir.testing;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A webhook receiver as a platform writes one: it verifies every delivery with stripe-java's
 * {@code Webhook.constructEvent} and answers 400 to a bad signature. It can be told to fail the
 * first attempts with 500, and be stopped and started again on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {
  private final int port;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> payloads = new CopyOnWriteArrayList<>();
  private final List<String> signatures = new CopyOnWriteArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile Duration failureDelay = Duration.ZERO;
  private final AtomicInteger badSignatures = new AtomicInteger();
  private volatile String secret;
  private HttpServer server;
  private boolean up;

  public WebhookReceiver() {
    this.port = start(0);
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/webhooks";
  }

  /** The {@code whsec_...} secret of the endpoint deliveries are verified against. */
  public void secret(String whsec) {
    this.secret = whsec;
  }

  /** Answers the next {@code n} deliveries with 500. */
  public void failNext(int n) {
    failNextSlowly(n, Duration.ZERO);
  }

  /** Answers the next {@code n} deliveries with 500, each after holding it for {@code delay}: an attempt kept in flight. */
  public void failNextSlowly(int n, Duration delay) {
    failureDelay = delay;
    failuresLeft.set(n);
  }

  private synchronized int start(int onPort) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/webhooks", exchange -> {
      String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      attempts.incrementAndGet();
      int status;
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        try {
          Thread.sleep(failureDelay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        status = 500;
      } else {
        try {
          Event event = Webhook.constructEvent(payload, exchange.getRequestHeaders().getFirst("Stripe-Signature"), secret);
          events.add(event);
          payloads.add(payload);
          signatures.add(exchange.getRequestHeaders().getFirst("Stripe-Signature"));
          status = 200;
        } catch (SignatureVerificationException e) {
          badSignatures.incrementAndGet();
          status = 400;
        }
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    up = true;
    return server.getAddress().getPort();
  }

  /** Goes down: connections are refused until {@link #restart()}. */
  public synchronized void stop() {
    if (up) {
      server.stop(0);
      up = false;
    }
  }

  public synchronized void restart() {
    start(port);
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  public List<String> payloads() {
    return List.copyOf(payloads);
  }

  /** The {@code Stripe-Signature} header of each verified delivery, in the order of {@link #payloads()}. */
  public List<String> signatures() {
    return List.copyOf(signatures);
  }

  public int attempts() {
    return attempts.get();
  }

  public int badSignatures() {
    return badSignatures.get();
  }

  /** Waits until a verified event matches, or fails after {@code timeout}. */
  public Event await(Predicate<Event> match, Duration timeout) {
    return Await.value(() -> "a matching event; received " + events.size() + " events, " + attempts.get() + " attempts, "
        + badSignatures.get() + " bad signatures", timeout, () -> events.stream().filter(match).findFirst());
  }

  @Override
  public void close() {
    stop();
  }
}

package com.comptoir.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The processor's Stripe API with the platform's secret key, as curl in Stripe's docs: form
 * bodies, {@code Stripe-Account} for a connected account, JSON answers. What a Custom platform, or
 * the account holder's Dashboard, does through the API; and the processor's test helpers (the
 * clock, paying a Checkout Session as the hosted page does).
 */
final class StripeHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String authorization;

  StripeHttp(String base, String secretKey) {
    this.base = base;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString((secretKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  JsonNode post(String path, String account, Map<String, String> fields) {
    return call("POST", path, account, Person.form(fields));
  }

  JsonNode get(String path, String account) {
    return call("GET", path, account, null);
  }

  /** The processor's test helper: moves its clock forward, running what became due. */
  void advanceClock(Duration by) {
    post("/v1/test_helpers/clock/advance", null, Map.of("seconds", Long.toString(by.toSeconds())));
  }

  private JsonNode call(String method, String path, String account, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
        .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (account != null) {
      request.header("Stripe-Account", account);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2 && response.statusCode() != 402) {
        throw new DemoException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted");
    }
  }
}

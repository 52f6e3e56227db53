package com.comptoir.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain HTTP client speaking Stripe's wire format, for tests that check the protocol itself
 * (headers, encodings, errors) below what an SDK shows.
 */
public final class StripeHttp {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String key;
  private final Map<String, String> headers = new LinkedHashMap<>();

  StripeHttp(String base, String key) {
    this.base = base;
    this.key = key;
  }

  private StripeHttp(StripeHttp from) {
    this.base = from.base;
    this.key = from.key;
    this.headers.putAll(from.headers);
  }

  /** A copy that sends {@code name: value} on every request (null removes it). */
  public StripeHttp header(String name, String value) {
    StripeHttp copy = new StripeHttp(this);
    if (value == null) {
      copy.headers.remove(name);
    } else {
      copy.headers.put(name, value);
    }
    return copy;
  }

  public StripeHttp withoutKey() {
    return new StripeHttp(base, null).withHeaders(headers);
  }

  public StripeHttp withKey(String otherKey) {
    return new StripeHttp(base, otherKey).withHeaders(headers);
  }

  private StripeHttp withHeaders(Map<String, String> more) {
    headers.putAll(more);
    return this;
  }

  public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .findFirst().map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  public Response get(String pathAndQuery) {
    return send("GET", pathAndQuery, null);
  }

  public Response delete(String pathAndQuery) {
    return send("DELETE", pathAndQuery, null);
  }

  /** POST with form parameters, encoded as Stripe's SDKs encode them. */
  public Response post(String path, Map<String, String> form) {
    return postRaw(path, encode(form));
  }

  public Response postRaw(String path, String body) {
    return send("POST", path, body);
  }

  public static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public Response send(String method, String pathAndQuery, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    headers.forEach(b::header);
    if (body != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

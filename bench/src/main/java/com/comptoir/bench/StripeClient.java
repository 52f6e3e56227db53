package com.comptoir.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Stripe API as a platform calls it: form-encoded, the secret key, {@code Stripe-Account} when
 * acting for a connected account. Every answer's status is checked: anything but a 200 fails the
 * benchmark, so an error is never counted as work done.
 */
record StripeClient(HttpClient client, String base, String key) {
  String post(String account, String path, Map<String, String> form) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (account != null) {
      b.header("Stripe-Account", account);
    }
    return check(path, client.send(b.build(), HttpResponse.BodyHandlers.ofString()));
  }

  String get(String path) throws Exception {
    return check(path, client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).build(),
        HttpResponse.BodyHandlers.ofString()));
  }

  /** A form body, URL-encoded, in the map's order. */
  static String form(Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return body.toString();
  }

  private static String check(String path, HttpResponse<String> r) {
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}

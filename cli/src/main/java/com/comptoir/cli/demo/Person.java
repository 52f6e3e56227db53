package com.comptoir.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Someone using the platform's and the processor's web pages without a screen: keeps their
 * cookies, follows no redirect by itself, and posts forms with the CSRF token of the page they were
 * last shown, as the form on it would. The demo's world is made through these pages, never SQL.
 */
final class Person {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** One answer: where it was, its status, body and redirect. */
  record Page(URI url, int status, String body, String location) {
    URI next() {
      if (location == null) {
        throw new DemoException("expected a redirect from " + url + ", got " + status + ": " + excerpt());
      }
      return url.resolve(location);
    }

    Page expect(int expected) {
      if (status != expected) {
        throw new DemoException(url + " answered " + status + " (expected " + expected + "): " + excerpt());
      }
      return this;
    }

    String excerpt() {
      String text = body.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
      return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
  }

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
  private String csrf;

  Page get(URI url) {
    return send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build());
  }

  /** GETs {@code url} and follows redirects while they stay on {@code origin}; the last page, or the redirect that left. */
  Page follow(URI url, String origin) {
    Page page = get(url);
    for (int hops = 0; page.location() != null && page.next().toString().startsWith(origin); hops++) {
      if (hops == 10) {
        throw new DemoException("more than 10 redirects from " + url);
      }
      page = get(page.next());
    }
    return page;
  }

  /** Posts {@code fields} with the token of the last form shown. */
  Page post(URI url, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.putIfAbsent("csrf", csrf);
    }
    return send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(all))).build());
  }

  /** Posts a {@code multipart/form-data} form, as a browser does for a form with a file field. */
  Page postMultipart(URI url, Map<String, String> fields, String fileField, String fileName, byte[] file, String contentType) {
    String boundary = "----comptoir-demo-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.putIfAbsent("csrf", csrf);
    }
    all.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
        + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  private Page send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(response.body());
      if (m.find()) {
        csrf = m.group(1);
      }
      return new Page(request.uri(), response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted");
    }
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}

package com.comptoir.soak;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person on the platform's web pages without a screen: keeps cookies, does not follow redirects,
 * and posts forms with the CSRF token of the last page shown, as a browser would.
 */
final class Web {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  record Page(int status, String body, String location) {
    String find(Pattern pattern) {
      Matcher m = pattern.matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("expected " + pattern + " on a " + status + " page: "
            + body.substring(0, Math.min(300, body.length())));
      }
      return m.group(1);
    }
  }

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private String csrf;

  Web(String base) {
    this.base = base;
  }

  Page get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build());
  }

  Page post(String path, Map<String, String> fields) throws IOException, InterruptedException {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.put("csrf", csrf);
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(withToken))).build());
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private Page send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(response.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
  }
}

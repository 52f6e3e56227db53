package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser as plain HTTP: it follows no redirect by itself and keeps the one cookie the
 * dashboard sets, so tests see every status, header and page as sent.
 */
final class DashboardVisitor {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final String base;
  private String cookie;

  DashboardVisitor(TestProcessor processor) {
    this.base = processor.url();
  }

  record Page(int status, String body, HttpResponse<String> response) {
    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    String csrf() {
      Matcher m = CSRF.matcher(body);
      assertThat(m.find()).as(body).isTrue();
      return m.group(1);
    }
  }

  /** An Express account of {@code country}; {@code params} as for {@code POST /v1/accounts}. */
  static String expressAccount(StripeHttp http, String country, Map<String, String> params) {
    Map<String, String> form = new java.util.HashMap<>(params);
    form.put("type", "express");
    form.put("country", country);
    StripeHttp.Response r = http.post("/v1/accounts", form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("id").asText();
  }

  /** The path of a new login link: its URL names the processor's public host, the path is the same on any. */
  static String loginPath(StripeHttp http, String account) {
    String url = http.post("/v1/accounts/" + account + "/login_links", Map.of()).json().get("url").asText();
    return URI.create(url).getPath();
  }

  /** Opens a new login link of {@code account} and lands on the dashboard. */
  Page signIn(StripeHttp http, String account) {
    Page login = get(loginPath(http, account));
    assertThat(login.status()).as(login.body()).isEqualTo(302);
    assertThat(login.header("Location")).isEqualTo("/dashboard");
    Page dashboard = get("/dashboard");
    assertThat(dashboard.status()).as(dashboard.body()).isEqualTo(200);
    return dashboard;
  }

  Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A form post; a key may repeat, as checkboxes of one name do. */
  Page post(String path, List<Map.Entry<String, String>> form) {
    String body = form.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** This visitor with another visitor's cookie: a session stolen or mixed up. */
  void useCookieOf(DashboardVisitor other) {
    this.cookie = other.cookie;
  }

  private Page send(HttpRequest.Builder request) {
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    try {
      HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      r.headers().firstValue("Set-Cookie").ifPresent(set -> cookie = set.substring(0, set.indexOf(';')));
      return new Page(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

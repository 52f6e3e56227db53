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
 * A person's browser as plain HTTP: it follows no redirect by itself and keeps the cookies the
 * hosted pages set (by name, sending all of them everywhere: paths are not what these tests are
 * about), so tests see every status, header and page as sent.
 */
final class DashboardVisitor {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  /** A Standard holder's test password: long enough, and never the e-mail. */
  static final String PASSWORD = "correct horse battery";

  private final String base;
  private final HttpClient client;
  private final Map<String, String> cookies = new java.util.LinkedHashMap<>();

  DashboardVisitor(TestProcessor processor) {
    this.base = processor.url();
    this.client = CLIENT;
  }

  /** A visitor whose connections come from {@code address} (any 127.x.y.z reaches the processor): another client. */
  DashboardVisitor(TestProcessor processor, String address) {
    this.base = processor.url();
    try {
      this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
          .localAddress(java.net.InetAddress.getByName(address)).build();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }

  record Page(int status, String body, HttpResponse<String> response) {
    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    List<String> headers(String name) {
      return response.headers().allValues(name);
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

  /** A Standard account (the default type) whose owner's e-mail is {@code email}. */
  static String standardAccount(StripeHttp http, String email, String businessName) {
    StripeHttp.Response r = http.post("/v1/accounts", Map.of("email", email, "business_profile[name]", businessName));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("type").asText()).isEqualTo("standard");
    return r.json().get("id").asText();
  }

  /** A unique e-mail for a test's holder: logins are unique per e-mail across the processor. */
  static String email(String name) {
    return name + "." + com.comptoir.processor.store.Ids.random(8).toLowerCase(java.util.Locale.ROOT) + "@example.com";
  }

  /**
   * Opens a new account link of {@code account} and verifies the phone, as the holder does first;
   * returns the step hosted onboarding sends them to next.
   */
  String startOnboarding(StripeHttp http, String account) {
    StripeHttp.Response link = http.post("/v1/account_links", Map.of("account", account, "type", "account_onboarding",
        "refresh_url", "https://example.com/reauth", "return_url", "https://example.com/return"));
    assertThat(link.status()).as(link.body()).isEqualTo(200);
    Page opened = get(URI.create(link.json().get("url").asText()).getPath());
    assertThat(opened.header("Location")).isEqualTo("/onboarding");
    String csrf = get("/onboarding/verify").csrf();
    Page verified = post("/onboarding/verify", List.of(Map.entry("csrf", csrf), Map.entry("phone", "000 000 0000"),
        Map.entry("code", "000000")));
    assertThat(verified.status()).as(verified.body()).isEqualTo(302);
    return verified.header("Location");
  }

  /** The onboarding step that creates a Standard holder's Dashboard login, as they fill it in. */
  Page chooseLogin(String email, String password) {
    String csrf = get("/onboarding/login").csrf();
    return post("/onboarding/login", List.of(Map.entry("csrf", csrf), Map.entry("email", email), Map.entry("password", password)));
  }

  /** A Standard account whose holder has chosen their Dashboard login in hosted onboarding. */
  static String standardAccountWithLogin(TestProcessor processor, String email, String businessName) {
    StripeHttp http = processor.http();
    String account = standardAccount(http, email, businessName);
    DashboardVisitor holder = new DashboardVisitor(processor);
    assertThat(holder.startOnboarding(http, account)).isEqualTo("/onboarding/login");
    Page chosen = holder.chooseLogin(email, PASSWORD);
    assertThat(chosen.status()).as(chosen.body()).isEqualTo(302);
    return account;
  }

  /** The sign-in form, filled in and sent with the token of the page it came from. */
  Page signInWith(String email, String password) {
    String csrf = get("/dashboard/login").csrf();
    return post("/dashboard/login", List.of(Map.entry("csrf", csrf), Map.entry("email", email), Map.entry("password", password)));
  }

  /** Signs in with a Standard holder's e-mail and password and lands on the dashboard. */
  Page signInAsHolder(String email, String password) {
    Page signedIn = signInWith(email, password);
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
    assertThat(signedIn.header("Location")).isEqualTo("/dashboard");
    Page dashboard = get("/dashboard");
    assertThat(dashboard.status()).as(dashboard.body()).isEqualTo(200);
    return dashboard;
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

  /** This visitor with another visitor's cookies: a session stolen or mixed up. */
  void useCookieOf(DashboardVisitor other) {
    cookies.clear();
    cookies.putAll(other.cookies);
  }

  /** Sets a cookie by hand, as someone tampering with their browser would. */
  void cookie(String name, String value) {
    cookies.put(name, value);
  }

  String cookie(String name) {
    return cookies.get(name);
  }

  private Page send(HttpRequest.Builder request) {
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      for (String set : r.headers().allValues("Set-Cookie")) {
        String pair = set.contains(";") ? set.substring(0, set.indexOf(';')) : set;
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (value.isEmpty() || set.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return new Page(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

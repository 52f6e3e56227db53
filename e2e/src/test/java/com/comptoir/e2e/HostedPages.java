package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An account holder on Stripe's hosted pages (the processor's onboarding and Dashboard) without a
 * screen: keeps its cookies, follows redirects while they stay on the processor, and posts forms
 * with the token of the page they are on, as a browser would.
 */
final class HostedPages {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final int MAX_REDIRECTS = 10;

  /**
   * Where a visit ended: the page's address and body, or, when a redirect left the processor,
   * that redirect's status and {@code location}.
   */
  record Page(String url, int status, String body, String location) {
    String csrf() {
      Matcher m = CSRF.matcher(body);
      assertThat(m.find()).as("a form on " + url).isTrue();
      return m.group(1);
    }
  }

  private final Stack stack;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  HostedPages(Stack stack) {
    this.stack = stack;
  }

  Page open(String url) {
    return follow(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  /** Submits the form at {@code path} on {@code page}'s origin with {@code fields} and the page's token. */
  Page submit(Page page, String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.put("csrf", page.csrf());
    return follow(HttpRequest.newBuilder(URI.create(page.url()).resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(Stack.form(withToken))).build());
  }

  private Page follow(HttpRequest request) {
    try {
      for (int redirects = 0; redirects <= MAX_REDIRECTS; redirects++) {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElse(null);
        if (response.statusCode() / 100 != 3 || location == null) {
          return new Page(request.uri().toString(), response.statusCode(), response.body(), null);
        }
        URI next = request.uri().resolve(location);
        if (!next.toString().startsWith(stack.processor.url() + "/")) {
          return new Page(request.uri().toString(), response.statusCode(), response.body(), next.toString());
        }
        request = HttpRequest.newBuilder(next).GET().build();
      }
      throw new AssertionError("more than " + MAX_REDIRECTS + " redirects from " + request.uri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Stripe-hosted onboarding of a Standard account whose details the platform prefilled: the holder
   * verifies their phone, creates their Dashboard login ({@code email}, {@code password}) and
   * accepts the agreement, and is sent back to the platform's return URL, which is returned.
   */
  static String onboardStandard(HostedPages holder, String accountLink, String email, String password) {
    Page verify = holder.open(accountLink);
    assertThat(verify.url()).as(verify.body()).endsWith("/onboarding/verify");
    Page login = holder.submit(verify, "/onboarding/verify", Map.of("phone", "000 000 0000", "code", "000000"));
    assertThat(login.url()).as(login.body()).endsWith("/onboarding/login");
    Page review = holder.submit(login, "/onboarding/login", Map.of("email", email, "password", password));
    assertThat(review.url()).as(review.body()).endsWith("/onboarding/review");
    Page back = holder.submit(review, "/onboarding/review", Map.of("tos", "on"));
    assertThat(back.location()).as(back.body()).isNotNull();
    return back.location();
  }
}

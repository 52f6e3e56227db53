package com.comptoir.e2e;

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
 * A browser without a screen, for tests about what the server allows: keeps its cookies, does not
 * follow redirects, and posts forms with the CSRF token of the last page it was shown, as a real
 * form would.
 */
final class Visitor {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  /** One answer: its status, body and where it redirects to. */
  record Page(int status, String body, String location) {}

  private final Stack stack;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private String csrf;

  Visitor(Stack stack) {
    this.stack = stack;
  }

  Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(stack.url(path))).GET().build());
  }

  /** Posts {@code fields} with the session's CSRF token, as the form on the last page shown would. */
  Page post(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    if (csrf == null) {
      get("/login");
    }
    withToken.put("csrf", csrf);
    return postRaw(path, withToken);
  }

  /** Posts exactly {@code fields}: no token unless given. */
  Page postRaw(String path, Map<String, String> fields) {
    return send(HttpRequest.newBuilder(URI.create(stack.url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(Stack.form(fields))).build());
  }

  String csrf() {
    return csrf;
  }

  /** Signs up and stops at the first redirect (to onboarding); the account exists by then. */
  Page signUp(String email, String storeName) {
    return signUp(email, storeName, "US");
  }

  Page signUp(String email, String storeName, String country) {
    get("/signup");
    return post("/signup", Map.of("email", email, "password", "a good long password", "store_name", storeName, "country", country));
  }

  Page logIn(String email, String password) {
    get("/login");
    return post("/login", Map.of("email", email, "password", password));
  }

  Page logInAsOperator() {
    get("/operator/login");
    return post("/operator/login", Map.of("email", Stack.OPERATOR_EMAIL, "password", Stack.OPERATOR_PASSWORD));
  }

  private Page send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(response.body());
      if (m.find()) {
        csrf = m.group(1);
      }
      return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reading pages writes no session: an anonymous visitor's session lives in its cookie until it
 * holds something, and the forms it is shown still need their CSRF token, bound to that cookie.
 */
class AnonymousSessionsTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private final Stack stack = Stack.shared();
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(stack.url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(HttpClient client, String path, Map<String, String> fields) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(stack.url(path))).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(Stack.form(fields))).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String sessionCookie() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().endsWith("comptoir_session"))
        .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no session cookie"));
  }

  private int rowsFor(String token) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    return stack.platformJdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM sessions WHERE token_hash = :h")
        .bind("h", hash).mapTo(Integer.class).one());
  }

  private static String csrf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as(page.body()).isTrue();
    return m.group(1);
  }

  @Test
  void anonymousPageViewsWriteNoSessionYetTheirFormsStillNeedTheirToken() throws Exception {
    for (String path : new String[] {"/", "/signup", "/password/forgot", "/operator/login"}) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(200);
    }
    String token = csrf(get("/login"));
    String cookie = sessionCookie();
    assertThat(rowsFor(cookie)).as("no session row for page views").isZero();

    // The form's token is checked against the cookie, with no row: a wrong password is a 401, not a 403.
    Map<String, String> login = new LinkedHashMap<>(Map.of("email", "nobody+" + System.nanoTime() + "@example.com",
        "password", "not a password", "csrf", token));
    assertThat(post(http, "/login", login).statusCode()).isEqualTo(401);
    assertThat(rowsFor(cookie)).as("a refused log-in stores no session either").isZero();

    // Without the token, or with this page's token from a browser without this cookie: refused.
    Map<String, String> noToken = new LinkedHashMap<>(login);
    noToken.remove("csrf");
    assertThat(post(http, "/login", noToken).statusCode()).isEqualTo(403);
    HttpClient otherBrowser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    assertThat(post(otherBrowser, "/login", login).statusCode()).isEqualTo(403);
    HttpClient forgedCookie = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String otherToken = "A".repeat(43);
    assertThat(forgedCookie.send(HttpRequest.newBuilder(URI.create(stack.url("/login")))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "comptoir_session=" + otherToken)
        .POST(HttpRequest.BodyPublishers.ofString(Stack.form(login))).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("another cookie's token does not match").isEqualTo(403);
  }

  @Test
  void signingInStoresTheSession() throws Exception {
    String email = "stored+" + System.nanoTime() + "@example.com";
    new Visitor(stack).signUp(email, "Stored");
    String token = csrf(get("/login"));
    HttpResponse<String> in = post(http, "/login", Map.of("email", email, "password", "a good long password", "csrf", token));
    assertThat(in.headers().firstValue("Location")).hasValue("/dashboard");
    assertThat(rowsFor(sessionCookie())).isEqualTo(1);
    assertThat(get("/dashboard").statusCode()).isEqualTo(200);
  }
}

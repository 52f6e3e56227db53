package com.comptoir.platform.testing;

import com.comptoir.platform.Platform;
import com.comptoir.platform.PlatformSettings;
import com.zaxxer.hikari.HikariDataSource;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A platform on a fresh database with configured webhook secrets, talking to a Stripe API base
 * that refuses connections: for tests of what the platform does on its own (webhook intake,
 * CSRF, headers). Tests that need Stripe live in the e2e module, against the processor.
 */
public final class RunningPlatform implements AutoCloseable {
  public static final String PLATFORM_SECRET = "whsec_platformTestSecret0001";
  public static final String CONNECT_SECRET = "whsec_connectTestSecret00002";

  private final HikariDataSource dataSource;
  private final Platform platform;
  public final Jdbi jdbi;

  public RunningPlatform() {
    dataSource = TestDatabase.fresh();
    platform = Platform.start(PlatformSettings.embedded(dataSource, "127.0.0.1", 0, "sk_test_unreachable000",
            URI.create("http://127.0.0.1:9"), new PlatformSettings.OperatorLogin("operator@example.com", "operator password 1"))
        .withWebhookSecrets(new PlatformSettings.WebhookSecrets.Configured(PLATFORM_SECRET, CONNECT_SECRET))
        .withReconcileInterval(Duration.ofHours(1)));
    jdbi = Jdbi.create(dataSource);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + platform.port() + path;
  }

  /** A browser-like client: keeps cookies, does not follow redirects. */
  public static HttpClient client() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  public HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(HttpClient client, String path, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return client.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The CSRF token of the first form on a page. */
  public static String csrf(String html) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF token on the page:\n" + html);
    }
    return m.group(1);
  }

  @Override
  public void close() {
    platform.close();
    dataSource.close();
  }
}

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
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A platform on a fresh database. {@link #RunningPlatform()} has configured webhook secrets and a
 * Stripe API base that refuses connections: for tests of what the platform does on its own
 * (webhook intake, CSRF, headers). {@link #against} talks to a real processor, which signs its
 * webhooks to the endpoints the platform registers at start: for the platform's order logic.
 */
public final class RunningPlatform implements AutoCloseable {
  public static final String PLATFORM_SECRET = "whsec_platformTestSecret0001";
  public static final String CONNECT_SECRET = "whsec_connectTestSecret00002";

  private final HikariDataSource dataSource;
  private final Platform platform;
  public final Jdbi jdbi;

  public RunningPlatform() {
    this(db -> embedded(db, "sk_test_unreachable000", "http://127.0.0.1:9")
        .withWebhookSecrets(new PlatformSettings.WebhookSecrets.Configured(PLATFORM_SECRET, CONNECT_SECRET)));
  }

  private RunningPlatform(Function<HikariDataSource, PlatformSettings> settings) {
    dataSource = TestDatabase.fresh();
    platform = Platform.start(settings.apply(dataSource));
    jdbi = Jdbi.create(dataSource);
  }

  /**
   * A platform of Custom connected accounts (so tests complete them through the API) on {@code
   * secretKey}'s processor at {@code apiBase}, its webhook endpoints registered there at start.
   */
  public static RunningPlatform against(String secretKey, String apiBase) {
    return new RunningPlatform(db -> embedded(db, secretKey, apiBase)
        .withAccountType(Optional.of(PlatformSettings.AccountType.CUSTOM)));
  }

  private static PlatformSettings embedded(HikariDataSource db, String secretKey, String apiBase) {
    return PlatformSettings.embedded(db, "127.0.0.1", 0, secretKey, URI.create(apiBase),
            new PlatformSettings.OperatorLogin("operator@example.com", "operator password 1"))
        .withReconcileInterval(Duration.ofHours(1));
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

package com.comptoir.processor;

import com.comptoir.processor.accounts.PlatformAccount;
import com.comptoir.processor.accounts.PlatformLogin;
import com.comptoir.processor.api.ApiExchange;
import com.comptoir.processor.events.WebhookSettings;
import com.comptoir.processor.logs.RequestLog;
import com.comptoir.processor.sandboxes.SandboxSettings;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the processor needs to run: its own database, the port it listens on, and optionally the
 * platform account's secret key (when absent one is generated on first start and kept).
 *
 * @param publicUrl the base URL that hosted pages (onboarding, checkout) are linked from; when
 *     empty it is {@code http://localhost:<port>}
 * @param listener told of every answered API request (access logs, metrics, conformance checks)
 * @param webhooks delivery timeouts and the retry schedule
 * @param branding the platform account's name and colour when it is first created
 * @param rateLimitPerSecond requests a second allowed to each API key before Stripe's 429
 *     {@code rate_limit}; 0 (the default) for no limit
 * @param dashboardLogin the platform's own Dashboard login, made or updated at start; when empty
 *     the platform cannot sign in to the Dashboard (tests that do not need it)
 * @param requestLog how many API requests, and for how long, the Dashboard's Logs keep
 * @param sandboxes how many sandboxes may exist, and when an idle one is deleted
 */
public record ProcessorSettings(
    DataSource dataSource,
    String host,
    int port,
    Optional<String> secretKey,
    Optional<String> publicUrl,
    ApiExchange.Listener listener,
    WebhookSettings webhooks,
    PlatformAccount.Branding branding,
    int rateLimitPerSecond,
    Optional<PlatformLogin> dashboardLogin,
    RequestLog.Retention requestLog,
    SandboxSettings sandboxes) {

  public ProcessorSettings {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(branding, "branding");
    Objects.requireNonNull(dashboardLogin, "dashboardLogin");
    Objects.requireNonNull(requestLog, "requestLog");
    Objects.requireNonNull(sandboxes, "sandboxes");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (rateLimitPerSecond < 0) {
      throw new IllegalArgumentException("rateLimitPerSecond must be 0 (no limit) or more, was " + rateLimitPerSecond);
    }
    secretKey.ifPresent(PlatformAccount::requireSecretKeyFormat);
  }

  public ProcessorSettings(DataSource dataSource, String host, int port, Optional<String> secretKey) {
    this(dataSource, host, port, secretKey, Optional.empty(), ApiExchange.Listener.NONE, WebhookSettings.DEFAULTS, DEFAULT_BRANDING, 0, Optional.empty(), RequestLog.Retention.DEFAULT,
        SandboxSettings.DEFAULTS);
  }

  /** What the platform account is called and coloured until its owner says otherwise. */
  public static final PlatformAccount.Branding DEFAULT_BRANDING = new PlatformAccount.Branding("Comptoir", "#3d5afe");

  public ProcessorSettings withListener(ApiExchange.Listener newListener) {
    return new ProcessorSettings(dataSource, host, port, secretKey, publicUrl, newListener, webhooks, branding, rateLimitPerSecond, dashboardLogin, requestLog, sandboxes);
  }

  public ProcessorSettings withWebhooks(WebhookSettings newWebhooks) {
    return new ProcessorSettings(dataSource, host, port, secretKey, publicUrl, listener, newWebhooks, branding, rateLimitPerSecond, dashboardLogin, requestLog, sandboxes);
  }

  public ProcessorSettings withBranding(PlatformAccount.Branding newBranding) {
    return new ProcessorSettings(dataSource, host, port, secretKey, publicUrl, listener, webhooks, newBranding, rateLimitPerSecond, dashboardLogin, requestLog, sandboxes);
  }

  public ProcessorSettings withRateLimit(int requestsPerSecond) {
    return new ProcessorSettings(dataSource, host, port, secretKey, publicUrl, listener, webhooks, branding, requestsPerSecond, dashboardLogin, requestLog, sandboxes);
  }

  public ProcessorSettings withDashboardLogin(PlatformLogin login) {
    return new ProcessorSettings(dataSource, host, port, secretKey, publicUrl, listener, webhooks, branding, rateLimitPerSecond,
        Optional.of(login), requestLog, sandboxes);
  }

  public ProcessorSettings withRequestLog(RequestLog.Retention retention) {
    return new ProcessorSettings(dataSource, host, port, secretKey, publicUrl, listener, webhooks, branding, rateLimitPerSecond,
        dashboardLogin, retention, sandboxes);
  }

  public ProcessorSettings withSandboxes(SandboxSettings newSandboxes) {
    return new ProcessorSettings(dataSource, host, port, secretKey, publicUrl, listener, webhooks, branding, rateLimitPerSecond,
        dashboardLogin, requestLog, newSandboxes);
  }

  public ProcessorSettings withPublicUrl(String url) {
    return new ProcessorSettings(dataSource, host, port, secretKey, Optional.of(url), listener, webhooks, branding, rateLimitPerSecond, dashboardLogin, requestLog, sandboxes);
  }
}

package com.comptoir.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The launcher's settings, read once from the environment and validated before anything starts,
 * so a bad value stops start-up with a message naming the setting.
 */
record Settings(
    Path dataDir,
    String host,
    int processorPort,
    int platformPort,
    Optional<DatabaseUrl> processorDatabase,
    Optional<DatabaseUrl> platformDatabase,
    Optional<String> secretKey,
    Optional<String> stripeApiBase,
    String platformName,
    String platformColor,
    Optional<String> stripeSecretKey,
    Optional<WebhookSecrets> webhookSecrets,
    Optional<URI> platformPublicUrl,
    Optional<String> accountType,
    int feePercentBasisPoints,
    Map<String, Long> feeFixedAmounts,
    Optional<URI> smtpUrl,
    String mailFrom,
    String operatorEmail,
    Optional<String> operatorPassword,
    Duration reconcileInterval,
    Optional<URI> stripeDashboardUrl,
    int rateLimitPerSecond,
    String dashboardEmail,
    Optional<String> dashboardPassword,
    int sandboxLimit,
    Optional<Duration> sandboxIdleExpiry) {

  /** The signing secrets of the platform's two webhook endpoints, as the Stripe Dashboard shows them. */
  record WebhookSecrets(String platform, String connect) {
    @Override
    public String toString() {
      return "WebhookSecrets[...]";
    }
  }

  static final int DEFAULT_PROCESSOR_PORT = 12111;
  static final int DEFAULT_PLATFORM_PORT = 8080;

  static Settings fromEnvironment(Map<String, String> env, Path projectRoot) {
    Path dataDir = projectRoot.resolve(value(env, "COMPTOIR_DATA_DIR").orElse("data")).normalize();
    return new Settings(
        dataDir,
        value(env, "COMPTOIR_HOST").orElse("127.0.0.1"),
        port(env, "COMPTOIR_PROCESSOR_PORT", DEFAULT_PROCESSOR_PORT),
        port(env, "COMPTOIR_PLATFORM_PORT", DEFAULT_PLATFORM_PORT),
        value(env, "COMPTOIR_PROCESSOR_DATABASE_URL").map(v -> DatabaseUrl.parse("COMPTOIR_PROCESSOR_DATABASE_URL", v)),
        value(env, "COMPTOIR_PLATFORM_DATABASE_URL").map(v -> DatabaseUrl.parse("COMPTOIR_PLATFORM_DATABASE_URL", v)),
        value(env, "COMPTOIR_SECRET_KEY").map(Settings::secretKey),
        value(env, "COMPTOIR_STRIPE_API_BASE").map(Settings::apiBase),
        platformName(value(env, "COMPTOIR_PLATFORM_NAME").orElse("Comptoir")),
        color(value(env, "COMPTOIR_PLATFORM_COLOR").orElse("#3d5afe")),
        value(env, "COMPTOIR_STRIPE_SECRET_KEY").map(Settings::stripeSecretKey),
        webhookSecrets(env),
        value(env, "COMPTOIR_PLATFORM_PUBLIC_URL").map(Settings::publicUrl),
        value(env, "COMPTOIR_ACCOUNT_TYPE").map(Settings::accountType),
        feePercent(value(env, "COMPTOIR_FEE_PERCENT").orElse("2.5")),
        feeFixed(value(env, "COMPTOIR_FEE_FIXED").orElse("usd:30,eur:25,gbp:20")),
        value(env, "COMPTOIR_SMTP_URL").map(Settings::smtpUrl),
        mailFrom(value(env, "COMPTOIR_MAIL_FROM").orElse("Comptoir <no-reply@localhost>")),
        operatorEmail(value(env, "COMPTOIR_OPERATOR_EMAIL").orElse("operator@comptoir.localhost")),
        value(env, "COMPTOIR_OPERATOR_PASSWORD").map(Settings::operatorPassword),
        reconcileInterval(value(env, "COMPTOIR_RECONCILE_MINUTES").orElse("10")),
        value(env, "COMPTOIR_STRIPE_DASHBOARD_URL").map(Settings::dashboardUrl),
        rateLimit(value(env, "COMPTOIR_RATE_LIMIT").orElse("0")),
        dashboardEmail(value(env, "COMPTOIR_DASHBOARD_EMAIL").orElse("platform@comptoir.localhost")),
        value(env, "COMPTOIR_DASHBOARD_PASSWORD").map(Settings::dashboardPassword),
        sandboxLimit(value(env, "COMPTOIR_SANDBOX_LIMIT").orElse("50")),
        value(env, "COMPTOIR_SANDBOX_IDLE_EXPIRY").flatMap(Settings::sandboxIdleExpiry))
        .validated();
  }

  /** Checks between settings: what one setting means depends on another. */
  private Settings validated() {
    if (webhookSecrets.isEmpty() && stripeApiBase.map(Settings::isStripe).orElse(false)) {
      throw new SettingsException("COMPTOIR_STRIPE_WEBHOOK_SECRET and COMPTOIR_STRIPE_CONNECT_WEBHOOK_SECRET must be set when"
          + " COMPTOIR_STRIPE_API_BASE is Stripe: create the two endpoints in the Stripe Dashboard (see the README, \"Real Stripe\")"
          + " and copy their signing secrets");
    }
    if (stripeSecretKey.isPresent() && stripeSecretKey.get().contains("_live_")
        && platformPublicUrl.map(u -> !"https".equals(u.getScheme())).orElse(true)) {
      throw new SettingsException("COMPTOIR_PLATFORM_PUBLIC_URL must be an https URL with a live COMPTOIR_STRIPE_SECRET_KEY:"
          + " Stripe sends live account links and webhooks only over https");
    }
    return this;
  }

  private static boolean isStripe(String apiBase) {
    String host = URI.create(apiBase).getHost();
    return host != null && (host.equals("stripe.com") || host.endsWith(".stripe.com"));
  }

  private static String stripeSecretKey(String key) {
    if (!key.matches("(sk|rk)_(test|live)_[A-Za-z0-9]{8,247}")) {
      throw new SettingsException("COMPTOIR_STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_..., sk_live_..., rk_...)");
    }
    return key;
  }

  private static Optional<WebhookSecrets> webhookSecrets(Map<String, String> env) {
    Optional<String> platform = value(env, "COMPTOIR_STRIPE_WEBHOOK_SECRET").map(v -> webhookSecret("COMPTOIR_STRIPE_WEBHOOK_SECRET", v));
    Optional<String> connect = value(env, "COMPTOIR_STRIPE_CONNECT_WEBHOOK_SECRET")
        .map(v -> webhookSecret("COMPTOIR_STRIPE_CONNECT_WEBHOOK_SECRET", v));
    if (platform.isPresent() != connect.isPresent()) {
      throw new SettingsException("set both COMPTOIR_STRIPE_WEBHOOK_SECRET and COMPTOIR_STRIPE_CONNECT_WEBHOOK_SECRET, or neither"
          + " (then the platform registers its endpoints on the processor itself)");
    }
    return platform.map(p -> new WebhookSecrets(p, connect.get()));
  }

  private static String webhookSecret(String name, String secret) {
    if (!secret.matches("whsec_[A-Za-z0-9+/=]{8,}")) {
      throw new SettingsException(name + " must be a webhook signing secret: whsec_ followed by letters and digits");
    }
    return secret;
  }

  /** Where Standard account holders sign in to their Stripe Dashboard; any page, so a path is allowed. */
  private static URI dashboardUrl(String url) {
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null && uri.getRawUserInfo() == null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // answered below
    }
    throw new SettingsException("COMPTOIR_STRIPE_DASHBOARD_URL must be an http(s) URL such as https://dashboard.stripe.com/, was '" + url + "'");
  }

  private static URI publicUrl(String url) {
    try {
      URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
          && (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // answered below
    }
    throw new SettingsException("COMPTOIR_PLATFORM_PUBLIC_URL must be a base URL such as https://shops.example.com, was '" + url + "'");
  }

  private static String accountType(String type) {
    String lower = type.toLowerCase(Locale.ROOT);
    if (!lower.matches("standard|express|custom")) {
      throw new SettingsException("COMPTOIR_ACCOUNT_TYPE must be standard, express or custom (unset: Stripe's default), was '" + type + "'");
    }
    return lower;
  }

  private static int feePercent(String percent) {
    String text = percent.replace("%", "").strip();
    if (!text.matches("[0-9]{1,3}(\\.[0-9]{1,2})?") || new java.math.BigDecimal(text).compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
      throw new SettingsException("COMPTOIR_FEE_PERCENT must be a percentage from 0 to 100 with at most two decimals, such as 2.5, was '"
          + percent + "'");
    }
    return new java.math.BigDecimal(text).movePointRight(2).intValueExact();
  }

  private static Map<String, Long> feeFixed(String text) {
    Map<String, Long> amounts = new java.util.LinkedHashMap<>();
    for (String part : text.split(",")) {
      String[] pair = part.strip().split(":");
      if (pair.length != 2 || !pair[0].strip().matches("[A-Za-z]{3}") || !pair[1].strip().matches("[0-9]{1,8}")) {
        throw new SettingsException("COMPTOIR_FEE_FIXED must be currency:minor-units pairs such as usd:30,eur:25, was '" + text + "'");
      }
      amounts.put(pair[0].strip().toLowerCase(Locale.ROOT), Long.parseLong(pair[1].strip()));
    }
    return amounts;
  }

  private static URI smtpUrl(String url) {
    try {
      URI uri = new URI(url);
      if (("smtp".equals(uri.getScheme()) || "smtps".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // answered below
    }
    throw new SettingsException("COMPTOIR_SMTP_URL must look like smtp://host:port or smtps://user:password@host:465 (without the password: '"
        + url.replaceAll("//[^@/]*@", "//...@") + "')");
  }

  private static String mailFrom(String from) {
    if (!from.contains("@") || from.length() > 200) {
      throw new SettingsException("COMPTOIR_MAIL_FROM must be an address such as 'Comptoir <no-reply@example.com>', was '" + from + "'");
    }
    return from;
  }

  private static String operatorEmail(String email) {
    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new SettingsException("COMPTOIR_OPERATOR_EMAIL must be an e-mail address, was '" + email + "'");
    }
    return email;
  }

  private static String operatorPassword(String password) {
    if (password.length() < 12) {
      throw new SettingsException("COMPTOIR_OPERATOR_PASSWORD must have at least 12 characters");
    }
    return password;
  }

  /** The platform's login to the processor's Dashboard. */
  private static String dashboardEmail(String email) {
    if (!email.matches("[^@\\s]+@[^@\\s]+") || email.length() > 254) {
      throw new SettingsException("COMPTOIR_DASHBOARD_EMAIL must be an e-mail address, was '" + email + "'");
    }
    return email;
  }

  private static String dashboardPassword(String password) {
    // the processor's rule for Dashboard passwords (accounts.Passwords): 10 to 200 characters
    if (password.length() < 10 || password.length() > 200) {
      throw new SettingsException("COMPTOIR_DASHBOARD_PASSWORD must have 10 to 200 characters");
    }
    return password;
  }

  private static Duration reconcileInterval(String minutes) {
    if (!minutes.matches("[0-9]{1,5}") || Integer.parseInt(minutes) < 1) {
      throw new SettingsException("COMPTOIR_RECONCILE_MINUTES must be a whole number of minutes, 1 or more, was '" + minutes + "'");
    }
    return Duration.ofMinutes(Integer.parseInt(minutes));
  }

  private static int sandboxLimit(String limit) {
    if (!limit.matches("[0-9]{1,5}") || Integer.parseInt(limit) > 10_000) {
      throw new SettingsException("COMPTOIR_SANDBOX_LIMIT must be a whole number of sandboxes, 0 to 10000, was '" + limit + "'");
    }
    return Integer.parseInt(limit);
  }

  /** {@code off}, or a number with a unit: {@code 30m}, {@code 12h}, {@code 7d}. */
  private static Optional<Duration> sandboxIdleExpiry(String value) {
    if (value.equals("off")) {
      return Optional.empty();
    }
    var m = java.util.regex.Pattern.compile("([0-9]{1,6})([mhd])").matcher(value);
    if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
      throw new SettingsException("COMPTOIR_SANDBOX_IDLE_EXPIRY must be off or a whole number of minutes, hours or days such as"
          + " 30m, 12h or 7d, was '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    });
  }

  private static int rateLimit(String perSecond) {
    if (!perSecond.matches("[0-9]{1,6}")) {
      throw new SettingsException("COMPTOIR_RATE_LIMIT must be a whole number of requests a second per API key (0: no limit), was '"
          + perSecond + "'");
    }
    return Integer.parseInt(perSecond);
  }

  private static String platformName(String name) {
    if (name.length() > 100) {
      throw new SettingsException("COMPTOIR_PLATFORM_NAME must be at most 100 characters");
    }
    return name;
  }

  private static String color(String color) {
    if (!color.matches("#[0-9a-fA-F]{6}")) {
      throw new SettingsException("COMPTOIR_PLATFORM_COLOR must be a colour such as #3d5afe, was '" + color + "'");
    }
    return color;
  }

  boolean needsEmbeddedDatabase(boolean processor, boolean platform) {
    return (processor && processorDatabase.isEmpty()) || (platform && platformDatabase.isEmpty());
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    Optional<String> raw = value(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(raw.get());
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new SettingsException(name + " must be a port number from 0 to 65535 (0: any free port), was '" + raw.get() + "'");
  }

  private static String secretKey(String key) {
    if (!key.matches("sk_test_[A-Za-z0-9]{8,247}")) {
      throw new SettingsException("COMPTOIR_SECRET_KEY must be a test secret key: sk_test_ followed by letters and digits");
    }
    return key;
  }

  private static String apiBase(String url) {
    if (!url.matches("https?://[^\\s/]+(:\\d+)?/?")) {
      throw new SettingsException("COMPTOIR_STRIPE_API_BASE must be a base URL such as https://api.stripe.com, was '" + url + "'");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}

package com.comptoir.cli;

import java.nio.file.Path;
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
    String platformColor) {

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
        color(value(env, "COMPTOIR_PLATFORM_COLOR").orElse("#3d5afe")));
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

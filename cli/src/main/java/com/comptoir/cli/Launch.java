package com.comptoir.cli;

import com.comptoir.database.DataFolderInUseException;
import com.comptoir.database.PostgresCluster;
import com.comptoir.platform.Platform;
import com.comptoir.platform.PlatformSettings;
import com.comptoir.platform.fees.FeeSchedule;
import com.comptoir.processor.Processor;
import com.comptoir.processor.ProcessorSettings;
import com.comptoir.processor.sandboxes.SandboxSettings;
import com.comptoir.processor.accounts.PlatformAccount;
import com.comptoir.processor.accounts.PlatformLogin;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running Comptoir: what was started, closed in reverse order. */
final class Launch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Launch.class);
  /** Where a generated processor key is kept so that {@code comptoir platform} can find it. */
  private static final String SECRET_KEY_FILE = "processor-secret-key";
  /** Where a generated operator password is kept, so that it survives restarts. */
  private static final String OPERATOR_PASSWORD_FILE = "operator-password";
  /** Where a generated password of the platform's processor Dashboard login is kept, so that it survives restarts. */
  private static final String DASHBOARD_PASSWORD_FILE = "dashboard-password";

  enum Systems {
    BOTH,
    PROCESSOR,
    PLATFORM;

    boolean processor() {
      return this != PLATFORM;
    }

    boolean platform() {
      return this != PROCESSOR;
    }
  }

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private Processor processor;
  private Platform platform;
  private String platformSecretKey;
  private String stripeApiBase;
  private String operatorEmail;
  /**
   * Secrets are printed in full only on the start that generated them: the banner goes to
   * terminals, scroll-back and process supervisors' logs on every start, so afterwards it says
   * where each one is kept instead. Null when there is nothing to show.
   */
  private String operatorPasswordShown;
  private String secretKeyShown;
  /** Where the banner says a secret can be read again: a file, or the variable it was set by. */
  private String secretKeyKept;
  private String operatorPasswordKept;
  private String dashboardEmail;
  private String dashboardPasswordShown;
  private String dashboardPasswordKept;
  /** What the platform was started with, for {@code comptoir demo}'s sign-ups under other account types. */
  private PlatformSettings platformSettingsInUse;

  private Launch() {}

  static Launch start(Settings settings, Systems systems) throws Exception {
    Launch launch = new Launch();
    try {
      launch.boot(settings, systems);
      return launch;
    } catch (Exception | Error e) {
      launch.close();
      throw e;
    }
  }

  /**
   * Connections per system. Each is a PostgreSQL backend of a few MB (its caches and prepared
   * statements), and a pool opens all of them at once; on the two cores this is sized for, more
   * connections than busy clients only queue in PostgreSQL instead of in the pool. 16 serve 16
   * concurrent API clients without waiting (a request holds one connection; webhook deliveries
   * hold none while they send); the platform's pages and webhook intake need fewer. Issue #18:
   * the stack's memory, with bench/RESULTS.md's figures.
   */
  static final int PROCESSOR_POOL_SIZE = 16;
  static final int PLATFORM_POOL_SIZE = 8;

  private void boot(Settings settings, Systems systems) throws Exception {
    Files.createDirectories(settings.dataDir());
    PostgresCluster embedded = null;
    if (settings.needsEmbeddedDatabase(systems.processor(), systems.platform())) {
      try {
        embedded = PostgresCluster.durable(settings.dataDir());
      } catch (DataFolderInUseException e) {
        throw new SettingsException(e.getMessage());
      }
      resources.push(embedded);
    }
    if (systems.processor()) {
      HikariDataSource db = pool("processor", settings.processorDatabase(), embedded, PROCESSOR_POOL_SIZE);
      PlatformLogin dashboardLogin = dashboardLogin(settings);
      processor =
          Processor.start(
              new ProcessorSettings(db, settings.host(), settings.processorPort(), settings.secretKey())
                  .withBranding(new PlatformAccount.Branding(settings.platformName(), settings.platformColor()))
                  .withRateLimit(settings.rateLimitPerSecond())
                  .withSandboxes(new SandboxSettings(settings.sandboxLimit(), settings.sandboxIdleExpiry()))
                  .withDashboardLogin(dashboardLogin));
      resources.push(processor);
      Path keyFile = settings.dataDir().resolve(SECRET_KEY_FILE);
      boolean generated = keepSecretKey(keyFile, processor.secretKey()) && settings.secretKey().isEmpty();
      secretKeyShown = generated ? processor.secretKey() : null;
      secretKeyKept = settings.secretKey().isPresent() ? "set by COMPTOIR_SECRET_KEY" : "kept in " + keyFile;
    }
    if (systems.platform()) {
      HikariDataSource db = pool("platform", settings.platformDatabase(), embedded, PLATFORM_POOL_SIZE);
      platformSecretKey = settings.stripeSecretKey().isPresent() ? settings.stripeSecretKey().get()
          : processor != null ? processor.secretKey() : keptSecretKey(settings);
      stripeApiBase =
          settings.stripeApiBase()
              .orElse(processor != null ? processor.url() : "http://localhost:" + settings.processorPort());
      platformSettingsInUse = platformSettings(settings, db);
      platform = Platform.start(platformSettingsInUse);
      resources.push(platform);
    }
  }

  private PlatformSettings platformSettings(Settings settings, HikariDataSource db) throws IOException {
    operatorEmail = settings.operatorEmail();
    String operatorPassword = settings.operatorPassword().orElse(null);
    if (operatorPassword == null) {
      Path file = settings.dataDir().resolve(OPERATOR_PASSWORD_FILE);
      boolean generated = !Files.exists(file);
      operatorPassword = keptPassword(file);
      operatorPasswordShown = generated ? operatorPassword : null;
      operatorPasswordKept = "password kept in " + file;
    } else {
      operatorPasswordKept = "password set by COMPTOIR_OPERATOR_PASSWORD";
    }
    PlatformSettings.WebhookSecrets webhooks = settings.webhookSecrets()
        .<PlatformSettings.WebhookSecrets>map(w -> new PlatformSettings.WebhookSecrets.Configured(w.platform(), w.connect()))
        .orElse(new PlatformSettings.WebhookSecrets.RegisterAtStart());
    PlatformSettings platform = new PlatformSettings(
        db,
        settings.host(),
        settings.platformPort(),
        platformSecretKey,
        URI.create(stripeApiBase),
        settings.platformPublicUrl(),
        webhooks,
        settings.accountType().map(t -> PlatformSettings.AccountType.valueOf(t.toUpperCase(java.util.Locale.ROOT))),
        new FeeSchedule(settings.feePercentBasisPoints(), settings.feeFixedAmounts()),
        new PlatformSettings.MailSettings(settings.smtpUrl(), settings.mailFrom()),
        new PlatformSettings.OperatorLogin(operatorEmail, operatorPassword),
        settings.reconcileInterval());
    // Unset: the platform derives it from the API base (Stripe's Dashboard, or the processor's sign-in page).
    return settings.stripeDashboardUrl().map(platform::withStripeDashboardUrl).orElse(platform);
  }

  /** The platform's Dashboard login: from the environment, or generated on the first start and kept like the operator's. */
  private PlatformLogin dashboardLogin(Settings settings) throws IOException {
    dashboardEmail = settings.dashboardEmail();
    String password = settings.dashboardPassword().orElse(null);
    if (password == null) {
      Path file = settings.dataDir().resolve(DASHBOARD_PASSWORD_FILE);
      boolean generated = !Files.exists(file);
      password = keptPassword(file);
      dashboardPasswordShown = generated ? password : null;
      dashboardPasswordKept = "password kept in " + file;
    } else {
      dashboardPasswordKept = "password set by COMPTOIR_DASHBOARD_PASSWORD";
    }
    return new PlatformLogin(dashboardEmail, password);
  }

  /** A password generated on the first start and kept in {@code file}, readable only by its owner. */
  private static String keptPassword(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    byte[] random = new byte[18];
    new java.security.SecureRandom().nextBytes(random);
    String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.writeString(file, password + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return password;
  }

  private HikariDataSource pool(String name, Optional<DatabaseUrl> external, PostgresCluster embedded, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setMaximumPoolSize(size);
    if (external.isPresent()) {
      config.setJdbcUrl(external.get().jdbcUrl());
      config.setUsername(external.get().user());
      config.setPassword(external.get().password());
    } else {
      embedded.createDatabase(name);
      config.setJdbcUrl(embedded.jdbcUrl(name));
      config.setUsername(PostgresCluster.USER);
      config.setPassword(embedded.password());
    }
    HikariDataSource pool = new HikariDataSource(config);
    resources.push(pool);
    return pool;
  }

  /** Keeps {@code key} in {@code file}, readable only by its owner; true when the file did not hold it yet. */
  private static boolean keepSecretKey(Path file, String key) throws IOException {
    if (Files.exists(file) && Files.readString(file).strip().equals(key)) {
      return false;
    }
    Files.writeString(file, key + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return true;
  }

  /** The default sandbox's secret key: COMPTOIR_SECRET_KEY, or the one kept in the data folder at first start. */
  static String keptSecretKey(Settings settings) throws IOException {
    if (settings.secretKey().isPresent()) {
      return settings.secretKey().get();
    }
    Path file = settings.dataDir().resolve(SECRET_KEY_FILE);
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    throw new SettingsException(
        "COMPTOIR_SECRET_KEY is not set and no processor has run on " + settings.dataDir() + " yet; set it to the platform's Stripe secret key");
  }

  Processor processor() {
    return processor;
  }

  Platform platform() {
    return platform;
  }

  PlatformSettings platformSettings() {
    return platformSettingsInUse;
  }

  String operatorEmail() {
    return operatorEmail;
  }

  String dashboardEmail() {
    return dashboardEmail;
  }

  String banner() {
    StringBuilder out = new StringBuilder("\nComptoir is running.\n");
    if (processor != null) {
      out.append("  processor (Stripe API)  ").append(processor.url()).append('\n');
      out.append("    secret key            ").append(secretKeyShown != null ? secretKeyShown + " (new; kept in the data folder)"
          : secretKeyKept).append('\n');
      out.append("    publishable key       ").append(processor.publishableKey()).append('\n');
      out.append("    Dashboard             ").append(processor.url()).append("/dashboard/login as ").append(dashboardEmail);
      out.append(", ").append(dashboardPasswordShown != null ? "password " + dashboardPasswordShown + " (new; kept in the data folder)"
          : dashboardPasswordKept).append('\n');
    }
    if (platform != null) {
      out.append("  platform                ").append(platform.publicUrl()).append('\n');
      out.append("    talks to Stripe at    ").append(stripeApiBase).append('\n');
      out.append("    operator area         ").append(platform.publicUrl()).append("/operator as ").append(operatorEmail);
      out.append(", ").append(operatorPasswordShown != null ? "password " + operatorPasswordShown + " (new; kept in the data folder)"
          : operatorPasswordKept);
      out.append('\n');
    }
    out.append("Stop with Ctrl-C.");
    return out.toString();
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("while stopping {}: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
  }
}

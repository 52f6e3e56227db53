package com.comptoir.processor.testing;

import com.comptoir.processor.Processor;
import com.comptoir.processor.ProcessorSettings;
import com.comptoir.processor.api.ApiExchange;
import com.comptoir.processor.events.WebhookSettings;
import com.comptoir.testing.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * Real processors for tests: a real PostgreSQL (embedded, one cluster per test JVM), real HTTP on
 * free ports. {@link #get()} is shared by the suite (tests isolate themselves by creating their own
 * connected accounts, as tenants do); {@link #sandbox()} gives a sandbox of its own on that shared
 * processor (its own platform, keys, objects, events and clock), for tests that move the clock or
 * need a platform nobody else writes to; {@link #fresh()} gives a processor on a database of its
 * own, for the few tests that need one (they stop or restart it, change processor-wide settings or
 * data, or damage the ledger on purpose). Every answered request of every processor is recorded, so
 * the conformance check can read every body the suite produced.
 */
public final class TestProcessor implements AutoCloseable {
  /**
   * Webhook timings short enough for tests, with the same shape as production's: the one copy,
   * used by the e2e and platform tests too (through this module's test jar), since it is made of a
   * processor class the shared testing module cannot see.
   */
  public static final WebhookSettings FAST_WEBHOOKS = new WebhookSettings(
      Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofSeconds(5),
      Duration.ofMillis(200), 32);

  private static final List<ApiExchange> EXCHANGES = new CopyOnWriteArrayList<>();
  private static TestProcessor shared;

  private final HikariDataSource dataSource;
  private final Processor processor;
  /** The sandbox this view is bound to, on {@link #processor} (the shared one); null for a processor's default sandbox. */
  private final Sandbox sandbox;
  private volatile boolean audited = true;

  /** A sandbox made by {@code POST /v1/test_helpers/sandboxes}: its id and what it answered. */
  private record Sandbox(String id, String secretKey, String publishableKey, String account, String dashboardEmail,
      String dashboardPassword) {}

  private TestProcessor(TestProcessor host, Sandbox sandbox) {
    this.dataSource = host.dataSource;
    this.processor = host.processor;
    this.sandbox = sandbox;
  }

  private TestProcessor(HikariDataSource dataSource, WebhookSettings webhooks) {
    this(dataSource, webhooks, Optional.empty());
  }

  private TestProcessor(HikariDataSource dataSource, WebhookSettings webhooks, Optional<String> secretKey) {
    this(dataSource, webhooks, secretKey, java.util.function.UnaryOperator.identity());
  }

  private TestProcessor(HikariDataSource dataSource, WebhookSettings webhooks, Optional<String> secretKey,
      java.util.function.UnaryOperator<ProcessorSettings> customize) {
    this.dataSource = dataSource;
    this.sandbox = null;
    this.processor = Processor.start(customize.apply(new ProcessorSettings(dataSource, "127.0.0.1", 0, secretKey)
        .withListener(EXCHANGES::add)
        .withWebhooks(webhooks)));
  }

  /** A processor on a database of its own with settings changed by {@code customize} (a rate limit); close it when done. */
  public static TestProcessor customized(java.util.function.UnaryOperator<ProcessorSettings> customize) {
    return new TestProcessor(newDatabase(), FAST_WEBHOOKS, Optional.empty(), customize);
  }

  /** A processor on a database of its own whose platform key is {@code secretKey} (Stripe's guide uses its documentation key). */
  public static TestProcessor withSecretKey(String secretKey) {
    return new TestProcessor(newDatabase(), FAST_WEBHOOKS, Optional.of(secretKey));
  }

  /** The shared processor, started on first use and stopped when the JVM exits. */
  public static synchronized TestProcessor get() {
    if (shared == null) {
      shared = new TestProcessor(newDatabase(), FAST_WEBHOOKS);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /**
   * A sandbox of its own on the shared processor: a platform nobody else writes to, whose clock
   * moves only when it is advanced, at the cost of one request rather than a processor start-up.
   * Its {@link #http()}, keys, {@link #platformAccountId()} and Dashboard sign-in are the
   * sandbox's; {@link #close()} audits the ledger and deletes the sandbox (its rows go in the
   * background).
   */
  public static TestProcessor sandbox() {
    TestProcessor host = get();
    // Branded as a processor's first platform is, so a class moved here from a processor of its own sees the same platform.
    StripeHttp.Response made = host.http().post("/v1/test_helpers/sandboxes", java.util.Map.of(
        "name", ProcessorSettings.DEFAULT_BRANDING.name(), "branding[primary_color]", ProcessorSettings.DEFAULT_BRANDING.primaryColor()));
    if (made.status() != 200) {
      throw new IllegalStateException("could not make a sandbox: " + made.status() + " " + made.body());
    }
    var json = made.json();
    return new TestProcessor(host, new Sandbox(json.get("id").asText(), json.get("secret_key").asText(),
        json.get("publishable_key").asText(), json.get("account").asText(), json.at("/dashboard/email").asText(),
        json.at("/dashboard/password").asText()));
  }

  /** A processor on a database of its own; close it when done. */
  public static TestProcessor fresh() {
    return fresh(FAST_WEBHOOKS);
  }

  /** A processor on a database of its own with the given webhook timings; close it when done. */
  public static TestProcessor fresh(WebhookSettings webhooks) {
    return new TestProcessor(newDatabase(), webhooks);
  }

  /** A second processor instance on the same database as this one (scale-out tests). */
  public TestProcessor sibling() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(dataSource.getJdbcUrl());
    config.setUsername(dataSource.getUsername());
    config.setPassword(dataSource.getPassword());
    config.setMaximumPoolSize(16);
    return new TestProcessor(new HikariDataSource(config), FAST_WEBHOOKS);
  }

  private static HikariDataSource newDatabase() {
    return TestPostgres.freshDatabase("processor", 24);
  }

  /** The shared processor, if a test has started it; never starts it. */
  static synchronized Optional<TestProcessor> sharedIfRunning() {
    return Optional.ofNullable(shared);
  }

  /**
   * Leaves this processor's ledger unaudited when it closes: for tests that damage the ledger on
   * purpose to see the auditor find it.
   */
  public TestProcessor unaudited() {
    audited = false;
    return this;
  }

  /** Whether a test of this JVM has started any test processor (without starting one). */
  public static boolean isStarted() {
    return TestPostgres.isStarted();
  }

  public String url() {
    return "http://127.0.0.1:" + processor.port();
  }

  /** The address the processor puts in its links (hosted pages, Dashboard sign-in), as the platform is told it. */
  public String publicUrl() {
    return processor.url();
  }

  public int port() {
    return processor.port();
  }

  public String secretKey() {
    return sandbox == null ? processor.secretKey() : sandbox.secretKey();
  }

  public String publishableKey() {
    return sandbox == null ? processor.publishableKey() : sandbox.publishableKey();
  }

  public String platformAccountId() {
    return sandbox == null ? processor.platformAccountId() : sandbox.account();
  }

  /** The Dashboard sign-in of a {@link #sandbox()}'s platform (a processor's own is set in its settings). */
  public String dashboardEmail() {
    return requireSandbox().dashboardEmail();
  }

  public String dashboardPassword() {
    return requireSandbox().dashboardPassword();
  }

  private Sandbox requireSandbox() {
    if (sandbox == null) {
      throw new IllegalStateException("only a sandbox's Dashboard sign-in is made for it; a processor's is in its settings");
    }
    return sandbox;
  }

  /**
   * The processor's own database, for tests that look underneath (audits, crash checks); a
   * sandbox's is the shared processor's, so such a test reads its own platform's rows only.
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Every request answered so far by any test processor, in order. */
  public static List<ApiExchange> exchanges() {
    return List.copyOf(EXCHANGES);
  }

  public StripeHttp http() {
    return new StripeHttp(url(), secretKey());
  }

  @Override
  public void close() {
    if (sandbox != null) {
      closeSandbox();
      return;
    }
    if (audited && this != shared) {
      LedgerAudits.audit(this, "closing a processor of " + LedgerAudits.currentClass());
    }
    processor.close();
    dataSource.close();
  }

  /** Audits, then deletes the sandbox: its keys stop at once and its rows go in the background, the processor stays. */
  private void closeSandbox() {
    if (audited) {
      LedgerAudits.audit(this, "closing sandbox " + sandbox.id() + " of " + LedgerAudits.currentClass());
    }
    StripeHttp.Response deleted = get().http().delete("/v1/test_helpers/sandboxes/" + sandbox.id());
    if (deleted.status() != 200 && deleted.status() != 404) { // 404: the test deleted it itself
      throw new IllegalStateException("could not delete sandbox " + sandbox.id() + ": " + deleted.status() + " " + deleted.body());
    }
  }
}

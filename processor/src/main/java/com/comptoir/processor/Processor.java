package com.comptoir.processor;

import com.comptoir.processor.accounts.Accounts;
import com.comptoir.processor.accounts.PlatformAccount;
import com.comptoir.processor.accounts.PlatformLogin;
import com.comptoir.processor.api.Expander;
import com.comptoir.processor.api.RateLimiter;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.balance.BalanceApi;
import com.comptoir.processor.catalog.PriceCache;
import com.comptoir.processor.catalog.Prices;
import com.comptoir.processor.catalog.Products;
import com.comptoir.processor.checkout.Checkout;
import com.comptoir.processor.dashboard.Dashboard;
import com.comptoir.processor.dashboard.HostedForms;
import com.comptoir.processor.disputes.Disputes;
import com.comptoir.processor.events.Webhooks;
import com.comptoir.processor.fees.ApplicationFeesApi;
import com.comptoir.processor.files.Files;
import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.logs.RequestLog;
import com.comptoir.processor.paymentmethods.ConfigurationCache;
import com.comptoir.processor.payments.PaymentActionPages;
import com.comptoir.processor.payments.PaymentIntents;
import com.comptoir.processor.payments.PaymentIntentsApi;
import com.comptoir.processor.payments.PaymentMethods;
import com.comptoir.processor.payouts.PayoutsApi;
import com.comptoir.processor.refunds.Refunds;
import com.comptoir.processor.sandboxes.SandboxCleanup;
import com.comptoir.processor.sandboxes.Sandboxes;
import com.comptoir.processor.store.HotCache;
import com.comptoir.processor.store.Wakeups;
import com.comptoir.processor.time.ClockApi;
import com.comptoir.processor.time.Jobs;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running processor: one HTTP server over one PostgreSQL database. Stateless over its
 * database, so several may run side by side on the same one.
 */
public final class Processor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Processor.class);

  private final Javalin http;
  private final PlatformAccount keys;
  private final String url;
  private final List<AutoCloseable> workers;

  private Processor(Javalin http, PlatformAccount keys, String url, List<AutoCloseable> workers) {
    this.http = http;
    this.keys = keys;
    this.url = url;
    this.workers = workers;
  }

  /** Migrates the database, makes sure the platform account exists, and starts serving. */
  public static Processor start(ProcessorSettings settings) {
    Flyway.configure()
        .dataSource(settings.dataSource())
        .locations("classpath:db/processor")
        .load()
        .migrate();
    Jdbi jdbi = Jdbi.create(settings.dataSource());
    // The shared caches hang on the Jdbi itself, before any handle copies its configuration.
    Webhooks webhooks = Webhooks.install(jdbi);
    HotCache cache = HotCache.of(jdbi);
    ConfigurationCache configurations = ConfigurationCache.of(jdbi);
    PriceCache prices = PriceCache.of(jdbi);
    // The first platform is the default sandbox; its clock is the one the processor starts on.
    PlatformAccount keys = PlatformAccount.ensure(jdbi, settings.secretKey(), settings.branding(), System.currentTimeMillis() / 1000);
    ProcessorClock clock = new ProcessorClock(jdbi, keys.accountId());
    // The kept login is checked against its Argon2 hash, a third of a second of one core on a warm
    // start: it runs beside the rest of the start (the second core) and is awaited before start returns.
    CompletableFuture<Void> dashboardLogin = settings.dashboardLogin()
        .map(login -> besideStart("dashboard-login", () -> PlatformLogin.ensure(jdbi, keys.accountId(), login, clock.now())))
        .orElse(CompletableFuture.completedFuture(null));
    Health health = new Health(jdbi);
    StripeApi api = new StripeApi(jdbi, clock::nowMillis, new Expander(), settings.listener());
    api.limitRate(RateLimiter.perKey(settings.rateLimitPerSecond()));
    RequestLog requestLog = new RequestLog(jdbi, settings.requestLog());
    api.recordRequests(requestLog);
    Jobs jobs = new Jobs(jdbi, clock);
    AtomicReference<String> baseUrl = new AtomicReference<>();
    Accounts.register(api, baseUrl::get);
    webhooks.register(api);
    Products.register(api);
    Prices.register(api);
    PaymentIntents intents = new PaymentIntents(baseUrl::get, jobs);
    intents.addChargeHooks(Ledger.chargeHooks());
    intents.addChargeHooks(Disputes.chargeHooks());
    PaymentMethods.register(api);
    PaymentIntentsApi.register(api, intents);
    Checkout.register(api, baseUrl::get, jobs, intents);
    ClockApi.register(api, clock, jobs);
    Sandboxes sandboxes = Sandboxes.register(api, keys.accountId(), baseUrl::get, settings.sandboxes());
    Ledger.register(jobs);
    BalanceApi.register(api);
    PayoutsApi.register(api);
    ApplicationFeesApi.register(api);
    Refunds.register(api, jobs);
    Disputes.register(api, jobs);
    Javalin http =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.startup.showJavalinBanner = false;
              config.jetty.host = settings.host();
              config.jetty.port = settings.port();
              config.routes.get("/healthz", health::handle);
              HostedForms.install(config);
              Files.register(api, config, jdbi);
              Accounts.installPages(config, jdbi, clock);
              Dashboard.install(config, jdbi, clock, jobs, sandboxes);
              PaymentActionPages.install(config, jdbi, clock, intents);
              Checkout.installPages(config, jdbi, clock, intents);
              api.install(config);
            });
    http.start();
    List<String> channels = new ArrayList<>(webhooks.channels());
    channels.addAll(List.of(ProcessorClock.DUE_CHANNEL, HotCache.CHANNEL, ConfigurationCache.CHANNEL, PriceCache.CHANNEL, SandboxCleanup.CHANNEL));
    Wakeups wakeups = new Wakeups(settings.dataSource(), channels);
    wakeups.onPayload(HotCache.CHANNEL, cache::evict);
    wakeups.onPayload(ConfigurationCache.CHANNEL, configurations::evict);
    wakeups.onPayload(PriceCache.CHANNEL, prices::evict);
    wakeups.onReconnect(() -> {
      cache.clear();
      configurations.clear();
      prices.clear();
      webhooks.forgetCachedEndpoints();
    });
    AutoCloseable delivery = webhooks.startDelivery(jdbi, clock, settings.webhooks(), wakeups);
    AutoCloseable scheduler = jobs.startScheduler(wakeups, settings.webhooks().pollInterval());
    SandboxCleanup cleanup = new SandboxCleanup(jdbi, wakeups, settings.webhooks().pollInterval(), settings.sandboxes());
    String url = settings.publicUrl().orElse("http://localhost:" + http.port());
    baseUrl.set(url);
    Processor processor = new Processor(http, keys, url, List.of(scheduler, cleanup, delivery, wakeups, requestLog));
    try {
      dashboardLogin.join();
    } catch (CompletionException e) {
      processor.close();
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    LOG.info("processor listening on {}", url);
    return processor;
  }

  /** {@code task} on a thread of its own, started now. */
  private static CompletableFuture<Void> besideStart(String name, Runnable task) {
    return CompletableFuture.runAsync(task, r -> Thread.ofPlatform().name(name).daemon().start(r));
  }

  public String url() {
    return url;
  }

  public int port() {
    return http.port();
  }

  public String platformAccountId() {
    return keys.accountId();
  }

  public String secretKey() {
    return keys.secretKey();
  }

  public String publishableKey() {
    return keys.publishableKey();
  }

  @Override
  public void close() {
    http.stop();
    for (AutoCloseable worker : workers) {
      try {
        worker.close();
      } catch (Exception e) {
        LOG.warn("while stopping {}: {}", worker.getClass().getSimpleName(), e.toString());
      }
    }
  }

}

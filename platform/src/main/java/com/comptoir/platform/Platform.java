package com.comptoir.platform;

import com.comptoir.platform.PlatformSettings.WebhookSecrets.Configured;
import com.comptoir.platform.admin.OperatorRoutes;
import com.comptoir.platform.admin.Operators;
import com.comptoir.platform.catalog.CatalogRoutes;
import com.comptoir.platform.fees.Fees;
import com.comptoir.platform.mail.MailSender;
import com.comptoir.platform.merchants.DashboardRoutes;
import com.comptoir.platform.merchants.MerchantRoutes;
import com.comptoir.platform.merchants.PasswordResetRoutes;
import com.comptoir.platform.onboarding.AccountEvents;
import com.comptoir.platform.onboarding.ConnectedAccounts;
import com.comptoir.platform.onboarding.OnboardingRoutes;
import com.comptoir.platform.onboarding.Reconciliation;
import com.comptoir.platform.orders.ChargeEvents;
import com.comptoir.platform.orders.CheckoutEvents;
import com.comptoir.platform.orders.Fulfilment;
import com.comptoir.platform.orders.OrderReconciliation;
import com.comptoir.platform.orders.OrderRoutes;
import com.comptoir.platform.paymentmethods.PlatformManagedMethods;
import com.comptoir.platform.exports.ExportRoutes;
import com.comptoir.platform.payouts.PayoutEvents;
import com.comptoir.platform.payouts.PayoutRoutes;
import com.comptoir.platform.storefront.CartRoutes;
import com.comptoir.platform.storefront.StorefrontRoutes;
import com.comptoir.platform.stores.Branding;
import com.comptoir.platform.stores.StoreRoutes;
import com.comptoir.platform.stripe.StripeApi;
import com.comptoir.platform.web.Csrf;
import com.comptoir.platform.web.FormBodies;
import com.comptoir.platform.web.HttpErrors;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.SecurityHeaders;
import com.comptoir.platform.web.Sessions;
import com.comptoir.platform.webhooks.EventHandler;
import com.comptoir.platform.webhooks.WebhookRegistration;
import com.comptoir.platform.webhooks.WebhookRoutes;
import com.comptoir.platform.webhooks.SigningSecrets;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running store-builder web app over its own database. */
public final class Platform implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
  /** Bodies above this are refused: a logo (512 KB) and its form fit with room to spare. */
  private static final long MAX_REQUEST_BYTES = 3L * 1024 * 1024;

  private final Javalin http;
  private final String publicUrl;
  private final List<AutoCloseable> workers;

  private Platform(Javalin http, String publicUrl, List<AutoCloseable> workers) {
    this.http = http;
    this.publicUrl = publicUrl;
    this.workers = workers;
  }

  /**
   * Migrates the platform database, ensures the operator, starts serving, and then (for the
   * embedded processor) registers the webhook endpoints.
   */
  public static Platform start(PlatformSettings settings) {
    Flyway.configure()
        .dataSource(settings.dataSource())
        .locations("classpath:db/platform")
        .load()
        .migrate();
    Jdbi jdbi = Jdbi.create(settings.dataSource());
    // A failed statement's message names the statement, never its bound values: those are what
    // people typed (passwords and e-mails included), and the message ends up in the log.
    jdbi.getConfig(org.jdbi.v3.core.statement.StatementExceptions.class)
        .setMessageRendering(org.jdbi.v3.core.statement.StatementExceptions.MessageRendering.SHORT_STATEMENT);
    String idempotencyPrefix = jdbi.withHandle(h -> h.createQuery("SELECT idempotency_key FROM installation").mapTo(String.class).one());
    StripeApi stripe = StripeApi.create(settings.stripeSecretKey(), settings.stripeApiBase(), idempotencyPrefix);
    // The kept operator is checked against its Argon2 hash, a third of a second of one core on a warm
    // start: it runs beside the rest of the start (the second core) and is awaited before start returns.
    CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> Operators.ensure(jdbi, settings.operator()),
        r -> Thread.ofPlatform().name("operator-login").daemon().start(r));

    AtomicReference<String> publicUrl = new AtomicReference<>(settings.publicUrl().map(u -> u.toString().replaceAll("/+$", "")).orElse(null));
    Supplier<String> url = publicUrl::get;
    AtomicReference<SigningSecrets> secrets = new AtomicReference<>(
        settings.webhookSecrets() instanceof Configured c ? new SigningSecrets(c.platformSecret(), c.connectSecret()) : null);
    List<AutoCloseable> workers = new ArrayList<>();
    Optional<MailSender> mail = MailSender.start(jdbi, settings.mail());
    mail.ifPresent(workers::add);

    boolean secure = settings.publicUrl().map(u -> "https".equals(u.getScheme())).orElse(false);
    Sessions sessions = new Sessions(jdbi, secure);
    Pages pages = new Pages();
    Fees fees = new Fees(settings.fees());
    ConnectedAccounts accounts = new ConnectedAccounts(jdbi, stripe, settings.accountType(), url);
    Branding branding = new Branding(jdbi, stripe, url);
    Fulfilment fulfilment = new Fulfilment(url);
    Map<String, EventHandler> connectHandlers = new HashMap<>(AccountEvents.handlers(accounts, url));
    connectHandlers.putAll(CheckoutEvents.handlers(stripe, fulfilment));
    connectHandlers.putAll(ChargeEvents.handlers(stripe, fulfilment));
    connectHandlers.putAll(PayoutEvents.handlers(url));
    java.util.function.LongToIntFunction activeProducts = storeId -> CatalogRoutes.activeProducts(jdbi, storeId);

    Javalin http = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.startup.showJavalinBanner = false;
      config.jetty.host = settings.host();
      config.jetty.port = settings.port();
      config.http.maxRequestSize = MAX_REQUEST_BYTES;
      config.jetty.multipartConfig.maxFileSize(2, SizeUnit.MB);
      config.jetty.multipartConfig.maxTotalRequestSize(3, SizeUnit.MB);
      config.jetty.multipartConfig.maxInMemoryFileSize(3, SizeUnit.MB);
      config.routes.before(SecurityHeaders::apply);
      config.routes.before(FormBodies::check);
      config.routes.before(ctx -> Csrf.check(ctx, sessions));
      HttpErrors.install(config.routes, pages, sessions);
      config.routes.get("/healthz", new Health(jdbi)::handle);
      config.routes.get("/assets/platform.css", ctx -> ctx.contentType("text/css").header("Cache-Control", "public, max-age=3600")
          .result(Platform.class.getResourceAsStream("/assets/platform.css")));
      new MerchantRoutes(jdbi, sessions, pages, accounts).register(config.routes);
      new PasswordResetRoutes(jdbi, sessions, pages, url, mail).register(config.routes);
      new DashboardRoutes(jdbi, sessions, pages, fees, url, activeProducts, stripe).register(config.routes);
      new OnboardingRoutes(jdbi, sessions, pages, accounts).register(config.routes);
      new StoreRoutes(jdbi, sessions, pages, branding, url, activeProducts).register(config.routes);
      new CatalogRoutes(jdbi, sessions, pages, fees, stripe, url).register(config.routes);
      new OperatorRoutes(jdbi, sessions, pages, fees, stripe).register(config.routes);
      new StorefrontRoutes(jdbi, sessions, pages, stripe, fees, url).register(config.routes);
      new CartRoutes(jdbi, sessions, pages).register(config.routes);
      new OrderRoutes(jdbi, sessions, pages, stripe, settings.stripeDashboardUrl().toString()).register(config.routes);
      new ExportRoutes(jdbi, sessions, pages, stripe).register(config.routes);
      new PayoutRoutes(jdbi, sessions, pages, stripe, settings.stripeDashboardUrl().toString()).register(config.routes);
      new WebhookRoutes(jdbi, secrets, Map.of(), connectHandlers).register(config.routes);
    });
    http.start();
    publicUrl.compareAndSet(null, "http://localhost:" + http.port());
    Platform platform = new Platform(http, publicUrl.get(), workers);
    try {
      if (secrets.get() == null) {
        secrets.set(WebhookRegistration.ensure(jdbi, stripe, publicUrl.get(), settings.stripeApiBase().toString(),
            connectHandlers.keySet()));
      }
      ensureGuideMethods(stripe);
      // An order is read back once it has waited one reconciliation interval for its webhook.
      workers.add(new BackgroundJobs(jdbi, new Reconciliation(jdbi, stripe),
          new OrderReconciliation(jdbi, stripe, fulfilment, settings.reconcileInterval()), settings.reconcileInterval()));
    } catch (Exception e) {
      platform.close();
      operator.cancel(false);
      throw new IllegalStateException("could not register the webhook endpoints on " + settings.stripeApiBase() + ": " + e.getMessage(), e);
    }
    try {
      operator.join();
    } catch (CompletionException e) {
      platform.close();
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    LOG.info("platform listening on port {}, public at {}", http.port(), publicUrl.get());
    return platform;
  }

  /**
   * The guide's payment methods for every connected account, through the platform-managed
   * configuration. A refusal is logged, not fatal: stores still sell by card, and the README says
   * where to turn the methods on by hand.
   */
  private static void ensureGuideMethods(StripeApi stripe) {
    try {
      PlatformManagedMethods.ensure(stripe);
    } catch (com.stripe.exception.StripeException e) {
      LOG.warn("could not turn on the guide's payment methods for connected accounts: {}", e.getMessage());
    }
  }

  public int port() {
    return http.port();
  }

  /** Where merchants reach the platform: account links return here, webhooks arrive here. */
  public String publicUrl() {
    return publicUrl;
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

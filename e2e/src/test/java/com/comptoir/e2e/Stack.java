package com.comptoir.e2e;

import com.comptoir.platform.Platform;
import com.comptoir.platform.PlatformSettings;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.TestPostgres;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.stripe.StripeClient;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * The processor and the platform, each started in-process on a free port over its own database
 * in one embedded PostgreSQL, and talking to each other only over HTTP, as in production: the
 * platform through stripe-java, the processor through signed webhooks. Mail goes to a real SMTP
 * server (GreenMail). {@link #shared()} serves the suite (tests isolate themselves by signing up
 * their own merchants); {@link #fresh} gives a stack of its own, for tests that stop or reconfigure things.
 *
 * <p>Every stack's platform has a sandbox of its own on the suite's one processor
 * ({@link TestProcessor#sandbox()}): its own Stripe platform account, keys, objects, webhook
 * endpoints and clock, without a processor start-up and a database per stack.
 */
public final class Stack implements AutoCloseable {
  static final String OPERATOR_EMAIL = "operator@comptoir.test";
  static final String OPERATOR_PASSWORD = "operator password for tests";

  private static Stack shared;
  private static Stack customAccounts;

  /** The processor as the platform and the tests reach it: the address its links use, and the platform's secret key. */
  record ProcessorView(String url, String secretKey) {}

  final ProcessorView processor;
  private final TestProcessor sandbox;
  final GreenMail mail;
  private final HikariDataSource platformDb;
  private final PlatformSettings platformSettings;
  private Platform platform;
  final Jdbi platformJdbi;

  private Stack(UnaryOperator<PlatformSettings> configure) {
    sandbox = TestProcessor.sandbox();
    processor = new ProcessorView(sandbox.publicUrl(), sandbox.secretKey());
    mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    mail.start();
    platformDb = newDatabase("platform");
    platformSettings = configure.apply(PlatformSettings.embedded(platformDb, "127.0.0.1", 0, processor.secretKey(),
            URI.create(processor.url()), new PlatformSettings.OperatorLogin(OPERATOR_EMAIL, OPERATOR_PASSWORD))
        .withMail(new PlatformSettings.MailSettings(Optional.of(URI.create("smtp://127.0.0.1:" + mail.getSmtp().getPort())),
            "Comptoir <no-reply@comptoir.test>")));
    platform = Platform.start(platformSettings);
    platformJdbi = Jdbi.create(platformDb);
  }

  /** The suite's stack, started on first use and stopped when the JVM exits. */
  static synchronized Stack shared() {
    if (shared == null) {
      shared = new Stack(UnaryOperator.identity());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::closeAtExit));
    }
    return shared;
  }

  /**
   * A second suite-wide stack whose platform makes Custom connected accounts: tests complete their
   * onboarding through the API (as a Custom platform does), so their stores can sell without a
   * browser. Started on first use, stopped when the JVM exits.
   */
  static synchronized Stack customAccounts() {
    if (customAccounts == null) {
      customAccounts = new Stack(settings -> settings.withAccountType(Optional.of(PlatformSettings.AccountType.CUSTOM)));
      Runtime.getRuntime().addShutdownHook(new Thread(customAccounts::closeAtExit));
    }
    return customAccounts;
  }

  /** A stack of its own, with platform settings changed by {@code configure}; close it when done. */
  static Stack fresh(UnaryOperator<PlatformSettings> configure) {
    return new Stack(configure);
  }

  /** Stops the platform and starts it again on the same database (and, when it was free, a new port). */
  void restartPlatform() {
    platform.close();
    platform = Platform.start(platformSettings);
  }

  void stopPlatform() {
    platform.close();
  }

  String platformUrl() {
    return platform.publicUrl();
  }

  String url(String path) {
    return platform.publicUrl() + path;
  }

  /** The platform's Stripe, as the platform sees it: the same key, the same API. */
  StripeClient stripe() {
    return StripeClient.builder().setApiKey(processor.secretKey()).setApiBase(processor.url()).setFilesBase(processor.url()).build();
  }

  /** A test helper of the processor's own (not part of Stripe's API): moves its clock forward. */
  void advanceProcessorClock(Duration by) {
    testHelper("/v1/test_helpers/clock/advance", null, "seconds=" + by.toSeconds());
  }

  /** The processor's test helper for what a customer does on the hosted checkout page: pays by card. */
  void payCheckoutSession(String account, String sessionId) {
    testHelper("/v1/test_helpers/checkout/sessions/" + sessionId + "/pay", account, "payment_method=pm_card_visa");
  }

  /** The processor's test helper: the customer pays the session with {@code fields} (a payment method and an e-mail). */
  void payCheckoutSession(String account, String sessionId, Map<String, String> fields) {
    testHelper("/v1/test_helpers/checkout/sessions/" + sessionId + "/pay", account, form(fields));
  }

  private void testHelper(String path, String account, String body) {
    stripePost(path, account, body);
  }

  /** A form POST to the processor's API with the platform's key, as curl in Stripe's docs; the JSON answer, or a failure. */
  String stripePost(String path, String account, String body) {
    return stripeCall("POST", path, account, body);
  }

  String stripeGet(String path, String account) {
    return stripeCall("GET", path, account, null);
  }

  private String stripeCall(String method, String path, String account, String body) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(processor.url() + path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((processor.secretKey() + ":").getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (account != null) {
        request.header("Stripe-Account", account);
      }
      HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(method + " " + path + " failed: " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static HikariDataSource newDatabase(String prefix) {
    return TestPostgres.freshDatabase(prefix, 16);
  }

  /** Stops the platform and deletes its sandbox (audited first); the suite's processor stays. */
  @Override
  public void close() {
    closeAtExit();
    sandbox.close();
  }

  /** Stops what is the stack's own; its sandbox goes with the processor, which a hook of its own stops at exit too. */
  private void closeAtExit() {
    platform.close();
    mail.stop();
    platformDb.close();
  }
}

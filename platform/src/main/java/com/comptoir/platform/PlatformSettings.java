package com.comptoir.platform;

import com.comptoir.platform.fees.FeeSchedule;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the platform needs to run: its own database, its port, how to reach Stripe (the embedded
 * processor by default, real Stripe by configuration alone), and its business rules.
 *
 * @param stripeApiBase where stripe-java sends API calls, such as {@code https://api.stripe.com}
 * @param publicUrl the address merchants reach the platform at, used in account links, webhook
 *     endpoints and e-mails; empty means {@code http://localhost:<port>}
 * @param webhookSecrets the signing secrets of the two webhook endpoints, or an instruction to
 *     register the endpoints at start (the embedded processor)
 * @param accountType the connected account type to create; empty sends none, so Stripe's default
 *     applies, as in the guide's {@code POST /v1/accounts} with no body
 * @param fees the platform fee when no per-merchant override applies
 * @param mail where e-mail goes; without SMTP it stays in the outbox for the operator to read
 * @param operator the operator account ensured at start
 * @param reconcileInterval how often every connected account is read back from Stripe, to catch
 *     an {@code account.updated} that never arrived
 * @param stripeDashboardUrl where Standard account holders sign in to their own Stripe Dashboard
 *     (they manage their payouts there): {@code https://dashboard.stripe.com/} with Stripe's API,
 *     the processor's {@code /dashboard/login} with the embedded processor (see {@link
 *     #defaultStripeDashboardUrl})
 */
public record PlatformSettings(
    DataSource dataSource,
    String host,
    int port,
    String stripeSecretKey,
    URI stripeApiBase,
    Optional<URI> publicUrl,
    WebhookSecrets webhookSecrets,
    Optional<AccountType> accountType,
    FeeSchedule fees,
    MailSettings mail,
    OperatorLogin operator,
    Duration reconcileInterval,
    URI stripeDashboardUrl) {

  /** The connected account types of Stripe Connect (fact sheet §3.3). */
  public enum AccountType {
    STANDARD,
    EXPRESS,
    CUSTOM;

    public String stripeName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Signing secrets for {@code /webhooks/stripe} and {@code /webhooks/stripe/connect}. */
  public sealed interface WebhookSecrets {
    /** Secrets from the Stripe Dashboard (or the CLI); the endpoints are managed there. */
    record Configured(String platformSecret, String connectSecret) implements WebhookSecrets {
      public Configured {
        requireSecret(platformSecret, "platformSecret");
        requireSecret(connectSecret, "connectSecret");
      }
    }

    /**
     * The platform creates both endpoints itself at start through the API and keeps their ids and
     * secrets in its database, reusing them on later starts while they still exist.
     */
    record RegisterAtStart() implements WebhookSecrets {}

    private static void requireSecret(String secret, String name) {
      if (secret == null || !secret.startsWith("whsec_") || secret.length() < 10) {
        throw new IllegalArgumentException(name + " must be a webhook signing secret (whsec_...)");
      }
    }
  }

  /**
   * Outgoing mail.
   *
   * @param smtp {@code smtp://[user:password@]host:port} or {@code smtps://...}; empty keeps
   *     messages in the outbox
   * @param from the From address, such as {@code Comptoir <no-reply@example.com>}
   */
  public record MailSettings(Optional<URI> smtp, String from) {
    public MailSettings {
      Objects.requireNonNull(smtp, "smtp");
      Objects.requireNonNull(from, "from");
      smtp.ifPresent(uri -> {
        if (!("smtp".equals(uri.getScheme()) || "smtps".equals(uri.getScheme())) || uri.getHost() == null) {
          throw new IllegalArgumentException("the SMTP URL must look like smtp://host:port, was " + uri);
        }
      });
    }

    public static final MailSettings OUTBOX_ONLY = new MailSettings(Optional.empty(), "Comptoir <no-reply@localhost>");
  }

  /** The operator's e-mail and password; the account is created or its password updated at start. */
  public record OperatorLogin(String email, String password) {
    public OperatorLogin {
      if (email == null || !email.contains("@")) {
        throw new IllegalArgumentException("the operator e-mail must be an e-mail address");
      }
      if (password == null || password.length() < 12) {
        throw new IllegalArgumentException("the operator password must have at least 12 characters");
      }
    }

    @Override
    public String toString() {
      return "OperatorLogin[" + email + "]";
    }
  }

  /** Settings with the Stripe Dashboard that goes with {@code stripeApiBase} ({@link #defaultStripeDashboardUrl}). */
  public PlatformSettings(DataSource dataSource, String host, int port, String stripeSecretKey, URI stripeApiBase,
      Optional<URI> publicUrl, WebhookSecrets webhookSecrets, Optional<AccountType> accountType, FeeSchedule fees,
      MailSettings mail, OperatorLogin operator, Duration reconcileInterval) {
    this(dataSource, host, port, stripeSecretKey, stripeApiBase, publicUrl, webhookSecrets, accountType, fees, mail, operator,
        reconcileInterval, defaultStripeDashboardUrl(Objects.requireNonNull(stripeApiBase, "stripeApiBase")));
  }

  public PlatformSettings {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stripeSecretKey, "stripeSecretKey");
    Objects.requireNonNull(stripeApiBase, "stripeApiBase");
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(webhookSecrets, "webhookSecrets");
    Objects.requireNonNull(accountType, "accountType");
    Objects.requireNonNull(fees, "fees");
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(reconcileInterval, "reconcileInterval");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (reconcileInterval.isNegative() || reconcileInterval.isZero()) {
      throw new IllegalArgumentException("reconcileInterval must be positive, was " + reconcileInterval);
    }
    publicUrl.ifPresent(u -> {
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException("publicUrl must be an http(s) URL, was " + u);
      }
    });
    Objects.requireNonNull(stripeDashboardUrl, "stripeDashboardUrl");
    if (!isWebUrl(stripeDashboardUrl) || stripeDashboardUrl.getRawUserInfo() != null) {
      throw new IllegalArgumentException("stripeDashboardUrl (COMPTOIR_STRIPE_DASHBOARD_URL) must be an http(s) URL such as"
          + " https://dashboard.stripe.com/, was " + stripeDashboardUrl);
    }
  }

  private static boolean isWebUrl(URI u) {
    return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
  }

  /**
   * Where Standard account holders sign in to their Stripe Dashboard, for {@code stripeApiBase}:
   * Stripe's own Dashboard when the API is Stripe's ({@code *.stripe.com}); otherwise the embedded
   * processor, which serves its Dashboard sign-in on the same origin as its API.
   */
  public static URI defaultStripeDashboardUrl(URI stripeApiBase) {
    String host = stripeApiBase.getHost();
    if (host != null && (host.equals("stripe.com") || host.endsWith(".stripe.com"))) {
      return URI.create("https://dashboard.stripe.com/");
    }
    return URI.create(stripeApiBase.getScheme() + "://" + stripeApiBase.getRawAuthority() + "/dashboard/login");
  }

  public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofMinutes(10);

  /** Settings for the embedded processor: endpoints registered at start, defaults for the rest. */
  public static PlatformSettings embedded(
      DataSource dataSource, String host, int port, String stripeSecretKey, URI stripeApiBase, OperatorLogin operator) {
    return new PlatformSettings(dataSource, host, port, stripeSecretKey, stripeApiBase, Optional.empty(),
        new WebhookSecrets.RegisterAtStart(), Optional.empty(), FeeSchedule.DEFAULT, MailSettings.OUTBOX_ONLY, operator,
        DEFAULT_RECONCILE_INTERVAL);
  }

  public PlatformSettings withPublicUrl(URI url) {
    return new PlatformSettings(dataSource, host, port, stripeSecretKey, stripeApiBase, Optional.of(url), webhookSecrets,
        accountType, fees, mail, operator, reconcileInterval, stripeDashboardUrl);
  }

  public PlatformSettings withWebhookSecrets(WebhookSecrets secrets) {
    return new PlatformSettings(dataSource, host, port, stripeSecretKey, stripeApiBase, publicUrl, secrets,
        accountType, fees, mail, operator, reconcileInterval, stripeDashboardUrl);
  }

  public PlatformSettings withAccountType(Optional<AccountType> type) {
    return new PlatformSettings(dataSource, host, port, stripeSecretKey, stripeApiBase, publicUrl, webhookSecrets,
        type, fees, mail, operator, reconcileInterval, stripeDashboardUrl);
  }

  public PlatformSettings withFees(FeeSchedule schedule) {
    return new PlatformSettings(dataSource, host, port, stripeSecretKey, stripeApiBase, publicUrl, webhookSecrets,
        accountType, schedule, mail, operator, reconcileInterval, stripeDashboardUrl);
  }

  public PlatformSettings withMail(MailSettings newMail) {
    return new PlatformSettings(dataSource, host, port, stripeSecretKey, stripeApiBase, publicUrl, webhookSecrets,
        accountType, fees, newMail, operator, reconcileInterval, stripeDashboardUrl);
  }

  public PlatformSettings withReconcileInterval(Duration interval) {
    return new PlatformSettings(dataSource, host, port, stripeSecretKey, stripeApiBase, publicUrl, webhookSecrets,
        accountType, fees, mail, operator, interval, stripeDashboardUrl);
  }

  /** The same settings, sending Standard account holders to {@code url} for their Stripe Dashboard. */
  public PlatformSettings withStripeDashboardUrl(URI url) {
    return new PlatformSettings(dataSource, host, port, stripeSecretKey, stripeApiBase, publicUrl, webhookSecrets,
        accountType, fees, mail, operator, reconcileInterval, url);
  }

  @Override
  public String toString() {
    return "PlatformSettings[" + host + ":" + port + ", stripe=" + stripeApiBase + "]"; // never the key
  }
}

package com.comptoir.platform.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import java.net.URI;
import java.time.Duration;

/**
 * The platform's only way to Stripe: the official stripe-java client, pointed at the configured
 * API base (the embedded processor, or {@code https://api.stripe.com}) with the platform's secret
 * key. Calls on a connected account carry {@code Stripe-Account}; calls that create something carry
 * an Idempotency-Key derived from our own row ids, so a retry after a crash or timeout gets the
 * first answer instead of a second object.
 */
public final class StripeApi {
  private static final String LIVE_API_HOST = "api.stripe.com";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  /** stripe-java retries connection failures and 409/429/5xx with backoff, reusing the Idempotency-Key. */
  private static final int NETWORK_RETRIES = 2;

  private final StripeClient client;
  private final String idempotencyPrefix;

  private StripeApi(StripeClient client, String idempotencyPrefix) {
    this.client = client;
    this.idempotencyPrefix = idempotencyPrefix;
  }

  /**
   * A client for {@code apiBase}. Against real Stripe, files and Connect keep their own hosts;
   * anywhere else one base serves everything, as the processor does.
   *
   * @param idempotencyPrefix unique to this installation, so keys never collide with another's
   */
  public static StripeApi create(String secretKey, URI apiBase, String idempotencyPrefix) {
    String base = apiBase.toString().replaceAll("/+$", "");
    StripeClient.StripeClientBuilder builder = StripeClient.builder()
        .setApiKey(secretKey)
        .setApiBase(base)
        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
        .setReadTimeout((int) READ_TIMEOUT.toMillis())
        .setMaxNetworkRetries(NETWORK_RETRIES);
    if (!LIVE_API_HOST.equals(apiBase.getHost())) {
      builder.setFilesBase(base).setConnectBase(base);
    }
    return new StripeApi(builder.build(), idempotencyPrefix);
  }

  public StripeClient client() {
    return client;
  }

  /** Options for a call on the connected account {@code accountId}. */
  public RequestOptions onAccount(String accountId) {
    return RequestOptions.builder().setStripeAccount(accountId).build();
  }

  /** Options for a creating call on {@code accountId}, replayed by Stripe if repeated with the same {@code key}. */
  public RequestOptions onAccount(String accountId, String key) {
    return RequestOptions.builder().setStripeAccount(accountId).setIdempotencyKey(idempotencyKey(key)).build();
  }

  /** Options for a creating call on the platform's own account. */
  public RequestOptions idempotent(String key) {
    return RequestOptions.builder().setIdempotencyKey(idempotencyKey(key)).build();
  }

  private String idempotencyKey(String key) {
    return "comptoir-" + idempotencyPrefix + "-" + key;
  }

  /** True when Stripe says the object does not exist (404 {@code resource_missing}). */
  public static boolean isMissing(StripeException e) {
    return e instanceof InvalidRequestException && Integer.valueOf(404).equals(e.getStatusCode());
  }

  /** Stripe's own message for a person: what was wrong, without request ids or class names. */
  public static String describe(StripeException e) {
    if (e instanceof ApiConnectionException) {
      return "Stripe could not be reached. Please try again in a moment.";
    }
    String message = e.getStripeError() != null && e.getStripeError().getMessage() != null
        ? e.getStripeError().getMessage()
        : e.getMessage();
    return message == null ? "Stripe refused the request." : message.replaceAll("; request-id: \\S+", "");
  }
}

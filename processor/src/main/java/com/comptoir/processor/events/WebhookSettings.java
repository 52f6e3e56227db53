package com.comptoir.processor.events;

import java.time.Duration;

/**
 * How webhooks are delivered. The defaults follow Stripe: retries with exponential backoff for up
 * to three days (fact sheet §8.4); tests shorten them.
 *
 * @param timeout how long a receiver has to answer before the attempt counts as failed
 * @param firstRetry the delay before the first retry; each next one doubles, up to {@code maxRetryDelay}
 * @param retryFor how long after the event a delivery keeps being retried; an endpoint whose
 *     deliveries all failed for that long is disabled
 * @param lease how long a claimed attempt stays with its worker before another may take it over
 * @param pollInterval how often a worker looks for due deliveries without being woken
 */
public record WebhookSettings(
    Duration timeout, Duration firstRetry, Duration maxRetryDelay, Duration retryFor, Duration lease, Duration pollInterval, int concurrency) {

  public static final WebhookSettings DEFAULTS = new WebhookSettings(
      Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofDays(3), Duration.ofMinutes(2),
      Duration.ofSeconds(1), 32);

  public WebhookSettings {
    if (timeout.isNegative() || timeout.isZero() || firstRetry.isNegative() || lease.compareTo(timeout) <= 0) {
      throw new IllegalArgumentException("webhook timings must be positive, with the lease longer than the timeout");
    }
    if (concurrency < 1 || concurrency > 1024) {
      throw new IllegalArgumentException("webhook concurrency must be 1..1024");
    }
  }

  /** The delay before retry number {@code failedAttempts} (1 after the first failure). */
  Duration retryDelay(int failedAttempts) {
    long millis = firstRetry.toMillis() << Math.min(failedAttempts - 1, 30);
    return Duration.ofMillis(Math.min(millis, maxRetryDelay.toMillis()));
  }
}

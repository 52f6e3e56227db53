package com.comptoir.processor.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Stripe's per-key rate limit (https://stripe.com/docs/rate-limits): past a number of requests a
 * second, a key is answered 429 with code {@code rate_limit} until it slows down. Off unless a
 * limit is set ({@code COMPTOIR_RATE_LIMIT}).
 *
 * <p>A token bucket per API key: it holds one second's worth of requests and refills
 * continuously, so a client under the limit is never refused and a burst is cut at the limit.
 * Only authenticated keys get a bucket, so the map is bounded by the keys the processor has. The
 * count is per processor instance: two instances behind one address allow twice the rate.
 *
 * <p>The 429 carries {@code Stripe-Should-Retry: true} (set by {@link StripeApi} for every 429):
 * stripe-java and stripe-node retry a 4xx only when that header says so (a 429 without it is not
 * retried by either), and a refused request wrote nothing, so retrying it is safe.
 */
public final class RateLimiter {
  /** Stripe's own message for this error. */
  static final String MESSAGE = "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.";
  /** No limit: every request passes. */
  public static final RateLimiter OFF = new RateLimiter(0, System::nanoTime);

  private final int requestsPerSecond;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private RateLimiter(int requestsPerSecond, LongSupplier nanoTime) {
    if (requestsPerSecond < 0) {
      throw new IllegalArgumentException("requestsPerSecond must be 0 (off) or more, was " + requestsPerSecond);
    }
    this.requestsPerSecond = requestsPerSecond;
    this.nanoTime = nanoTime;
  }

  /** At most {@code requestsPerSecond} requests a second for each key; 0 turns the limit off. */
  public static RateLimiter perKey(int requestsPerSecond) {
    return requestsPerSecond == 0 ? OFF : new RateLimiter(requestsPerSecond, System::nanoTime);
  }

  static RateLimiter perKey(int requestsPerSecond, LongSupplier nanoTime) {
    return new RateLimiter(requestsPerSecond, nanoTime);
  }

  public int requestsPerSecond() {
    return requestsPerSecond;
  }

  /** Takes one request from {@code apiKey}'s allowance, or throws Stripe's 429 {@code rate_limit}. */
  void acquire(String apiKey) {
    if (requestsPerSecond == 0) {
      return;
    }
    Bucket bucket = buckets.computeIfAbsent(apiKey, k -> new Bucket(requestsPerSecond, nanoTime.getAsLong()));
    if (!bucket.take(requestsPerSecond, nanoTime.getAsLong())) {
      throw new StripeError(429, "invalid_request_error", "rate_limit", null, MESSAGE);
    }
  }

  private static final class Bucket {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private double tokens;
    private long refilledNanos;

    Bucket(int capacity, long nowNanos) {
      this.tokens = capacity;
      this.refilledNanos = nowNanos;
    }

    synchronized boolean take(int perSecond, long nowNanos) {
      long elapsed = Math.max(0, nowNanos - refilledNanos);
      tokens = Math.min(perSecond, tokens + (double) elapsed * perSecond / NANOS_PER_SECOND);
      refilledNanos = nowNanos;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}

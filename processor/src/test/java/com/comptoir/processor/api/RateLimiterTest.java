package com.comptoir.processor.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket behind the rate limit, on a clock the test moves. */
class RateLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final RateLimiter limiter = RateLimiter.perKey(2, nanos::get);

  @Test
  void aKeyGetsItsLimitInABurstThenWaitsForTheBucketToRefill() {
    limiter.acquire("sk_test_a");
    limiter.acquire("sk_test_a");
    assertThatThrownBy(() -> limiter.acquire("sk_test_a")).isInstanceOfSatisfying(StripeError.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(429));
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500)); // half a second: one request's worth at 2 a second
    assertThatCode(() -> limiter.acquire("sk_test_a")).doesNotThrowAnyException();
    assertThatThrownBy(() -> limiter.acquire("sk_test_a")).isInstanceOf(StripeError.class);
  }

  @Test
  void eachKeyHasItsOwnAllowance() {
    limiter.acquire("sk_test_a");
    limiter.acquire("sk_test_a");
    assertThatCode(() -> limiter.acquire("sk_test_b")).doesNotThrowAnyException();
  }

  @Test
  void aLongPauseRefillsNoMoreThanOneSecondsWorth() {
    nanos.addAndGet(TimeUnit.HOURS.toNanos(1));
    limiter.acquire("sk_test_a");
    limiter.acquire("sk_test_a");
    assertThatThrownBy(() -> limiter.acquire("sk_test_a")).isInstanceOf(StripeError.class);
  }

  @Test
  void offLetsEverythingThrough() {
    for (int i = 0; i < 10_000; i++) {
      RateLimiter.OFF.acquire("sk_test_a");
    }
  }
}

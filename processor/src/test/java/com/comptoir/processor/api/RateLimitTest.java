package com.comptoir.processor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.stripe.StripeClient;
import com.stripe.exception.RateLimitException;
import com.stripe.model.Balance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe's per-key rate limit (https://stripe.com/docs/rate-limits), as a setting that is off by
 * default: past the limit a key is answered 429 {@code rate_limit} with Stripe's body and
 * {@code Stripe-Should-Retry: true}, which is what makes the official SDKs retry it.
 */
class RateLimitTest {
  private static final int PER_SECOND = 3;
  private static final TestProcessor LIMITED = TestProcessor.customized(s -> s.withRateLimit(PER_SECOND));

  @AfterAll
  static void stop() {
    LIMITED.close();
  }

  @Test
  void withoutALimitABurstIsAllAnswered() {
    StripeHttp http = TestProcessor.get().http();
    for (int i = 0; i < 40; i++) {
      assertThat(http.get("/v1/balance").status()).isEqualTo(200);
    }
  }

  @Test
  void aBurstPastTheLimitIsAnsweredWithStripesRateLimitError() throws InterruptedException {
    StripeHttp http = LIMITED.http();
    // The class's tests share one key; a second of quiet refills its bucket whatever ran before.
    Thread.sleep(1_000);
    List<StripeHttp.Response> answers = new ArrayList<>();
    for (int i = 0; i < 4 * PER_SECOND; i++) {
      answers.add(http.get("/v1/balance"));
    }
    List<StripeHttp.Response> refused = answers.stream().filter(r -> r.status() == 429).toList();
    assertThat(refused).as("a burst of %d on a limit of %d a second", 4 * PER_SECOND, PER_SECOND).isNotEmpty();
    assertThat(answers.stream().filter(r -> r.status() == 200).count()).isGreaterThanOrEqualTo(PER_SECOND);
    StripeHttp.Response r = refused.get(0);
    assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(r.json().at("/error/code").asText()).isEqualTo("rate_limit");
    assertThat(r.json().at("/error/message").asText()).isEqualTo(RateLimiter.MESSAGE);
    assertThat(r.header("Stripe-Should-Retry")).isEqualTo("true");
    assertThat(r.header("Request-Id")).matches("req_[A-Za-z0-9]{14}");
  }

  @Test
  void stripeJavaRetriesARateLimitedRequestUntilItPasses() throws Exception {
    long refusedBefore = refusedBalanceReads();
    StripeClient retrying = StripeClient.builder().setApiKey(LIMITED.secretKey()).setApiBase(LIMITED.url())
        .setMaxNetworkRetries(6).build();
    for (int i = 0; i < 4 * PER_SECOND; i++) {
      Balance balance = retrying.v1().balance().retrieve();
      assertThat(balance.getObject()).isEqualTo("balance");
    }
    assertThat(refusedBalanceReads()).as("the SDK met 429s and retried them").isGreaterThan(refusedBefore);

    StripeClient once = StripeClient.builder().setApiKey(LIMITED.secretKey()).setApiBase(LIMITED.url())
        .setMaxNetworkRetries(0).build();
    assertThatThrownBy(() -> {
      for (int i = 0; i < 4 * PER_SECOND; i++) {
        once.v1().balance().retrieve();
      }
    }).isInstanceOf(RateLimitException.class).hasMessageContaining("Request rate limit exceeded");
  }

  private static long refusedBalanceReads() {
    return TestProcessor.exchanges().stream().filter(e -> e.status() == 429 && e.path().equals("/v1/balance")).count();
  }
}

package com.comptoir.processor.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * "A sandbox idle for a configurable time may be expired" ({@code COMPTOIR_SANDBOX_IDLE_EXPIRY}):
 * one left alone past the expiry is deleted as {@code DELETE} would, its key refused at once,
 * while one whose key keeps making requests lives on.
 */
@InOwnSandbox
class SandboxIdleExpiryTest {
  private static final Duration EXPIRY = SandboxSettings.MIN_IDLE_EXPIRY;
  /** A processor of its own: an idle expiry on the shared one would delete other classes' sandboxes. */
  private static final TestProcessor PROCESSOR = TestProcessor.customized(
      s -> s.withSandboxes(new SandboxSettings(SandboxSettings.DEFAULT_LIMIT, Optional.of(EXPIRY))));
  private final StripeHttp manager = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  @Test
  void aSandboxIdlePastTheExpiryIsDeletedAndOneInUseIsNot() {
    JsonNode idle = SandboxesApiTest.create(manager, Map.of("name", "left alone"));
    JsonNode busy = SandboxesApiTest.create(manager, Map.of("name", "in use"));
    StripeHttp idleKey = manager.withKey(idle.get("secret_key").asText());
    StripeHttp busyKey = manager.withKey(busy.get("secret_key").asText());
    long lastIdleUseNanos = System.nanoTime(); // taken before the request, which the processor logs a little later
    assertThat(idleKey.get("/v1/account").status()).isEqualTo(200);

    // The busy sandbox's key makes a request on every look, far more often than the expiry.
    Await.until("the idle sandbox's key is refused", EXPIRY.multipliedBy(6), () -> {
      StripeHttp.Response used = busyKey.get("/v1/balance");
      assertThat(used.status()).as("the sandbox in use is kept: " + used.body()).isEqualTo(200);
      return manager.get("/v1/test_helpers/sandboxes/" + idle.get("id").asText()).status() == 404;
    });
    assertThat(Duration.ofNanos(System.nanoTime() - lastIdleUseNanos)).as("not before its expiry").isGreaterThanOrEqualTo(EXPIRY);
    StripeHttp.Response refused = idleKey.get("/v1/account");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().at("/error/type").asText()).isEqualTo("invalid_request_error");

    // The busy one, made at the same time, outlived the sweep that took the idle one.
    JsonNode listed = manager.get("/v1/test_helpers/sandboxes?limit=100").json().get("data");
    assertThat(listed.findValuesAsText("id")).contains(busy.get("id").asText()).doesNotContain(idle.get("id").asText());
    assertThat(busyKey.get("/v1/account").status()).isEqualTo(200);
  }
}

package com.comptoir.processor.time;

import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.object;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * The caller's sandbox's processor clock as a test helper: {@code GET /v1/test_helpers/clock}
 * reads it, {@code POST /v1/test_helpers/clock/advance seconds=N} moves it forward and runs the
 * sandbox's work that became due before answering, so a test sees the consequences at once. Other
 * sandboxes' clocks and work are not touched.
 */
public final class ClockApi {
  /** A year at most per call: enough for any schedule, and bounded. */
  private static final long MAX_ADVANCE_SECONDS = Duration.ofDays(366).toSeconds();
  private static final int MAX_JOBS_PER_ADVANCE = 100_000;

  private ClockApi() {}

  public static void register(StripeApi api, ProcessorClock clock, Jobs jobs) {
    api.get("/v1/test_helpers/clock", object(), (r, h) -> render(clock, r.caller().platformId()));
    api.post("/v1/test_helpers/clock/advance", object().required("seconds", integer().min(0).max(MAX_ADVANCE_SECONDS)),
        (r, h) -> advance(r, clock, jobs));
  }

  private static ObjectNode advance(ApiRequest r, ProcessorClock clock, Jobs jobs) {
    if (r.caller().actsAsConnectedAccount()) {
      throw StripeError.invalid(null, "The processor clock is the platform's: send this request without Stripe-Account.");
    }
    String sandbox = r.caller().platformId();
    advance(clock, jobs, sandbox, r.params().integer("seconds"));
    return render(clock, sandbox);
  }

  /**
   * Moves the clock of {@code sandbox} (its platform account id) forward by {@code seconds} (0 to a
   * year) and runs its work that became due (expiry, settlement, availability, payouts, webhook
   * retries): what the API's advance does, for the Dashboard's test clock page too. Returns how
   * many scheduled jobs ran.
   */
  public static int advance(ProcessorClock clock, Jobs jobs, String sandbox, long seconds) {
    if (seconds < 0 || seconds > MAX_ADVANCE_SECONDS) {
      throw new IllegalArgumentException("the clock moves forward by 0 to " + MAX_ADVANCE_SECONDS + " seconds at a time");
    }
    clock.advance(sandbox, seconds);
    return jobs.runDue(sandbox, MAX_JOBS_PER_ADVANCE);
  }

  /** The most one advance may move the clock. */
  public static long maxAdvanceSeconds() {
    return MAX_ADVANCE_SECONDS;
  }

  private static ObjectNode render(ProcessorClock clock, String sandbox) {
    ObjectNode node = Json.object();
    node.put("object", "test_helpers.processor_clock");
    long offsetSeconds = clock.offsetSeconds(sandbox);
    node.put("now", System.currentTimeMillis() / 1000 + offsetSeconds);
    node.put("offset_seconds", offsetSeconds);
    node.put("livemode", false);
    return node;
  }
}

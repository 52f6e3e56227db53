package com.comptoir.processor.testmode;

import java.time.Duration;
import java.util.Map;

/**
 * The test cards whose refunds do not simply succeed (fact sheet §7.4), told apart by the
 * charge's {@code card.last4}: {@code 4000000000007726} refunds start {@code pending} and succeed a
 * little later; {@code 4000000000005126} refunds succeed, then fail a little later (the card is
 * gone) and the money comes back. Any other refund succeeds at once.
 */
public final class TestRefunds {
  private TestRefunds() {}

  /** How long the test cards' refunds take to change status, on the processor clock. */
  public static final Duration DELAY = Duration.ofMinutes(1);

  /** What a card refund does. */
  public enum Course {
    SUCCEEDS,
    PENDING_THEN_SUCCEEDS,
    SUCCEEDS_THEN_FAILS
  }

  /** The test cards with a course of their own, by full number. */
  public static final Map<String, Course> CARDS = Map.of(
      "4000000000007726", Course.PENDING_THEN_SUCCEEDS,
      "4000000000005126", Course.SUCCEEDS_THEN_FAILS);

  /** The course of a refund of a charge paid by {@code method}, the card's last four digits {@code last4}. */
  public static Course course(String method, String last4) {
    if (!"card".equals(method)) {
      return Course.SUCCEEDS;
    }
    return CARDS.entrySet().stream().filter(c -> c.getKey().endsWith(last4) && !last4.isEmpty()).map(Map.Entry::getValue)
        .findFirst().orElse(Course.SUCCEEDS);
  }
}

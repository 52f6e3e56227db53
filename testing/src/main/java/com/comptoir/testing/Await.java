package com.comptoir.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for something asynchronous (a webhook, an e-mail, a server coming up) by looking again,
 * never by sleeping a fixed time, and never without a bound: every wait fails after its timeout
 * saying what did not happen. Looks again after 10 ms, then less often, up to every 100 ms, so a
 * fast answer is seen at once and a slow one does not keep a core busy.
 */
public final class Await {
  /** How long a webhook may take to arrive and be handled on a busy machine. */
  public static final Duration WEBHOOK = Duration.ofSeconds(20);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
  private static final Duration LONGEST_PAUSE = Duration.ofMillis(100);

  private Await() {}

  /** Waits until {@code condition} holds, at most {@link #WEBHOOK}; else fails naming {@code what}. */
  public static void until(String what, BooleanSupplier condition) {
    until(what, WEBHOOK, condition);
  }

  /** Waits until {@code condition} holds, at most {@code timeout}; else fails naming {@code what}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    value(() -> what, timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
  }

  /** The first value {@code attempt} gives within {@code timeout}; else fails naming {@code what}. */
  public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> attempt) {
    return value(() -> what, timeout, attempt);
  }

  /** As {@link #value(String, Duration, Supplier)}, with a failure message made when it fails (to show the last state). */
  public static <T> T value(Supplier<String> what, Duration timeout, Supplier<Optional<T>> attempt) {
    return poll(timeout, attempt).orElseThrow(() -> new AssertionError("not within " + timeout.toMillis() + " ms: " + what.get()));
  }

  /**
   * Whether {@code condition} comes to hold within {@code timeout}, for checks that something
   * does <em>not</em> happen soon as well as that it does.
   */
  public static boolean holdsWithin(Duration timeout, BooleanSupplier condition) {
    return poll(timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty()).isPresent();
  }

  private static <T> Optional<T> poll(Duration timeout, Supplier<Optional<T>> attempt) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      Optional<T> value = attempt.get();
      if (value.isPresent() || System.nanoTime() - deadline > 0) {
        return value;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting", e);
      }
      pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    }
  }
}

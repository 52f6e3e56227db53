package com.comptoir.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something asynchronous (a webhook, an e-mail) by looking again, never by sleeping a fixed time. */
final class Await {
  static final Duration WEBHOOK = Duration.ofSeconds(20);

  private Await() {}

  static void until(String what, BooleanSupplier condition) {
    until(what, WEBHOOK, condition);
  }

  static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout.toSeconds() + " seconds: " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}

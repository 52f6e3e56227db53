package com.comptoir.processor.testing;

import com.comptoir.testing.Await;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For tests that watch what one instance keeps in memory follow a change made on another: two
 * processors on a database of their own, made before the class's tests and stopped after them.
 * Such classes run one after another on the suite's main thread (they are not {@link InOwnSandbox}),
 * so one pair of fields serves them all in turn.
 */
public abstract class TwoInstances {
  protected static TestProcessor first;
  protected static TestProcessor second;

  @BeforeAll
  static void twoInstances() {
    first = TestProcessor.fresh();
    second = first.sibling();
  }

  @AfterAll
  static void stopBoth() {
    second.close();
    first.close();
  }

  /** Whether {@code attempt} holds within five seconds: the NOTIFY after a commit, well before the caches' 30 s expiry. */
  protected static boolean withinFiveSeconds(BooleanSupplier attempt) {
    return Await.holdsWithin(Duration.ofSeconds(5), attempt);
  }
}

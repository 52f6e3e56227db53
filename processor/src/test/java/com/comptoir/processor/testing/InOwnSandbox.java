package com.comptoir.processor.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * A test class that works only in sandboxes (or a processor) of its own
 * ({@link TestProcessor#sandbox()}): nobody else sees its objects or moves its clock, so it runs
 * beside the suite's other classes, on a second thread ({@code junit-platform.properties}),
 * instead of after them.
 *
 * <p>Three locks ({@link Locks}): the class's own, taken for writing, which is what keeps its tests
 * one after another on one thread (they share its sandbox and its clock); and two of the shared
 * processor's, taken for reading: its list of sandboxes, so a class that lists every sandbox takes
 * it alone ({@link #SANDBOX_LIST}) and no sandbox is made under its feet; and its default
 * sandbox's clock ({@link #DEFAULT_CLOCK}), which Dashboard sessions are timed on whatever the
 * sandbox, so a class moving it days ahead does so alone rather than end other classes' sessions.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(providers = InOwnSandbox.Locks.class)
public @interface InOwnSandbox {
  /** The shared processor's list of sandboxes: changed by every class {@link InOwnSandbox}. */
  String SANDBOX_LIST = "comptoir.sandbox-list";
  /**
   * Taken for reading by every such class: a class that takes it for writing runs while none of
   * them does (WebhookDeliveryTest, whose retry timings missed an event twice beside them).
   */
  String NONE_BESIDE = "comptoir.none-beside";
  /** The shared processor's default sandbox's clock: Dashboard sessions of every sandbox expire on it. */
  String DEFAULT_CLOCK = "comptoir.default-clock";

  /** The locks of an {@link InOwnSandbox} class. */
  final class Locks implements ResourceLocksProvider {
    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
      // JUnit runs a class's tests on one thread only under a lock taken for writing; a read lock alone would let them overlap.
      return Set.of(new Lock(testClass.getName(), ResourceAccessMode.READ_WRITE), new Lock(SANDBOX_LIST, ResourceAccessMode.READ),
          new Lock(DEFAULT_CLOCK, ResourceAccessMode.READ), new Lock(NONE_BESIDE, ResourceAccessMode.READ));
    }
  }
}

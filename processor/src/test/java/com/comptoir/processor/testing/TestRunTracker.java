package com.comptoir.processor.testing;

import com.comptoir.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Knows which tests of this JVM have run and which are still to come, in every engine (Jupiter
 * and jqwik alike). A check over the whole suite, such as the schema conformance check, asks it
 * whether it truly runs last and whether anything ran before it. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class TestRunTracker implements TestExecutionListener {
  private static volatile TestPlan currentPlan;
  /** Test unique id to the class that holds it, over every plan of this JVM (reruns included). */
  private static final Map<String, String> FINISHED = new ConcurrentHashMap<>();
  /** Tests and containers skipped as a whole: their tests never run. */
  private static final Set<String> SKIPPED = ConcurrentHashMap.newKeySet();

  @Override
  public void testPlanExecutionStarted(TestPlan plan) {
    currentPlan = plan;
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    SKIPPED.add(id.getUniqueId());
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (id.isTest()) {
      FINISHED.put(id.getUniqueId(), className(id).orElse(""));
    } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
      // A class aborted or failed in @BeforeAll (e.g. the spec is absent): its tests will not run.
      SKIPPED.add(id.getUniqueId());
    }
  }

  /** Whether this listener is registered and a plan is running: otherwise nothing it says holds. */
  public static boolean isActive() {
    return currentPlan != null;
  }

  /** How many tests outside {@code own} have finished in this JVM. */
  public static long finishedOutside(Class<?> own) {
    return FINISHED.values().stream().filter(c -> !c.equals(own.getName())).count();
  }

  /** The tests of the running plan, outside {@code own}, that have neither run nor been skipped. */
  public static List<String> pendingOutside(Class<?> own) {
    TestPlan plan = currentPlan;
    if (plan == null) {
      return List.of();
    }
    return plan.getRoots().stream()
        .flatMap(root -> plan.getDescendants(root).stream())
        .filter(TestIdentifier::isTest)
        .filter(id -> !className(id).orElse("").equals(own.getName()))
        .filter(id -> !FINISHED.containsKey(id.getUniqueId()) && !skipped(plan, id))
        .map(id -> className(id).orElse("?") + " " + id.getDisplayName())
        .toList();
  }

  /**
   * Waits, at most {@code timeout}, until the tests of every {@link InOwnSandbox} class of the plan
   * have run: those run beside the others on a second thread, so a check over the whole run, last
   * on the first thread, may reach its turn before they end.
   */
  public static void awaitClassesInOwnSandbox(Duration timeout) {
    Await.until("every @InOwnSandbox class has run", timeout,
        () -> pendingOutside(Object.class).stream().noneMatch(TestRunTracker::inOwnSandbox));
  }

  private static boolean inOwnSandbox(String pendingTest) {
    String className = pendingTest.substring(0, pendingTest.indexOf(' '));
    try {
      return Class.forName(className, false, TestRunTracker.class.getClassLoader()).isAnnotationPresent(InOwnSandbox.class);
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static boolean skipped(TestPlan plan, TestIdentifier id) {
    for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
      if (SKIPPED.contains(at.get().getUniqueId())) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> className(TestIdentifier id) {
    TestSource source = id.getSource().orElse(null);
    return switch (source) {
      case MethodSource method -> Optional.of(method.getClassName());
      case ClassSource type -> Optional.of(type.getClassName());
      case null, default -> Optional.empty();
    };
  }
}

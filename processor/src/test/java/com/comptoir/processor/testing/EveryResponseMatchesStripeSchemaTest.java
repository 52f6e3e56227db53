package com.comptoir.processor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.comptoir.processor.api.ApiExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The suite-wide wire check: every JSON body the processor answered during this test run is
 * validated against its schema in Stripe's OpenAPI spec. New endpoints join by being tested at
 * all; an endpoint the spec does not have fails here unless it is our own.
 *
 * <p>It reads what the other tests made the shared {@link TestProcessor} answer, so it runs last
 * ({@code junit-platform.properties} orders classes by {@link Order}; the POM puts the jqwik
 * engine before Jupiter's) and fails if any test of the run, in any engine, is still to come. Run
 * alone ({@code -Dtest=ThisClass}) it has nothing to read, and is skipped rather than passed. It
 * sees one test JVM: with more than one fork, each would check only its own share.
 */
@Order(Integer.MAX_VALUE)
class EveryResponseMatchesStripeSchemaTest {

  @Test
  void everyBodyTheSuiteReceivedMatchesItsSchemaInStripesSpec() {
    assertThat(TestRunTracker.isActive())
        .as("TestRunTracker is not registered as a JUnit listener (META-INF/services), so this check cannot know it runs last")
        .isTrue();
    TestRunTracker.awaitClassesInOwnSandbox(Duration.ofMinutes(10));
    List<String> pending = TestRunTracker.pendingOutside(getClass());
    assertThat(pending)
        .as("the schema check must run after every other test, but %d have not run yet, such as %s",
            pending.size(), pending.stream().limit(5).toList())
        .isEmpty();
    assumeTrue(TestRunTracker.finishedOutside(getClass()) > 0,
        "no other test ran in this JVM, so no response to check: run the whole module");
    assumeTrue(TestProcessor.isStarted(), "no test of this run used the processor, so no response to check");
    StripeSchemas schemas = StripeSchemas.shared().orElse(null);
    assumeTrue(schemas != null, StripeSchemas::absenceReason);

    List<ApiExchange> exchanges = TestProcessor.exchanges();
    assertThat(exchanges)
        .as("the processor ran for this suite but recorded no answered request: is TestProcessor's listener wired?")
        .isNotEmpty();

    List<SchemaViolation> found = new ArrayList<>();
    List<SchemaViolation> unknown = new ArrayList<>();
    int failingResponses = 0;
    for (ApiExchange exchange : exchanges) {
      List<SchemaViolation> violations = schemas.check(exchange);
      List<SchemaViolation> news = violations.stream().filter(v -> !KnownSchemaDefects.isKnown(v)).toList();
      found.addAll(violations);
      unknown.addAll(news);
      failingResponses += news.isEmpty() ? 0 : 1;
    }
    System.out.printf("Schema check: %d responses validated against Stripe's spec (read in %d ms); %d known defects tolerated%n",
        exchanges.size(), schemas.loadTime().toMillis(), found.size() - unknown.size());
    List<KnownSchemaDefects.Defect> unseen = KnownSchemaDefects.unseen(found);
    if (!unseen.isEmpty()) {
      System.out.printf("  %d known defects not seen in this run (fixed, or not exercised by the tests that ran): %s%n", unseen.size(), unseen);
    }
    assertThat(unknown)
        .withFailMessage("%d responses disagree with Stripe's OpenAPI spec (fix the processor; see KnownSchemaDefects):%n%s",
            failingResponses, report(unknown))
        .isEmpty();
  }

  /** One line per distinct problem, with how many responses showed it, so a shared defect reads once. */
  private static String report(List<SchemaViolation> violations) {
    Map<String, List<SchemaViolation>> byProblem = violations.stream().collect(Collectors.groupingBy(
        v -> v.method() + " " + (v.route() == null ? v.path() : v.route()) + " " + v.status() + " " + v.whereInAnyElement() + " " + v.problem(),
        LinkedHashMap::new, Collectors.toList()));
    List<String> lines = new ArrayList<>();
    byProblem.values().forEach(same -> lines.add("  " + same.getFirst()
        + (same.size() > 1 ? "  (in " + same.size() + " responses)" : "")));
    return String.join(System.lineSeparator(), lines);
  }
}

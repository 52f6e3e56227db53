package com.comptoir.processor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The suite-wide ledger check: every processor the suite closed, and the shared processor after
 * every test class, was audited by {@link LedgerAudits}; this fails if any audit found something,
 * naming when. It runs after every other test but the schema check.
 */
@Order(Integer.MAX_VALUE - 1)
class LedgerAuditedThroughoutTest {

  @Test
  void theLedgerWasSoundAfterEveryTestClassAndInEveryProcessorClosed() {
    assertThat(TestRunTracker.isActive()).as("TestRunTracker is not registered, so this check cannot know it runs late").isTrue();
    TestRunTracker.awaitClassesInOwnSandbox(Duration.ofMinutes(10));
    List<String> pending = TestRunTracker.pendingOutside(getClass()).stream()
        .filter(t -> !t.startsWith(EveryResponseMatchesStripeSchemaTest.class.getName()))
        .toList();
    assertThat(pending).as("the ledger check must run after every other test but the schema check; still to come: %s",
        pending.stream().limit(5).toList()).isEmpty();
    assumeTrue(LedgerAudits.audits() > 0, "no processor was audited in this run: run the whole module");
    assertThat(LedgerAudits.dirty())
        .withFailMessage("the ledger audit found problems:%n%s", String.join(System.lineSeparator(), LedgerAudits.dirty()))
        .isEmpty();
  }
}

package com.comptoir.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * The ledger audited throughout the suite, whoever moves money: the shared processor after every
 * test class, and every other processor when it is closed ({@link TestProcessor#close}). What the
 * auditor finds is kept here, with when it was found, and {@code LedgerAuditedThroughoutTest}
 * fails on it at the end of the run. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}, in every engine.
 */
public final class LedgerAudits implements TestExecutionListener {
  private static final List<String> DIRTY = new CopyOnWriteArrayList<>();
  private static final AtomicInteger AUDITS = new AtomicInteger();
  private static volatile String currentClass = "no test class";

  @Override
  public void executionStarted(TestIdentifier id) {
    if (id.getSource().orElse(null) instanceof ClassSource type) {
      currentClass = type.getClassName();
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (id.getSource().orElse(null) instanceof ClassSource type) {
      TestProcessor.sharedIfRunning().ifPresent(shared -> audit(shared, "after " + type.getClassName() + ", on the shared processor"));
    }
  }

  /** Audits {@code processor}'s ledger now; findings are kept for the end of the run. */
  static void audit(TestProcessor processor, String when) {
    StripeHttp.Response r;
    try {
      r = processor.http().get("/v1/test_helpers/ledger/audit");
      // A processor with a rate limit (RateLimitTest) may refuse the audit as it refuses any
      // request; like the SDKs, the audit retries what Stripe-Should-Retry says to, a few times.
      for (int retry = 1; retry <= 5 && r.status() == 429 && "true".equals(r.header("Stripe-Should-Retry")); retry++) {
        Thread.sleep(200L * retry);
        r = processor.http().get("/v1/test_helpers/ledger/audit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while auditing the ledger " + when, e);
    } catch (RuntimeException e) {
      System.err.println("ledger audit " + when + " could not run: " + e);
      return; // a test that stopped the processor's database on purpose; nothing to read
    }
    AUDITS.incrementAndGet();
    JsonNode findings = r.status() == 200 ? r.json().path("findings") : null;
    if (findings == null || !findings.isEmpty()) {
      DIRTY.add(when + ": " + (findings == null ? "the audit answered " + r.status() + " " + r.body() : findings.toPrettyString()));
    }
  }

  static String currentClass() {
    return currentClass;
  }

  /** What the audits found, with when; empty when the ledger was always sound. */
  public static List<String> dirty() {
    return List.copyOf(DIRTY);
  }

  public static int audits() {
    return AUDITS.get();
  }
}

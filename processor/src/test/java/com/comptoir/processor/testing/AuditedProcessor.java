package com.comptoir.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A processor for tests that move money, audited after every test and once more after the class:
 * the ledger auditor ({@code GET /v1/test_helpers/ledger/audit}) must find nothing. Register it
 * in the test class:
 *
 * <pre>{@code @RegisterExtension static final AuditedProcessor processor = AuditedProcessor.sandbox();}</pre>
 *
 * A sandbox of the class's own on the shared processor (so its clock can move) is made on first
 * use and deleted after the class; the shared processor's default sandbox is only audited.
 */
public final class AuditedProcessor implements AfterEachCallback, AfterAllCallback {
  private enum Kind { SHARED, SANDBOX, FRESH }

  private final Kind kind;
  private TestProcessor processor;

  private AuditedProcessor(Kind kind) {
    this.kind = kind;
  }

  /** A sandbox of the class's own on the shared processor: its own platform and clock. */
  public static AuditedProcessor sandbox() {
    return new AuditedProcessor(Kind.SANDBOX);
  }

  /** A processor of the class's own, on its own database. */
  public static AuditedProcessor fresh() {
    return new AuditedProcessor(Kind.FRESH);
  }

  /** The suite's shared processor; tests that move money on it must not move its clock. */
  public static AuditedProcessor shared() {
    return new AuditedProcessor(Kind.SHARED);
  }

  public synchronized TestProcessor get() {
    if (processor == null) {
      processor = switch (kind) {
        case SHARED -> TestProcessor.get();
        case SANDBOX -> TestProcessor.sandbox();
        case FRESH -> TestProcessor.fresh();
      };
    }
    return processor;
  }

  /** The audit report; {@code findings} is empty when the ledger is sound. */
  public JsonNode audit() {
    StripeHttp.Response r = get().http().get("/v1/test_helpers/ledger/audit");
    if (r.status() != 200) {
      throw new AssertionError("the ledger audit answered " + r.status() + ": " + r.body());
    }
    return r.json();
  }

  /** Fails with the findings unless the ledger audit is clean. */
  public void assertClean() {
    JsonNode report = audit();
    if (!report.path("findings").isEmpty()) {
      throw new AssertionError("the ledger audit found " + report.path("findings").size() + " problems:\n"
          + report.path("findings").toPrettyString());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (processor != null) {
      assertClean();
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (processor == null) {
      return;
    }
    try {
      assertClean();
    } finally {
      if (kind != Kind.SHARED) {
        processor.close();
        processor = null;
      }
    }
  }
}

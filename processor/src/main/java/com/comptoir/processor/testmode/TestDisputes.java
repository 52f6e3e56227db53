package com.comptoir.processor.testmode;

import java.time.Duration;
import java.util.Map;

/**
 * Test dispute evidence (fact sheet §6.3): the value of {@code evidence[uncategorized_text]} when
 * the evidence is submitted decides the dispute a minute later on the processor clock. The cards
 * that open disputes are in {@link TestCards} ({@code DISPUTE}); the SEPA IBANs in {@link TestIbans}.
 */
public final class TestDisputes {
  private TestDisputes() {}

  /** How long the bank takes to decide submitted evidence, on the processor clock. */
  public static final Duration DECISION_DELAY = Duration.ofMinutes(1);

  /** What the bank decides. */
  public enum Decision {
    /** The account wins: the amount (and, in test mode, the fee) come back; an inquiry closes. */
    WIN("wins the dispute: the amount comes back, with the fee where the fee model returns it (an inquiry closes)"),
    /** The account loses; an inquiry closes. */
    LOSE("loses the dispute (an inquiry closes)"),
    /** An inquiry becomes a chargeback: the money is withdrawn, and new evidence is due. */
    ESCALATE("turns an inquiry into a chargeback: the money is withdrawn, new evidence due"),
    /** No test value: the dispute stays under review, as a bank would take its time. */
    NONE("the dispute stays under review");

    private final String does;

    Decision(String does) {
      this.does = does;
    }

    /** What the decision does, in the README's words. */
    public String does() {
      return does;
    }
  }

  /** The evidence values with a decision. */
  public static final Map<String, Decision> EVIDENCE = Map.of(
      "winning_evidence", Decision.WIN,
      "losing_evidence", Decision.LOSE,
      "escalate_inquiry_evidence", Decision.ESCALATE);

  public static Decision decision(String uncategorizedText) {
    return EVIDENCE.getOrDefault(uncategorizedText, Decision.NONE);
  }
}

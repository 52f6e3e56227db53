package com.comptoir.processor.accounts;

import com.comptoir.processor.store.Lifecycle;
import com.comptoir.processor.store.Transitions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Optional;

/**
 * An external bank account's statuses (fact sheet §4.2, §7.8). A bank account is added
 * {@code new}; a payout to it that fails disables it ({@code errored}), so no payout goes to it
 * again until it is replaced, and the platform hears {@code account.external_account.updated}.
 * Stripe's {@code validated}, {@code verified} and {@code verification_failed} come from checks
 * this test mode does not run, but a failed payout errors them too.
 */
public enum BankAccountStatus implements Lifecycle<BankAccountStatus> {
  NEW,
  VALIDATED,
  VERIFIED,
  VERIFICATION_FAILED,
  ERRORED;

  private static final Transitions<BankAccountStatus> TABLE = Transitions.of(BankAccountStatus.class)
      .move(EnumSet.of(NEW, VALIDATED, VERIFIED, VERIFICATION_FAILED), ERRORED, "account.external_account.updated");

  @Override
  public boolean canMoveTo(BankAccountStatus next) {
    return TABLE.allows(this, next);
  }

  @Override
  public Optional<String> eventTo(BankAccountStatus next) {
    return TABLE.event(this, next);
  }

  @Override
  public String wire() {
    return Transitions.wire(this);
  }

  /** False once a payout to it has failed: no payout goes there. */
  public boolean takesPayouts() {
    return this != ERRORED;
  }

  public static BankAccountStatus of(JsonNode bank) {
    return Transitions.fromWire(BankAccountStatus.class, bank.get("status").asText());
  }

  /** Sets the bank account's status to {@code next} if the table lists the move; returns its event. */
  public static String move(ObjectNode bank, BankAccountStatus next) {
    String event = of(bank).eventTo(next).orElseThrow();
    bank.put("status", next.wire());
    return event;
  }
}

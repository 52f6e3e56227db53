package com.comptoir.processor.payments;

import com.comptoir.processor.store.Lifecycle;
import com.comptoir.processor.store.Transitions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Optional;

/**
 * A Charge's statuses and moves. A charge is made already {@code succeeded} or {@code failed} when
 * the card network answers at once; a bank debit's charge is made {@code pending} and settles days
 * later, one way or the other. Both ends are final: a refund or dispute changes other fields.
 * Arriving publishes {@code charge.<status>}, so {@link #created} names the event of a new charge too.
 */
public enum ChargeStatus implements Lifecycle<ChargeStatus> {
  PENDING,
  SUCCEEDED,
  FAILED;

  private static final Transitions<ChargeStatus> TABLE = Transitions.of(ChargeStatus.class)
      .move(EnumSet.of(PENDING), SUCCEEDED, "charge.succeeded")
      .move(EnumSet.of(PENDING), FAILED, "charge.failed");

  @Override
  public boolean canMoveTo(ChargeStatus next) {
    return TABLE.allows(this, next);
  }

  @Override
  public Optional<String> eventTo(ChargeStatus next) {
    return TABLE.event(this, next);
  }

  /** The event a charge made in this status publishes. */
  public String created() {
    return "charge." + wire();
  }

  @Override
  public String wire() {
    return Transitions.wire(this);
  }

  public static ChargeStatus of(JsonNode charge) {
    return Transitions.fromWire(ChargeStatus.class, charge.get("status").asText());
  }

  /** Sets the charge's status to {@code next} if the table lists the move; returns its event. */
  static String move(ObjectNode charge, ChargeStatus next) {
    String event = of(charge).eventTo(next).orElseThrow();
    charge.put("status", next.wire());
    return event;
  }
}

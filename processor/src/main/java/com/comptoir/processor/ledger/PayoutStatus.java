package com.comptoir.processor.ledger;

import com.comptoir.processor.store.Lifecycle;
import com.comptoir.processor.store.Transitions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Optional;

/**
 * A Payout's statuses and moves (fact sheet §7.8): made {@code pending}, submitted to the bank
 * ({@code in_transit}, told as {@code payout.updated}), then {@code paid} or {@code failed}; only a
 * pending manual payout can be {@code canceled}. The three ends are final.
 */
enum PayoutStatus implements Lifecycle<PayoutStatus> {
  PENDING,
  IN_TRANSIT,
  PAID,
  FAILED,
  CANCELED;

  private static final Transitions<PayoutStatus> TABLE = Transitions.of(PayoutStatus.class)
      .move(EnumSet.of(PENDING), IN_TRANSIT, "payout.updated")
      .move(EnumSet.of(PENDING), CANCELED, "payout.canceled")
      .move(EnumSet.of(IN_TRANSIT), PAID, "payout.paid")
      .move(EnumSet.of(IN_TRANSIT), FAILED, "payout.failed");

  @Override
  public boolean canMoveTo(PayoutStatus next) {
    return TABLE.allows(this, next);
  }

  @Override
  public Optional<String> eventTo(PayoutStatus next) {
    return TABLE.event(this, next);
  }

  @Override
  public String wire() {
    return Transitions.wire(this);
  }

  public static PayoutStatus of(JsonNode payout) {
    return Transitions.fromWire(PayoutStatus.class, payout.get("status").asText());
  }

  /** Sets the payout's status to {@code next} if the table lists the move; returns its event. */
  static String move(ObjectNode payout, PayoutStatus next) {
    String event = of(payout).eventTo(next).orElseThrow();
    payout.put("status", next.wire());
    return event;
  }
}

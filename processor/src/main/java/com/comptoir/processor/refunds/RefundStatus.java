package com.comptoir.processor.refunds;

import com.comptoir.processor.store.Lifecycle;
import com.comptoir.processor.store.Transitions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Optional;

/**
 * A Refund's statuses and moves (fact sheet §7.4). A refund is made {@code pending} or
 * {@code succeeded} ({@code refund.created}); a pending one settles either way; a succeeded one can
 * still fail when the card is gone (test card 4000000000005126), and its money comes back; only a
 * refund waiting on the customer ({@code requires_action}) can be canceled. Every move publishes
 * {@code refund.updated} (with its older twin {@code charge.refund.updated}).
 */
enum RefundStatus implements Lifecycle<RefundStatus> {
  PENDING,
  REQUIRES_ACTION,
  SUCCEEDED,
  FAILED,
  CANCELED;

  private static final Transitions<RefundStatus> TABLE = Transitions.of(RefundStatus.class)
      .move(EnumSet.of(PENDING), SUCCEEDED, "refund.updated")
      .move(EnumSet.of(PENDING, SUCCEEDED), FAILED, "refund.updated")
      .move(EnumSet.of(REQUIRES_ACTION), CANCELED, "refund.updated");

  @Override
  public boolean canMoveTo(RefundStatus next) {
    return TABLE.allows(this, next);
  }

  @Override
  public Optional<String> eventTo(RefundStatus next) {
    return TABLE.event(this, next);
  }

  @Override
  public String wire() {
    return Transitions.wire(this);
  }

  public static RefundStatus of(JsonNode refund) {
    return Transitions.fromWire(RefundStatus.class, refund.get("status").asText());
  }

  /** Sets the refund's status to {@code next} if the table lists the move; returns its event. */
  static String move(ObjectNode refund, RefundStatus next) {
    String event = of(refund).eventTo(next).orElseThrow();
    refund.put("status", next.wire());
    return event;
  }
}

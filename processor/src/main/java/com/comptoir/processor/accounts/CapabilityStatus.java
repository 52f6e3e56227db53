package com.comptoir.processor.accounts;

import com.comptoir.processor.store.Lifecycle;
import com.comptoir.processor.store.Transitions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * An account capability's statuses (fact sheet §3.2). A capability is {@code unrequested} until it
 * is in the account's {@code capabilities} map; from then on its status follows the account's
 * requirements, which can change either way (new information due makes an active capability
 * inactive again), and it can be removed. Every move publishes {@code capability.updated}.
 * {@code disabled} is Stripe's for a capability it turned off; this model never reaches it.
 */
public enum CapabilityStatus implements Lifecycle<CapabilityStatus> {
  UNREQUESTED,
  INACTIVE,
  PENDING,
  ACTIVE,
  DISABLED;

  private static final Set<CapabilityStatus> REQUESTED = EnumSet.of(INACTIVE, PENDING, ACTIVE);

  private static final Transitions<CapabilityStatus> TABLE = Transitions.of(CapabilityStatus.class)
      .move(EnumSet.of(UNREQUESTED, PENDING, ACTIVE), INACTIVE, "capability.updated")
      .move(EnumSet.of(UNREQUESTED, INACTIVE, ACTIVE), PENDING, "capability.updated")
      .move(EnumSet.of(UNREQUESTED, INACTIVE, PENDING), ACTIVE, "capability.updated")
      .move(REQUESTED, UNREQUESTED, "capability.updated");

  @Override
  public boolean canMoveTo(CapabilityStatus next) {
    return TABLE.allows(this, next);
  }

  @Override
  public Optional<String> eventTo(CapabilityStatus next) {
    return TABLE.event(this, next);
  }

  @Override
  public String wire() {
    return Transitions.wire(this);
  }

  /** The status of capability {@code name} in the account's {@code capabilities} map. */
  public static CapabilityStatus of(JsonNode account, String name) {
    JsonNode value = account.path("capabilities").get(name);
    return value == null ? UNREQUESTED : Transitions.fromWire(CapabilityStatus.class, value.asText());
  }

  /** Sets capability {@code name} of the account to {@code next}, if the table lists the move (staying put is no move). */
  static void move(ObjectNode account, String name, CapabilityStatus next) {
    CapabilityStatus from = of(account, name);
    if (from == next) {
      return;
    }
    from.eventTo(next);
    ObjectNode map = (ObjectNode) account.get("capabilities");
    if (next == UNREQUESTED) {
      map.remove(name);
    } else {
      map.put(name, next.wire());
    }
  }
}

package com.comptoir.processor.payments;

import com.comptoir.processor.events.EventContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

/**
 * What the money side does when a charge succeeds or is disputed (each hook takes the events it
 * cares about; the others do nothing): the ledger books it, disputes open, in the same
 * transaction as the charge's own change, before the charge is stored (it sets
 * {@code balance_transaction} and {@code application_fee} on it).
 */
public interface ChargeHooks {
  /**
   * @param bypassPending the charge's funds are available at once (Stripe's bypass-pending test cards)
   */
  default void chargeSucceeded(Handle h, EventContext context, String accountId, String platformId, ObjectNode charge,
      boolean bypassPending) {}

  /** @param reason Stripe's dispute reason, or {@code inquiry} for an inquiry */
  default void chargeDisputed(Handle h, EventContext context, String accountId, String platformId, ObjectNode charge, String reason) {}
}

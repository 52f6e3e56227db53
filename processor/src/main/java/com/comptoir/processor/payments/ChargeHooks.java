package com.comptoir.processor.payments;

import com.comptoir.processor.events.EventContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

/**
 * What the money side does when a charge succeeds or is disputed: the ledger books it, in the same
 * transaction as the charge's own change, before the charge is stored (it sets
 * {@code balance_transaction} and {@code application_fee} on it).
 */
public interface ChargeHooks {
  /**
   * @param bypassPending the charge's funds are available at once (Stripe's bypass-pending test cards)
   */
  void chargeSucceeded(Handle h, EventContext context, String accountId, String platformId, ObjectNode charge, boolean bypassPending);

  void chargeDisputed(Handle h, EventContext context, String accountId, String platformId, ObjectNode charge, String reason);
}

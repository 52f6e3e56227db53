package com.comptoir.platform.webhooks;

import com.stripe.model.Event;
import org.jdbi.v3.core.Handle;

/**
 * Acts on one verified, first-seen event inside the transaction that records it as received: if
 * the handler throws, neither its changes nor the record commit, Stripe gets a 5xx, and the
 * retried delivery runs it again.
 */
@FunctionalInterface
public interface EventHandler {
  void handle(Handle h, Event event) throws Exception;
}

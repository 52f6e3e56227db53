package com.comptoir.processor.checkout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The sessions a transaction is paying, already read and row-locked, by their PaymentIntent. When
 * the intent moves, Checkout follows it on the document in hand instead of finding and locking the
 * session again: two round trips fewer on every payment. Each handle has its own, emptied when its
 * transaction ends, so a document is never trusted beyond the lock that made it current.
 */
public final class SessionsInHand implements JdbiConfig<SessionsInHand> {
  private final Map<String, ObjectNode> byIntent = new HashMap<>();

  public SessionsInHand() {}

  @Override
  public SessionsInHand createCopy() {
    return new SessionsInHand();
  }

  /** {@code session}, read with {@code FOR UPDATE} in {@code h}'s transaction and kept current by it, pays with {@code paymentIntent}. */
  static void intentOf(Handle h, String paymentIntent, ObjectNode session) {
    Map<String, ObjectNode> held = h.getConfig(SessionsInHand.class).byIntent;
    if (held.isEmpty()) {
      h.afterCommit(held::clear);
      h.afterRollback(held::clear);
    }
    held.put(paymentIntent, session);
  }

  /** The locked, current session paying with {@code paymentIntent}, or null when this transaction holds none. */
  static ObjectNode forIntent(Handle h, String paymentIntent) {
    return h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
  }
}

package com.comptoir.processor.checkout;

import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The sessions a transaction is paying, already read and row-locked, by their PaymentIntent. When
 * the intent moves, Checkout follows it on the document in hand instead of finding and locking the
 * session again: two round trips fewer on every payment. Each handle has its own, emptied when its
 * transaction ends, so a document is never trusted beyond the lock that made it current. The
 * PaymentMethod being paid with is kept beside it, so completing the session does not read back
 * what the same transaction just stored.
 */
public final class SessionsInHand implements JdbiConfig<SessionsInHand> {
  private final Map<String, Held> byIntent = new HashMap<>();

  public SessionsInHand() {}

  @Override
  public SessionsInHand createCopy() {
    return new SessionsInHand();
  }

  /**
   * A session in hand: the locked document, the PaymentMethod this transaction is paying it with
   * (null until known), and whether the document has a change not yet written.
   */
  private static final class Held {
    final ObjectNode session;
    ObjectNode paymentMethod;
    boolean unsaved;

    Held(ObjectNode session) {
      this.session = session;
    }
  }

  /** {@code session}, read with {@code FOR UPDATE} in {@code h}'s transaction and kept current by it, pays with {@code paymentIntent}. */
  static void intentOf(Handle h, String paymentIntent, ObjectNode session) {
    Map<String, Held> held = h.getConfig(SessionsInHand.class).byIntent;
    if (held.isEmpty()) {
      h.afterCommit(held::clear);
      h.afterRollback(held::clear);
    }
    Held before = held.get(paymentIntent);
    if (before == null || before.session != session) {
      held.put(paymentIntent, new Held(session));
    }
  }

  /** The locked, current session paying with {@code paymentIntent}, or null when this transaction holds none. */
  static ObjectNode forIntent(Handle h, String paymentIntent) {
    Held held = h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
    return held == null ? null : held.session;
  }

  /** The session paying with {@code paymentIntent} is paid with {@code paymentMethod}, as it was just stored. */
  static void paidWith(Handle h, String paymentIntent, ObjectNode paymentMethod) {
    held(h, paymentIntent).paymentMethod = paymentMethod;
  }

  /** The PaymentMethod this transaction pays {@code paymentIntent}'s session with, or null when it holds none. */
  static ObjectNode paymentMethodFor(Handle h, String paymentIntent) {
    Held held = h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
    return held == null ? null : held.paymentMethod;
  }

  /**
   * The session in hand changed and is not written yet: the intent's move that completes it
   * writes it anyway ({@link #saved}), so a payment that succeeds writes the session once, not
   * twice. Whoever marks it must {@link #writeIfUnsaved} before its transaction ends.
   */
  static void unsaved(Handle h, String paymentIntent) {
    held(h, paymentIntent).unsaved = true;
  }

  /** The session paying with {@code paymentIntent} was just written as it is in hand. */
  static void saved(Handle h, String paymentIntent) {
    Held held = h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
    if (held != null) {
      held.unsaved = false;
    }
  }

  /** Writes the session paying with {@code paymentIntent} if it has a change no move wrote. */
  static void writeIfUnsaved(Handle h, String paymentIntent) {
    Held held = h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
    if (held != null && held.unsaved) {
      ResourceStore.update(h, held.session);
      held.unsaved = false;
    }
  }

  private static Held held(Handle h, String paymentIntent) {
    Held held = h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
    if (held == null) {
      throw new IllegalStateException("no session in hand pays with " + paymentIntent);
    }
    return held;
  }
}

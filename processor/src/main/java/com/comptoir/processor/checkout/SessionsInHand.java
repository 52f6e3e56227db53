package com.comptoir.processor.checkout;

import com.comptoir.processor.store.Json;
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
 * what the same transaction just stored, and so are the session's unwritten changes: a pay writes
 * the session once, at its end ({@link #writeIfUnsaved}), with its link to a new intent.
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
    /** The session's private row does not name this intent yet (it is the session's new one). */
    boolean linkUnsaved;

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
   * {@code paymentIntent} is the session's new intent, which its private row does not name yet:
   * {@link #writeIfUnsaved} writes the link with the session's document, in one statement. The
   * session's document, which names the intent, is unsaved too: the caller must call
   * {@link #writeIfUnsaved} before its transaction ends.
   */
  static void linkUnsaved(Handle h, String paymentIntent) {
    Held held = held(h, paymentIntent);
    held.unsaved = true;
    held.linkUnsaved = true;
  }

  /**
   * Stores {@code session}, changed by a move of {@code paymentIntent}: at once, or, when it is the
   * session in hand, with the paying transaction's {@link #writeIfUnsaved} (the one write of a
   * pay that completes the session, together with its link to a new intent).
   */
  static void store(Handle h, String paymentIntent, ObjectNode session) {
    Held held = h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
    if (held != null && held.session == session) {
      held.unsaved = true;
    } else {
      ResourceStore.update(h, session);
    }
  }

  /** Writes the session paying with {@code paymentIntent} if it has a change not written yet, with its link to the intent. */
  static void writeIfUnsaved(Handle h, String paymentIntent) {
    Held held = h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
    if (held == null || !held.unsaved) {
      return;
    }
    if (held.linkUnsaved) {
      int rows = h.createUpdate("WITH link AS (UPDATE checkout_session_private SET payment_intent = :intent WHERE id = :id) "
              + ResourceStore.UPDATE)
          .bind("intent", paymentIntent).bind("id", held.session.get("id").asText()).bind("body", Json.write(held.session))
          .execute();
      if (rows != 1) {
        throw new IllegalStateException("updated " + rows + " rows for " + held.session.get("id"));
      }
      held.linkUnsaved = false;
    } else {
      ResourceStore.update(h, held.session);
    }
    held.unsaved = false;
  }

  private static Held held(Handle h, String paymentIntent) {
    Held held = h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
    if (held == null) {
      throw new IllegalStateException("no session in hand pays with " + paymentIntent);
    }
    return held;
  }
}

package com.comptoir.processor.checkout;

import com.comptoir.processor.payments.PaymentMethodChoice;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;
import org.jdbi.v3.core.statement.Update;

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
    PaymentMethodChoice paymentMethod;
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

  /**
   * The session paying with {@code paymentIntent} is paid with {@code paymentMethod}; a new one not
   * stored yet is stored by {@link #writeIfUnsaved}, in the same statement as the session.
   */
  static void paidWith(Handle h, String paymentIntent, PaymentMethodChoice paymentMethod) {
    held(h, paymentIntent).paymentMethod = paymentMethod;
  }

  /** The PaymentMethod this transaction pays {@code paymentIntent}'s session with, or null when it holds none. */
  static ObjectNode paymentMethodFor(Handle h, String paymentIntent) {
    Held held = h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
    return held == null || held.paymentMethod == null ? null : held.paymentMethod.paymentMethod();
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

  /**
   * Writes what the attempt on the session paying with {@code paymentIntent} left unwritten, in one
   * statement: the session's document with its link to a new intent, and a new PaymentMethod.
   */
  static void writeIfUnsaved(Handle h, String paymentIntent) {
    Held held = h.getConfig(SessionsInHand.class).byIntent.get(paymentIntent);
    if (held == null) {
      return;
    }
    PaymentMethodChoice pm = held.paymentMethod != null && held.paymentMethod.unstored() ? held.paymentMethod : null;
    if (!held.unsaved) {
      if (pm != null) {
        pm.store(h); // a declined retry of an intent the session already names: nothing else to write
      }
      return;
    }
    List<String> clauses = new ArrayList<>();
    if (pm != null) {
      clauses.add(PaymentMethodChoice.STORE);
    }
    if (held.linkUnsaved) {
      clauses.add("link AS (UPDATE checkout_session_private SET payment_intent = :intent WHERE id = :id)");
    }
    Update update = h.createUpdate((clauses.isEmpty() ? "" : "WITH " + String.join(",\n", clauses) + "\n") + ResourceStore.UPDATE)
        .bind("id", held.session.get("id").asText()).bind("body", Json.write(held.session));
    if (held.linkUnsaved) {
      update.bind("intent", paymentIntent);
    }
    if (pm != null) {
      pm.bind(update);
    }
    int rows = update.execute();
    if (rows != 1) {
      throw new IllegalStateException("updated " + rows + " rows for " + held.session.get("id"));
    }
    if (pm != null) {
      pm.stored();
    }
    held.linkUnsaved = false;
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

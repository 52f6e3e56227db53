package com.comptoir.processor.payments;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The PaymentMethod a Checkout attempt pays with: one already stored, or one made for this
 * attempt (a test shortcut such as {@code pm_card_visa}, {@code payment_method_data}, the hosted
 * page's form) and not stored yet. A new one is stored by the attempt's last write, in the same
 * statement ({@link #STORE}), instead of in a round trip of its own before the attempt: nothing in
 * the attempt reads its row, and an attempt that fails with an error rolls back whole.
 *
 * <p>Its instrument (the test card number or IBAN that decides the outcome) is kept apart from the
 * document, as {@link PaymentMethods#save} keeps it, and handed to the confirmation from here.
 */
public final class PaymentMethodChoice {
  private static final String DOCUMENT = """
      pm_document AS (
        INSERT INTO resources (id, owner, object, created, body)
        VALUES (:pm_id, :pm_owner, 'payment_method', :pm_created, CAST(:pm_body AS jsonb)))""";
  private static final String INSTRUMENT = "INSERT INTO payment_method_instruments (id, instrument) VALUES (:pm_id, :pm_instrument)";

  /**
   * {@code WITH} clauses that store a new PaymentMethod as {@link PaymentMethods#save} does, its
   * document and its instrument (named parameters {@code pm_*}, bound by {@link #bind}).
   */
  public static final String STORE = DOCUMENT + ",\npm_instrument AS (" + INSTRUMENT + ")";

  private final String owner;
  private final ObjectNode paymentMethod;
  /** The instrument of a PaymentMethod not stored yet; null once stored, or when it was stored before. */
  private String unstoredInstrument;

  private PaymentMethodChoice(String owner, ObjectNode paymentMethod, String unstoredInstrument) {
    this.owner = owner;
    this.paymentMethod = paymentMethod;
    this.unstoredInstrument = unstoredInstrument;
  }

  /** A PaymentMethod already stored. */
  static PaymentMethodChoice stored(String owner, ObjectNode pm) {
    return new PaymentMethodChoice(owner, pm, null);
  }

  /** A PaymentMethod just made (with its instrument still in it), not stored yet. */
  static PaymentMethodChoice made(String owner, ObjectNode pm) {
    return new PaymentMethodChoice(owner, pm, PaymentMethods.takeInstrument(pm));
  }

  /** The PaymentMethod's document; changes to it before it is stored are stored with it. */
  public ObjectNode paymentMethod() {
    return paymentMethod;
  }

  /** True until a new PaymentMethod is stored (by {@link #STORE} and {@link #stored()}, or {@link #store}). */
  public boolean unstored() {
    return unstoredInstrument != null;
  }

  /** What the PaymentMethod does when charged (see {@link PaymentMethods#instrument}). */
  String instrument(Handle h) {
    return unstored() ? unstoredInstrument : PaymentMethods.instrument(h, paymentMethod.get("id").asText());
  }

  /** Binds {@link #STORE}'s parameters. */
  public <S extends SqlStatement<S>> S bind(S statement) {
    if (!unstored()) {
      throw new IllegalStateException(paymentMethod.get("id").asText() + " is stored already");
    }
    return statement.bind("pm_id", paymentMethod.get("id").asText()).bind("pm_owner", owner)
        .bind("pm_created", paymentMethod.path("created").asLong()).bind("pm_body", Json.write(paymentMethod))
        .bind("pm_instrument", unstoredInstrument);
  }

  /** The statement that ran {@link #STORE} is done: the PaymentMethod is stored. */
  public void stored() {
    PaymentMethods.remember(paymentMethod.get("id").asText(), unstoredInstrument);
    unstoredInstrument = null;
  }

  /** Stores a new PaymentMethod in a statement of its own. */
  public void store(Handle h) {
    bind(h.createUpdate("WITH " + DOCUMENT + " " + INSTRUMENT)).execute();
    stored();
  }
}

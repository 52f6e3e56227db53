package com.comptoir.processor.payments;

import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape;
import com.comptoir.processor.api.StripeError;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

/** What Checkout needs from payment methods: the {@code payment_method_data} shape and making one. */
public final class PaymentMethodsPublic {
  private PaymentMethodsPublic() {}

  public static Shape.ObjectShape dataShape() {
    return PaymentMethods.dataShape();
  }

  /**
   * From {@code payment_method} (an id or test shortcut) or {@code payment_method_data} in
   * {@code p}. A PaymentMethod made for this payment (a test shortcut, or {@code payment_method_data})
   * is not stored yet: the caller stores it ({@link PaymentMethodChoice}).
   */
  public static PaymentMethodChoice fromRequest(Handle h, String account, Params p, long now) {
    if (p.string("payment_method") != null) {
      return PaymentMethods.choose(h, account, p.string("payment_method"), now, "payment_method");
    }
    if (p.object("payment_method_data") != null) {
      return PaymentMethodChoice.made(account, PaymentMethods.fromData(p.object("payment_method_data"), now, "payment_method_data["));
    }
    throw StripeError.missing("payment_method");
  }

  /** A PaymentMethod made from what a customer typed on a hosted page, for the caller to store ({@link PaymentMethodChoice}). */
  public static PaymentMethodChoice fromForm(String account, ObjectNode pm) {
    return PaymentMethodChoice.made(account, pm);
  }

  public static ObjectNode card(String number, int month, int year, String cvc, long now) {
    return PaymentMethods.card(number, month, year, cvc, now, "card[number]");
  }

  public static ObjectNode sepa(String iban, long now) {
    return PaymentMethods.sepa(iban, "sepa_debit[iban]", now);
  }

  public static ObjectNode redirect(String type, long now) {
    return PaymentMethods.redirect(type, null, now);
  }
}

package com.comptoir.processor.api;

import com.comptoir.processor.store.Currencies;

/** A {@code currency} parameter as Stripe reads it: any case, one of the supported currencies. */
public final class CurrencyParam {
  private CurrencyParam() {}

  /** {@code raw} lowercased and checked; the error names {@code param}. */
  public static String check(String raw, String param) {
    String currency = raw.toLowerCase();
    if (!Currencies.supported(currency)) {
      throw StripeError.invalid(param, "Invalid currency: " + raw + ". Stripe currently supports these currencies: "
          + String.join(", ", Currencies.supportedSorted()));
    }
    return currency;
  }
}

package com.comptoir.processor.accounts;

import java.util.Map;
import java.util.Set;

/** The countries connected accounts can be opened in, with what follows from each. */
final class Countries {
  private Countries() {}

  static final Map<String, String> DEFAULT_CURRENCY = Map.of(
      "US", "usd", "FR", "eur", "DE", "eur", "NL", "eur", "BE", "eur", "AT", "eur", "PL", "pln", "GB", "gbp",
      "IE", "eur", "ES", "eur");

  /** Countries whose bank accounts are IBANs (SEPA) rather than routing and account numbers. */
  static final Set<String> IBAN = Set.of("FR", "DE", "NL", "BE", "AT", "PL", "IE", "ES");

  static boolean supported(String country) {
    return DEFAULT_CURRENCY.containsKey(country);
  }

  static String defaultCurrency(String country) {
    return DEFAULT_CURRENCY.get(country);
  }
}

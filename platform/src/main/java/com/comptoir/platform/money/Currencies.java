package com.comptoir.platform.money;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The currencies a store can sell in, with their minor-unit exponent and Stripe's minimum charge
 * (fact sheet §1.10). Amounts everywhere are {@code long} minor units of one of these.
 */
public final class Currencies {
  private Currencies() {}

  /**
   * One currency.
   *
   * @param code lower-case ISO 4217, as Stripe spells it
   * @param exponent digits after the decimal point: 2 for cents, 0 for yen
   * @param minimumCharge the smallest amount Stripe charges, in minor units
   */
  public record Currency(String code, int exponent, long minimumCharge, String label) {
    public String upper() {
      return code.toUpperCase(Locale.ROOT);
    }
  }

  /** Stripe's largest amount: eight digits of minor units (fact sheet §1.10). */
  public static final long MAX_AMOUNT = 99_999_999L;

  private static final List<Currency> ALL = List.of(
      new Currency("usd", 2, 50, "US dollar (USD)"),
      new Currency("eur", 2, 50, "Euro (EUR)"),
      new Currency("gbp", 2, 30, "Pound sterling (GBP)"),
      new Currency("cad", 2, 50, "Canadian dollar (CAD)"),
      new Currency("aud", 2, 50, "Australian dollar (AUD)"),
      new Currency("chf", 2, 50, "Swiss franc (CHF)"),
      new Currency("pln", 2, 200, "Polish złoty (PLN)"),
      new Currency("sek", 2, 300, "Swedish krona (SEK)"),
      new Currency("dkk", 2, 250, "Danish krone (DKK)"),
      new Currency("nok", 2, 300, "Norwegian krone (NOK)"),
      new Currency("jpy", 0, 50, "Japanese yen (JPY)"));

  private static final Map<String, Currency> BY_CODE =
      ALL.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Currency::code, c -> c));

  public static List<Currency> all() {
    return ALL;
  }

  public static Optional<Currency> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code.toLowerCase(Locale.ROOT)));
  }

  /** The currency {@code code}; the caller has already checked it is one of ours. */
  public static Currency of(String code) {
    return find(code).orElseThrow(() -> new IllegalArgumentException("unsupported currency " + code));
  }
}

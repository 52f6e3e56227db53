package com.comptoir.platform.money;

import com.comptoir.platform.money.Currencies.Currency;
import java.math.BigDecimal;
import java.util.Optional;

/** Reading and writing amounts as people type them: {@code 12.50} is 1250 minor units of a two-decimal currency. */
public final class Money {
  private Money() {}

  /** Why a typed amount was refused, in words for the person who typed it. */
  public static final class InvalidAmount extends Exception {
    InvalidAmount(String message) {
      super(message);
    }
  }

  /**
   * The minor units of {@code typed} in {@code currency}. Exact: more decimals than the currency
   * has is an error, never a rounding.
   */
  public static long parse(String typed, Currency currency) throws InvalidAmount {
    long minor = exact(typed, currency, "price");
    if (minor < currency.minimumCharge()) {
      throw new InvalidAmount("Stripe charges at least " + format(currency.minimumCharge(), currency) + ".");
    }
    return minor;
  }

  /**
   * The minor units of a typed amount that is not a price (a refund): exact as {@link #parse}, but
   * with no minimum charge, since Stripe refunds any amount down to one minor unit. Zero is allowed
   * here; whether it makes sense is the caller's rule.
   */
  public static long parseAmount(String typed, Currency currency) throws InvalidAmount {
    return exact(typed, currency, "amount");
  }

  private static long exact(String typed, Currency currency, String what) throws InvalidAmount {
    String text = typed == null ? "" : typed.strip().replace(",", ".");
    if (text.isEmpty()) {
      throw new InvalidAmount("Enter " + (what.startsWith("a") ? "an " : "a ") + what + ".");
    }
    if (!text.matches("[0-9]{1,9}(\\.[0-9]*)?")) {
      throw new InvalidAmount("Enter " + (what.startsWith("a") ? "an " : "a ") + what + " as a number, such as " + example(currency) + ".");
    }
    BigDecimal value = new BigDecimal(text);
    if (value.scale() > currency.exponent()) {
      throw new InvalidAmount(currency.exponent() == 0
          ? currency.upper() + " has no decimals: enter a whole number."
          : "Use at most " + currency.exponent() + " decimals.");
    }
    long minor = value.movePointRight(currency.exponent()).longValueExact();
    if (minor > Currencies.MAX_AMOUNT) {
      throw new InvalidAmount("The " + what + " can be at most " + format(Currencies.MAX_AMOUNT, currency) + ".");
    }
    return minor;
  }

  /** {@code 1250} in USD is {@code "12.50 USD"}. */
  public static String format(long minor, Currency currency) {
    return plain(minor, currency) + " " + currency.upper();
  }

  /** {@code 1250} in USD is {@code "12.50"}: what a price field is filled with. */
  public static String plain(long minor, Currency currency) {
    return BigDecimal.valueOf(minor, currency.exponent()).toPlainString();
  }

  public static String format(long minor, String currencyCode) {
    Optional<Currency> currency = Currencies.find(currencyCode);
    return currency.map(c -> format(minor, c)).orElse(minor + " " + currencyCode.toUpperCase(java.util.Locale.ROOT) + " (minor units)");
  }

  private static String example(Currency currency) {
    return currency.exponent() == 0 ? "1500" : "12.50";
  }
}

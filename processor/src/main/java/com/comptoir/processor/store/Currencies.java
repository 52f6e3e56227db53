package com.comptoir.processor.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Currencies in minor units (fact sheet §1.10): which exist, how many decimals they have, the
 * smallest charge and the largest amount. Amounts are always {@code long} minor units.
 */
public final class Currencies {
  /** Eight digits: 99999999 minor units, as on Stripe. */
  public static final long MAX_AMOUNT = 99_999_999L;

  private static final Set<String> ZERO_DECIMAL = Set.of(
      "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");
  private static final Set<String> THREE_DECIMAL = Set.of("bhd", "jod", "kwd", "omr", "tnd");
  private static final Set<String> SUPPORTED = Set.of(
      "usd", "eur", "gbp", "chf", "pln", "sek", "dkk", "nok", "czk", "huf", "ron", "bgn", "cad", "aud", "nzd", "jpy", "sgd",
      "hkd", "mxn", "brl", "inr", "aed", "myr", "thb", "krw", "clp", "bhd", "jod", "kwd", "omr", "tnd", "isk", "ugx", "vnd");
  /** Minimum charge amounts in minor units. */
  private static final Map<String, Long> MINIMUM_CHARGE = Map.ofEntries(
      Map.entry("usd", 50L), Map.entry("aud", 50L), Map.entry("brl", 50L), Map.entry("cad", 50L), Map.entry("chf", 50L),
      Map.entry("eur", 50L), Map.entry("nzd", 50L), Map.entry("sgd", 50L), Map.entry("inr", 50L), Map.entry("gbp", 30L),
      Map.entry("dkk", 250L), Map.entry("nok", 300L), Map.entry("sek", 300L), Map.entry("hkd", 400L), Map.entry("jpy", 50L),
      Map.entry("mxn", 1000L), Map.entry("aed", 200L), Map.entry("bgn", 100L), Map.entry("czk", 1500L), Map.entry("huf", 17500L),
      Map.entry("myr", 200L), Map.entry("pln", 200L), Map.entry("ron", 200L), Map.entry("thb", 1000L));

  private Currencies() {}

  public static boolean supported(String currency) {
    return SUPPORTED.contains(currency);
  }

  /** Every supported currency code, sorted: what an error about an unsupported one lists. */
  public static List<String> supportedSorted() {
    return SUPPORTED.stream().sorted().toList();
  }

  public static int decimals(String currency) {
    return ZERO_DECIMAL.contains(currency) ? 0 : THREE_DECIMAL.contains(currency) ? 3 : 2;
  }

  public static long minimumCharge(String currency) {
    return MINIMUM_CHARGE.getOrDefault(currency, 50L);
  }

  /** {@code 1234} in eur → "€12.34"; used where people read amounts (hosted pages, messages). */
  public static String format(long amount, String currency) {
    int decimals = decimals(currency);
    String symbol = switch (currency) {
      case "eur" -> "€";
      case "usd" -> "$";
      case "gbp" -> "£";
      case "jpy" -> "¥";
      default -> currency.toUpperCase() + " ";
    };
    if (decimals == 0) {
      return symbol + amount;
    }
    long unit = decimals == 3 ? 1000 : 100;
    String sign = amount < 0 ? "-" : "";
    long abs = Math.abs(amount);
    return sign + symbol + (abs / unit) + "." + String.format("%0" + decimals + "d", abs % unit);
  }
}

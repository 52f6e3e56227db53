package com.comptoir.platform.fees;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The platform's default fee: one percentage for every currency, and a fixed amount per currency
 * (none where a currency is not listed). A merchant's override replaces it for one currency.
 *
 * @param percentBasisPoints the percentage, 0 to 10000
 * @param fixedAmounts minor units by lower-case currency code
 */
public record FeeSchedule(int percentBasisPoints, Map<String, Long> fixedAmounts) {
  /** 2.5% plus 30 cents, 25 euro cents, 20 pence. */
  public static final FeeSchedule DEFAULT = new FeeSchedule(250, Map.of("usd", 30L, "eur", 25L, "gbp", 20L));

  public FeeSchedule {
    new FeeRule(percentBasisPoints, 0); // checks the range
    TreeMap<String, Long> copy = new TreeMap<>();
    fixedAmounts.forEach((currency, amount) -> copy.put(currency.toLowerCase(Locale.ROOT), new FeeRule(0, amount).fixedAmount()));
    fixedAmounts = java.util.Collections.unmodifiableMap(copy);
  }

  public FeeRule ruleFor(String currency) {
    return new FeeRule(percentBasisPoints, fixedAmounts.getOrDefault(currency.toLowerCase(Locale.ROOT), 0L));
  }

  /**
   * Fixed amounts written as {@code usd:30,eur:25}: currency codes with minor units.
   *
   * @throws IllegalArgumentException saying what a valid value looks like
   */
  public static Map<String, Long> parseFixedAmounts(String text) {
    Map<String, Long> amounts = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return amounts;
    }
    for (String part : text.split(",")) {
      String[] pair = part.strip().split(":");
      if (pair.length != 2 || !pair[0].strip().matches("[A-Za-z]{3}") || !pair[1].strip().matches("[0-9]{1,8}")) {
        throw new IllegalArgumentException("currency:minor-units pairs such as usd:30,eur:25, was '" + part.strip() + "'");
      }
      amounts.put(pair[0].strip().toLowerCase(Locale.ROOT), Long.parseLong(pair[1].strip()));
    }
    return amounts;
  }
}

package com.comptoir.platform.exports;

import com.comptoir.platform.money.Currencies;
import java.math.BigDecimal;

/** Amounts as an accountant's spreadsheet reads them: decimal, no currency sign, the currency in its own column. */
final class CsvAmounts {
  private CsvAmounts() {}

  /** {@code 1250} in USD is {@code 12.50}, {@code 1250} in JPY is {@code 1250}; empty for an amount not known. */
  static String decimal(Long minor, String currency) {
    if (minor == null) {
      return "";
    }
    int exponent = Currencies.find(currency).map(Currencies.Currency::exponent).orElse(2);
    return BigDecimal.valueOf(minor, exponent).toPlainString();
  }
}

package com.comptoir.processor.accounts;

import java.math.BigInteger;

/** ISO 13616 IBAN check: the mod-97 check digits that make a typo show. */
public final class Iban {
  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private Iban() {}

  public static boolean isValid(String raw) {
    String iban = raw.replace(" ", "").toUpperCase();
    if (!iban.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}")) {
      return false;
    }
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder digits = new StringBuilder();
    for (char c : rearranged.toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }
}

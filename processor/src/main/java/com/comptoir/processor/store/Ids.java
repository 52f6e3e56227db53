package com.comptoir.processor.store;

import java.security.SecureRandom;

/**
 * Object ids with Stripe's prefixes ({@code acct_}, {@code cs_test_}, {@code evt_}, …) and random,
 * unguessable tails: 24 base-62 characters carry about 143 bits.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private Ids() {}

  /** {@code prefix} followed by 24 random characters, e.g. {@code Ids.next("cus_")}. */
  public static String next(String prefix) {
    return prefix + random(24);
  }

  /** Account ids are 16 characters after the prefix, as on Stripe. */
  public static String account() {
    return "acct_" + random(16);
  }

  public static String random(int length) {
    // One draw of random bytes for the whole id; a byte maps to a character by its low six bits,
    // and the two values past the alphabet are drawn again, so every character is equally likely.
    char[] out = new char[length];
    byte[] bytes = new byte[length + 8];
    int filled = 0;
    while (filled < length) {
      RANDOM.nextBytes(bytes);
      for (int i = 0; i < bytes.length && filled < length; i++) {
        int v = bytes[i] & 63;
        if (v < ALPHABET.length) {
          out[filled++] = ALPHABET[v];
        }
      }
    }
    return new String(out);
  }
}

package com.comptoir.processor.api;

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
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}

package com.comptoir.processor.api;

/**
 * Who a request acts for. {@code platformId} owns the API key; {@code accountId} is the account
 * the request runs as: the platform itself, or a connected account named by {@code Stripe-Account}.
 */
public record Caller(String platformId, String accountId, String apiKey) {

  /** True when {@code Stripe-Account} named a connected account (a direct-charges request). */
  public boolean actsAsConnectedAccount() {
    return !platformId.equals(accountId);
  }

  /** The key with all but its prefix and last four characters masked, as Stripe prints keys. */
  public static String mask(String key) {
    if (key.length() <= 12) {
      return "*".repeat(key.length());
    }
    int prefix = key.startsWith("sk_test_") || key.startsWith("pk_test_") || key.startsWith("rk_test_") ? 8 : 3;
    return key.substring(0, prefix) + "*".repeat(key.length() - prefix - 4) + key.substring(key.length() - 4);
  }
}

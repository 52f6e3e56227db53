package com.comptoir.processor;

/** The shape of test-mode API keys, as Stripe issues them. */
final class ApiKeysFormat {
  private ApiKeysFormat() {}

  static void requireSecretKey(String key) {
    if (!key.matches("sk_test_[A-Za-z0-9]{8,247}")) {
      throw new IllegalArgumentException(
          "COMPTOIR_SECRET_KEY must look like a Stripe test secret key (sk_test_ followed by letters and digits)");
    }
  }
}

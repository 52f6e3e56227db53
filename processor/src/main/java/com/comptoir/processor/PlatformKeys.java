package com.comptoir.processor;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform account and its test keys. On first start the processor creates the platform's
 * own Stripe account; {@code COMPTOIR_SECRET_KEY}, when set, becomes (or is added as) its secret
 * key, so the documentation key of Stripe's guide works as written.
 */
record PlatformKeys(String accountId, String secretKey, String publishableKey) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  static PlatformKeys ensure(Jdbi jdbi, Optional<String> configuredSecret) {
    return jdbi.inTransaction(
        h -> {
          // One start at a time decides what the platform account is, even with several instances.
          h.execute("SELECT pg_advisory_xact_lock(hashtext('comptoir.platform_keys'))");
          long now = Instant.now().getEpochSecond();
          Optional<String> platform =
              h.createQuery("SELECT id FROM accounts WHERE platform_id IS NULL ORDER BY created, id LIMIT 1")
                  .mapTo(String.class)
                  .findOne();
          String accountId = platform.orElseGet(() -> "acct_" + random(16));
          if (platform.isEmpty()) {
            h.createUpdate("INSERT INTO accounts (id, platform_id, created) VALUES (?, NULL, ?)")
                .bind(0, accountId)
                .bind(1, now)
                .execute();
          }
          if (configuredSecret.isPresent()) {
            String owner =
                h.createQuery("SELECT account_id FROM api_keys WHERE secret = ?")
                    .bind(0, configuredSecret.get())
                    .mapTo(String.class)
                    .findOne()
                    .orElse(null);
            if (owner == null) {
              insertKey(h, configuredSecret.get(), accountId, "secret", now);
            } else if (!owner.equals(accountId)) {
              throw new IllegalStateException(
                  "COMPTOIR_SECRET_KEY belongs to another account in this processor database");
            }
          }
          String secret =
              configuredSecret.orElseGet(
                  () -> newestKey(h, accountId, "secret").orElseGet(() -> insertKey(h, "sk_test_" + random(24), accountId, "secret", now)));
          String publishable =
              newestKey(h, accountId, "publishable")
                  .orElseGet(() -> insertKey(h, "pk_test_" + random(24), accountId, "publishable", now));
          return new PlatformKeys(accountId, secret, publishable);
        });
  }

  private static Optional<String> newestKey(org.jdbi.v3.core.Handle h, String accountId, String kind) {
    return h.createQuery(
            "SELECT secret FROM api_keys WHERE account_id = ? AND kind = ? ORDER BY created DESC, secret LIMIT 1")
        .bind(0, accountId)
        .bind(1, kind)
        .mapTo(String.class)
        .findOne();
  }

  private static String insertKey(org.jdbi.v3.core.Handle h, String key, String accountId, String kind, long now) {
    h.createUpdate("INSERT INTO api_keys (secret, account_id, kind, created) VALUES (?, ?, ?, ?)")
        .bind(0, key)
        .bind(1, accountId)
        .bind(2, kind)
        .bind(3, now)
        .execute();
    return key;
  }

  static String random(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}

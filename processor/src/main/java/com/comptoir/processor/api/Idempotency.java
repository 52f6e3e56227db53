package com.comptoir.processor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@code Idempotency-Key} on POST (fact sheet §1.5). The stored response is written in the same
 * transaction as the request's own writes, so a replay can never disagree with what happened. A
 * transaction-scoped advisory lock on (scope, key) tells a concurrent twin to come back later (409)
 * instead of waiting for it.
 */
final class Idempotency {
  static final long KEEP_SECONDS = Duration.ofHours(24).toSeconds();
  static final int MAX_KEY_LENGTH = 255;
  private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  record Stored(int status, String body) {}

  private Idempotency() {}

  static void checkKey(String key) {
    if (key.length() > MAX_KEY_LENGTH) {
      throw StripeError.invalid(null, "Idempotency-Key must be at most " + MAX_KEY_LENGTH + " characters long.");
    }
  }

  /** Keys are scoped by the platform whose key was used and the account the request acts as. */
  static String scope(Caller caller) {
    return caller.platformId() + "/" + caller.accountId();
  }

  static String hash(String method, String path, Map<String, Object> rawParams) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      digest.update(CANONICAL.writeValueAsBytes(rawParams));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Locks the key for this transaction and returns an earlier response, if there is one. */
  static Optional<Stored> begin(Handle h, String scope, String key, String requestHash, long now) {
    boolean locked = h.createQuery("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))")
        .bind("k", scope + "\n" + key)
        .mapTo(Boolean.class)
        .one();
    if (!locked) {
      throw new StripeError(409, "idempotency_error", "idempotency_key_in_use", null,
          "There is currently another in-progress request using this Stripe token (probably the same idempotency key)."
              + " Try again later.");
    }
    var row = h.createQuery("SELECT request_hash, status, body, created FROM idempotency_keys WHERE scope = :s AND key = :k")
        .bind("s", scope).bind("k", key).mapToMap().findOne();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    if (((Number) row.get().get("created")).longValue() < now - KEEP_SECONDS) {
      h.createUpdate("DELETE FROM idempotency_keys WHERE scope = :s AND key = :k").bind("s", scope).bind("k", key).execute();
      return Optional.empty();
    }
    if (!requestHash.equals(row.get().get("request_hash"))) {
      throw new StripeError(400, "idempotency_error", null, null,
          "Keys for idempotent requests can only be used with the same parameters they were first used with."
              + " Try using a key other than '" + key + "' if you meant to execute a different request.");
    }
    return Optional.of(new Stored(((Number) row.get().get("status")).intValue(), (String) row.get().get("body")));
  }

  static void finish(Handle h, String scope, String key, String requestHash, int status, String body, long now) {
    h.createUpdate("""
            INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created)
            VALUES (:s, :k, :hash, :status, :body, :created)""")
        .bind("s", scope).bind("k", key).bind("hash", requestHash)
        .bind("status", status).bind("body", body).bind("created", now)
        .execute();
  }
}

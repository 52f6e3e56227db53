package com.comptoir.soak;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the systems acknowledged to the soak's clients (a 2xx or the redirect that follows a
 * successful form), to be found exactly once after every crash. A request that failed, even after
 * the SDK's retries, is counted but not recorded: the client was told it may not have happened.
 */
final class Acks {
  /** A signed-up merchant whose store the soak sells from once it opens. */
  record Shop(String email, String accountId, String slug, Web merchant, long productId, boolean manualPayouts) {}

  record Session(String shop, String sessionId) {}

  record Refund(String sessionId, long orderId, long amount) {}

  record Payout(String accountId, String key, String payoutId) {}

  final Queue<String> merchants = new ConcurrentLinkedQueue<>();
  final Queue<Shop> shops = new ConcurrentLinkedQueue<>();
  final Queue<Session> sessions = new ConcurrentLinkedQueue<>();
  final Queue<Session> paid = new ConcurrentLinkedQueue<>();
  final Queue<Refund> refunds = new ConcurrentLinkedQueue<>();
  final Queue<Payout> payouts = new ConcurrentLinkedQueue<>();
  /** Paid sessions a refund was tried on (acknowledged or not): never a second try. */
  final Map<String, Boolean> refundTried = new ConcurrentHashMap<>();

  final Map<String, AtomicLong> attempted = new ConcurrentHashMap<>();
  final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
  final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
  final Map<String, String> lastFailure = new ConcurrentHashMap<>();

  void attempt(String op) {
    attempted.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
  }

  void fail(String op, Exception e) {
    failed.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
    lastFailure.put(op, e.toString());
  }

  /** A refusal the system was right to give (an insufficient balance for a payout): not a failure. */
  void refuse(String op) {
    refused.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
  }

  long acknowledged() {
    return merchants.size() + sessions.size() + paid.size() + refunds.size() + payouts.size();
  }

  static long total(Map<String, AtomicLong> counts) {
    return counts.values().stream().mapToLong(AtomicLong::get).sum();
  }
}

package com.comptoir.processor.ledger;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * An account's balance (fact sheet §7.2): per currency, what is {@code pending} and what is
 * {@code available}, split by source type: the sum of the account's postings, as kept beside them
 * in {@code ledger_balance_sums} (V27_1: a trigger adds each posting to it in the statement that
 * writes the posting; the ledger audit checks it equals the postings' sums). Read from the kept
 * sums, a balance costs a few rows however many payments the account has taken.
 */
final class Balances {
  private Balances() {}

  /** Amounts by currency, then bucket ({@code pending}/{@code available}), then source type. */
  record Sums(Map<String, Map<String, Map<String, Long>>> byCurrency) {
    long get(String currency, String bucket) {
      return byCurrency.getOrDefault(currency, Map.of()).getOrDefault(bucket, Map.of()).values().stream()
          .mapToLong(Long::longValue).sum();
    }

    long get(String currency, String bucket, String sourceType) {
      return byCurrency.getOrDefault(currency, Map.of()).getOrDefault(bucket, Map.of()).getOrDefault(sourceType, 0L);
    }

    long total(String currency) {
      return get(currency, Posting.PENDING) + get(currency, Posting.AVAILABLE);
    }
  }

  private record Row(String currency, String bucket, String sourceType, long amount) {}

  static Sums of(Handle h, String account) {
    Map<String, Map<String, Map<String, Long>>> sums = new TreeMap<>();
    h.createQuery("""
            SELECT currency, bucket, source_type, sum(amount)::bigint FROM ledger_balance_sums
            WHERE account = :account
            GROUP BY currency, bucket, source_type""")
        .bind("account", account)
        .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
        .forEach(row -> sums.computeIfAbsent(row.currency(), c -> new TreeMap<>())
            .computeIfAbsent(row.bucket(), b -> new TreeMap<>())
            .put(row.sourceType(), row.amount()));
    return new Sums(sums);
  }

  /** The Balance object; an account that never moved money shows zero in its default currency. */
  static ObjectNode render(Handle h, Holder holder) {
    Sums sums = of(h, holder.id());
    Map<String, Map<String, Map<String, Long>>> byCurrency = new TreeMap<>(sums.byCurrency());
    if (byCurrency.isEmpty()) {
      byCurrency.put(holder.defaultCurrency(), Map.of());
    }
    ObjectNode balance = Json.object();
    balance.put("object", "balance");
    ArrayNode available = balance.putArray("available");
    if (holder.isPlatform()) {
      ArrayNode reserved = balance.putArray("connect_reserved");
      byCurrency.keySet().forEach(c -> reserved.addObject().put("amount", 0).put("currency", c));
    }
    balance.put("livemode", false);
    ArrayNode pending = balance.putArray("pending");
    byCurrency.forEach((currency, buckets) -> {
      available.add(amount(currency, buckets.getOrDefault(Posting.AVAILABLE, Map.of())));
      pending.add(amount(currency, buckets.getOrDefault(Posting.PENDING, Map.of())));
    });
    return balance;
  }

  private static ObjectNode amount(String currency, Map<String, Long> bySourceType) {
    ObjectNode node = Json.object();
    node.put("amount", bySourceType.values().stream().mapToLong(Long::longValue).sum());
    node.put("currency", currency);
    ObjectNode types = node.putObject("source_types");
    types.put("card", bySourceType.getOrDefault("card", 0L));
    if (bySourceType.containsKey("bank_account")) {
      types.put("bank_account", bySourceType.get("bank_account"));
    }
    return node;
  }
}

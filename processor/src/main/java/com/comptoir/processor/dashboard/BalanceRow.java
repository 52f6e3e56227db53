package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Currencies;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One currency of a Balance as the Dashboard's tables show it, available beside pending: the
 * platform's Home, a connected account's page and a holder's Home read the same Balance
 * ({@code GET /v1/balance}) the same way.
 */
public record BalanceRow(String currency, String available, String pending) {

  /** The Balance's {@code available} and {@code pending} arrays, side by side by currency (Stripe lists each currency in both). */
  static List<BalanceRow> of(JsonNode balance) {
    Map<String, long[]> byCurrency = new TreeMap<>();
    for (JsonNode a : balance.path("available")) {
      byCurrency.computeIfAbsent(a.path("currency").asText(), c -> new long[2])[0] += a.path("amount").asLong();
    }
    for (JsonNode p : balance.path("pending")) {
      byCurrency.computeIfAbsent(p.path("currency").asText(), c -> new long[2])[1] += p.path("amount").asLong();
    }
    List<BalanceRow> rows = new ArrayList<>();
    byCurrency.forEach((currency, amounts) -> rows.add(new BalanceRow(currency.toUpperCase(Locale.ROOT),
        Currencies.format(amounts[0], currency), Currencies.format(amounts[1], currency))));
    return rows;
  }
}

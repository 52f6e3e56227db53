package com.comptoir.processor.accounts;

import java.util.Map;

/**
 * The shortest payout delay per country, in days (fact sheet §7.7 and gap 1: US 2 is firm, the
 * European figure of 3 comes from Stripe's docs, the rest is a plausible default).
 */
final class PayoutDelays {
  private static final Map<String, Integer> MINIMUM_DAYS = Map.of("US", 2);
  private static final int EUROPE_DAYS = 3;

  private PayoutDelays() {}

  static int minimumDays(String country) {
    return MINIMUM_DAYS.getOrDefault(country, EUROPE_DAYS);
  }
}

package com.comptoir.processor.accounts;

import com.comptoir.processor.events.EventContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

/**
 * Settings the holder of an account changes themselves, outside the API (the Express dashboard).
 * A change follows the same document rules as {@code POST /v1/accounts/{account}} and is told to
 * the platform the same way, by {@code account.updated} with no request on it (a dashboard change
 * is not one of the platform's requests).
 */
public final class HolderSettings {
  /** {@code settings.payouts.schedule}; {@code weeklyAnchor} only for weekly, {@code monthlyAnchor} only for monthly. */
  public record PayoutSchedule(String interval, int delayDays, String weeklyAnchor, Integer monthlyAnchor) {}

  private HolderSettings() {}

  /** The shortest payout delay an account of {@code country} may have, in days. */
  public static int minimumPayoutDelayDays(String country) {
    return PayoutDelays.minimumDays(country);
  }

  /**
   * Replaces the account's payout schedule and publishes {@code account.updated} if it changed.
   * The caller has checked the values (an interval Stripe knows, a delay of at least the minimum):
   * an invalid one fails as the API would, with a {@link com.comptoir.processor.api.StripeError}.
   */
  public static void savePayoutSchedule(Handle h, String accountId, PayoutSchedule schedule, long nowMillis) {
    String platformId = h.createQuery("SELECT platform_id FROM accounts WHERE id = :id").bind("id", accountId).mapTo(String.class).one();
    AccountState state = AccountState.loadById(h, accountId);
    ObjectNode s = (ObjectNode) state.account.path("settings").path("payouts").path("schedule");
    s.put("interval", schedule.interval());
    s.put("delay_days", schedule.delayDays());
    s.remove("weekly_anchor");
    s.remove("monthly_anchor");
    if ("weekly".equals(schedule.interval())) {
      s.put("weekly_anchor", schedule.weeklyAnchor());
    } else if ("monthly".equals(schedule.interval())) {
      s.put("monthly_anchor", schedule.monthlyAnchor());
    }
    AccountDocument.normalizePayoutSchedule(state.account);
    if (s.path("delay_days").asInt() < PayoutDelays.minimumDays(state.account.path("country").asText())) {
      throw new IllegalArgumentException("delay_days below the minimum for " + accountId); // the caller checks first
    }
    state.save(h, EventContext.automatic(platformId, nowMillis));
  }
}

package com.comptoir.processor.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * When funds become available and when they are paid out (fact sheet §7.7), in whole UTC days.
 *
 * <ul>
 *   <li>A payment's funds become available {@code delay_days} after the day it succeeded, at 00:00
 *       UTC; the days are business days (Monday to Friday) in the countries Stripe counts that way
 *       (US, AU, IN, JP, MY, NZ, TH, AE), calendar days elsewhere.
 *   <li>Automatic payouts are made at 00:00 UTC of a payout day: every day ({@code daily}; business
 *       days only where delays are business days), the {@code weekly_anchor} day, or the
 *       {@code monthly_anchor} day (the month's last day when it is shorter). {@code manual}
 *       makes none.
 *   <li>A payout arrives on the next business day after it is made.
 * </ul>
 * Bank holidays are not modelled.
 */
record PayoutSchedule(String interval, int delayDays, boolean businessDays, DayOfWeek weeklyAnchor, int monthlyAnchor) {
  static final long SECONDS_PER_DAY = 86_400;
  private static final Set<String> BUSINESS_DAY_COUNTRIES = Set.of("US", "AU", "IN", "JP", "MY", "NZ", "TH", "AE");
  /** How far ahead a payout day is looked for: a monthly schedule finds one within two months. */
  private static final int MAX_DAYS_AHEAD = 62;

  static PayoutSchedule of(String country, JsonNode schedule) {
    String interval = schedule.path("interval").asText("daily");
    int delay = schedule.path("delay_days").isNumber() ? schedule.path("delay_days").asInt() : 2;
    DayOfWeek weekly = DayOfWeek.valueOf(schedule.path("weekly_anchor").asText("monday").toUpperCase(Locale.ROOT));
    int monthly = schedule.path("monthly_anchor").asInt(1);
    return new PayoutSchedule(interval, Math.max(0, delay), BUSINESS_DAY_COUNTRIES.contains(country), weekly, monthly);
  }

  boolean automatic() {
    return !"manual".equals(interval);
  }

  static long epochDay(long unixSeconds) {
    return Math.floorDiv(unixSeconds, SECONDS_PER_DAY);
  }

  static long startOfDay(long epochDay) {
    return epochDay * SECONDS_PER_DAY;
  }

  /** The unix second funds of a payment that succeeded at {@code succeededAt} become available. */
  long availableOn(long succeededAt) {
    long day = epochDay(succeededAt);
    if (!businessDays) {
      return startOfDay(day + delayDays);
    }
    for (int added = 0; added < delayDays; ) {
      day++;
      if (isBusinessDay(day)) {
        added++;
      }
    }
    return startOfDay(day);
  }

  boolean isPayoutDay(long epochDay) {
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    return switch (interval) {
      case "daily" -> !businessDays || isBusinessDay(epochDay);
      case "weekly" -> date.getDayOfWeek() == weeklyAnchor;
      case "monthly" -> date.getDayOfMonth() == Math.min(monthlyAnchor, date.lengthOfMonth());
      default -> false;
    };
  }

  /** The first payout day on or after {@code fromEpochDay}, if the schedule is automatic. */
  OptionalLong nextPayoutDay(long fromEpochDay) {
    if (!automatic()) {
      return OptionalLong.empty();
    }
    for (long day = fromEpochDay; day < fromEpochDay + MAX_DAYS_AHEAD; day++) {
      if (isPayoutDay(day)) {
        return OptionalLong.of(day);
      }
    }
    throw new IllegalStateException("no payout day within " + MAX_DAYS_AHEAD + " days for " + this);
  }

  /** The unix second (00:00 UTC) a payout made at {@code createdAt} arrives: the next business day. */
  static long arrivalDate(long createdAt) {
    long day = epochDay(createdAt) + 1;
    while (!isBusinessDay(day)) {
      day++;
    }
    return startOfDay(day);
  }

  static boolean isBusinessDay(long epochDay) {
    DayOfWeek d = LocalDate.ofEpochDay(epochDay).getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.accounts.HolderSettings.PayoutSchedule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The payout schedule form: its fields as Stripe names them, checked as the API checks them. */
final class PayoutScheduleForm {
  static final String INTERVAL = "interval";
  static final String WEEKLY_ANCHOR = "weekly_anchor";
  static final String MONTHLY_ANCHOR = "monthly_anchor";
  static final String DELAY_DAYS = "delay_days";
  /** At most three digits: enough for any delay, and no number too large to parse. */
  private static final Pattern DAYS = Pattern.compile("\\d{1,3}");

  private PayoutScheduleForm() {}

  /** What the account has now, as the form shows it. */
  static Map<String, String> values(com.fasterxml.jackson.databind.JsonNode schedule) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(INTERVAL, schedule.path("interval").asText("daily"));
    values.put(WEEKLY_ANCHOR, schedule.path("weekly_anchor").asText("monday"));
    values.put(MONTHLY_ANCHOR, schedule.path("monthly_anchor").asText("1"));
    values.put(DELAY_DAYS, schedule.path("delay_days").asText());
    return values;
  }

  /** Field name to message, empty when {@code in} can be saved. */
  static Map<String, String> check(Map<String, String> in, int minimumDays) {
    Map<String, String> errors = new LinkedHashMap<>();
    String interval = in.getOrDefault(INTERVAL, "");
    if (DashboardView.INTERVALS.stream().noneMatch(o -> o.value().equals(interval))) {
      errors.put(INTERVAL, "Choose how often you are paid.");
    }
    String days = in.getOrDefault(DELAY_DAYS, "").strip();
    if (!DAYS.matcher(days).matches() || Integer.parseInt(days) < minimumDays) {
      errors.put(DELAY_DAYS, "Enter a whole number of days, at least " + minimumDays + ".");
    }
    if ("weekly".equals(interval) && DashboardView.WEEKDAYS.stream().noneMatch(o -> o.value().equals(in.get(WEEKLY_ANCHOR)))) {
      errors.put(WEEKLY_ANCHOR, "Choose the day of the week you are paid.");
    }
    String day = in.getOrDefault(MONTHLY_ANCHOR, "").strip();
    if ("monthly".equals(interval) && !(day.matches("\\d{1,2}") && Integer.parseInt(day) >= 1 && Integer.parseInt(day) <= 31)) {
      errors.put(MONTHLY_ANCHOR, "Enter a day of the month from 1 to 31.");
    }
    return errors;
  }

  /** The schedule {@code in} describes; only for input {@link #check} accepted. */
  static PayoutSchedule schedule(Map<String, String> in) {
    String interval = in.get(INTERVAL);
    return new PayoutSchedule(interval, Integer.parseInt(in.get(DELAY_DAYS).strip()),
        "weekly".equals(interval) ? in.get(WEEKLY_ANCHOR) : null,
        "monthly".equals(interval) ? Integer.valueOf(in.get(MONTHLY_ANCHOR).strip()) : null);
  }
}

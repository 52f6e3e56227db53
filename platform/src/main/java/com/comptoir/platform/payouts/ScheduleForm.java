package com.comptoir.platform.payouts;

import com.comptoir.platform.web.Form;
import com.stripe.param.AccountUpdateParams;
import com.stripe.param.AccountUpdateParams.Settings.Payouts.Schedule;
import java.util.List;
import java.util.Locale;

/**
 * The payout schedule form of a Custom account's merchant, whose platform sets the schedule
 * (fact sheet §3.4, §7.7): its fields are Stripe's, and it checks only what stripe-java needs to
 * send them (a known interval and day, whole numbers). Ranges and minimums are Stripe's to judge,
 * so its own message reaches the merchant, next to the field it names.
 */
final class ScheduleForm {
  static final String INTERVAL = "interval";
  static final String WEEKLY_ANCHOR = "weekly_anchor";
  static final String MONTHLY_ANCHOR = "monthly_anchor";
  static final String DELAY_DAYS = "delay_days";
  static final List<String> FIELDS = List.of(INTERVAL, WEEKLY_ANCHOR, MONTHLY_ANCHOR, DELAY_DAYS);
  /** A few digits: any real value, and never a number too large to parse. */
  private static final String WHOLE_NUMBER = "[0-9]{1,4}";

  private ScheduleForm() {}

  /** The form filled with the account's schedule, as it is now. */
  static Form of(PayoutSchedule schedule) {
    Form form = Form.empty();
    if (schedule == null) {
      return form.with(INTERVAL, "daily");
    }
    return form.with(INTERVAL, schedule.interval())
        .with(WEEKLY_ANCHOR, schedule.weeklyAnchor() == null ? "monday" : schedule.weeklyAnchor())
        .with(MONTHLY_ANCHOR, schedule.monthlyAnchor() == null ? "1" : schedule.monthlyAnchor().toString())
        .with(DELAY_DAYS, schedule.delayDays() == null ? "" : schedule.delayDays().toString());
  }

  /** Marks what cannot be sent to Stripe at all; true when the form can be sent. */
  static boolean check(Form form) {
    String interval = form.value(INTERVAL);
    if (!PayoutSchedule.INTERVALS.contains(interval)) {
      form.error(INTERVAL, "Choose how often you are paid out.");
    }
    if ("weekly".equals(interval) && !PayoutSchedule.WEEKDAYS.contains(form.value(WEEKLY_ANCHOR))) {
      form.error(WEEKLY_ANCHOR, "Choose the day of the week you are paid out.");
    }
    if ("monthly".equals(interval) && !form.value(MONTHLY_ANCHOR).matches(WHOLE_NUMBER)) {
      form.error(MONTHLY_ANCHOR, "Enter the day of the month as a number, from 1 to 31.");
    }
    if (!"manual".equals(interval) && !form.isBlank(DELAY_DAYS) && !form.value(DELAY_DAYS).matches(WHOLE_NUMBER)) {
      form.error(DELAY_DAYS, "Enter a whole number of days, or leave it empty for the shortest delay Stripe allows.");
    }
    return !form.hasErrors();
  }

  /**
   * {@code settings[payouts][schedule]} for a checked form: the anchor only with its interval, and
   * the delay only with an automatic schedule (it is what payouts wait for); an empty delay asks for
   * Stripe's minimum.
   */
  static AccountUpdateParams params(Form form) {
    String interval = form.value(INTERVAL);
    Schedule.Builder schedule = Schedule.builder().setInterval(Schedule.Interval.valueOf(interval.toUpperCase(Locale.ROOT)));
    switch (interval) {
      case "weekly" -> schedule.setWeeklyAnchor(Schedule.WeeklyAnchor.valueOf(form.value(WEEKLY_ANCHOR).toUpperCase(Locale.ROOT)));
      case "monthly" -> schedule.setMonthlyAnchor(Long.parseLong(form.value(MONTHLY_ANCHOR)));
      default -> { }
    }
    if (!"manual".equals(interval)) {
      if (form.isBlank(DELAY_DAYS)) {
        schedule.setDelayDays(Schedule.DelayDays.MINIMUM);
      } else {
        schedule.setDelayDays(Long.parseLong(form.value(DELAY_DAYS)));
      }
    }
    return AccountUpdateParams.builder()
        .setSettings(AccountUpdateParams.Settings.builder()
            .setPayouts(AccountUpdateParams.Settings.Payouts.builder().setSchedule(schedule.build()).build())
            .build())
        .build();
  }

  /**
   * The field a Stripe error is about, from its {@code param} such as
   * {@code settings[payouts][schedule][monthly_anchor]}; the interval when it names none of ours.
   */
  static String fieldOf(String param) {
    if (param != null) {
      for (String field : FIELDS) {
        if (param.endsWith("[" + field + "]")) {
          return field;
        }
      }
    }
    return INTERVAL;
  }
}

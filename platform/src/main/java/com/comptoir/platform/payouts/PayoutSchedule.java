package com.comptoir.platform.payouts;

import com.stripe.model.Account;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An account's {@code settings.payouts.schedule} (fact sheet §7.7), in words a merchant reads.
 *
 * @param interval {@code daily}, {@code weekly}, {@code monthly} or {@code manual}
 * @param delayDays days from a card payment to its funds being available, or null if Stripe did not say
 * @param weeklyAnchor {@code monday}..{@code sunday}, for {@code weekly}
 * @param monthlyAnchor 1..31, for {@code monthly}; 29 to 31 mean the last day of shorter months
 */
public record PayoutSchedule(String interval, Long delayDays, String weeklyAnchor, Long monthlyAnchor) {
  public static final List<String> INTERVALS = List.of("daily", "weekly", "monthly", "manual");
  public static final List<String> WEEKDAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

  /** Stripe counts payout delays in business days in these countries, calendar days elsewhere (fact sheet §7.7). */
  private static final Set<String> BUSINESS_DAY_COUNTRIES = Set.of("US", "AU", "IN", "JP", "MY", "NZ", "TH", "AE");

  /** The account's schedule, or null when Stripe did not show one (as it may not for a Standard account). */
  static PayoutSchedule of(Account account) {
    Account.Settings settings = account.getSettings();
    if (settings == null || settings.getPayouts() == null || settings.getPayouts().getSchedule() == null
        || settings.getPayouts().getSchedule().getInterval() == null) {
      return null;
    }
    Account.Settings.Payouts.Schedule s = settings.getPayouts().getSchedule();
    String weekly = s.getWeeklyAnchor();
    if (weekly == null && s.getWeeklyPayoutDays() != null && !s.getWeeklyPayoutDays().isEmpty()) {
      weekly = s.getWeeklyPayoutDays().get(0); // newer API versions list the days; the first is the anchor
    }
    Long monthly = s.getMonthlyAnchor();
    if (monthly == null && s.getMonthlyPayoutDays() != null && !s.getMonthlyPayoutDays().isEmpty()) {
      monthly = s.getMonthlyPayoutDays().get(0);
    }
    return new PayoutSchedule(s.getInterval(), s.getDelayDays(), weekly, monthly);
  }

  public boolean automatic() {
    return !"manual".equals(interval);
  }

  /** "Daily", "Weekly, on Fridays", "Monthly, on the 15th", "Manual". */
  public String summary() {
    return switch (interval) {
      case "daily" -> "Daily";
      case "weekly" -> weeklyAnchor == null ? "Weekly" : "Weekly, on " + capitalized(weeklyAnchor) + "s";
      case "monthly" -> monthlyAnchor == null ? "Monthly" : "Monthly, on the " + ordinal(monthlyAnchor)
          + (monthlyAnchor >= 29 ? " (the last day of shorter months)" : "");
      case "manual" -> "Manual";
      default -> interval;
    };
  }

  /** When Stripe pays the available balance out, as a sentence. */
  public String payoutSentence() {
    return switch (interval) {
      case "daily" -> "Stripe pays out your available balance daily.";
      case "weekly" -> "Stripe pays out your available balance weekly" + (weeklyAnchor == null ? "." : ", on " + capitalized(weeklyAnchor) + "s.");
      case "monthly" -> "Stripe pays out your available balance monthly"
          + (monthlyAnchor == null ? "." : ", on the " + ordinal(monthlyAnchor) + (monthlyAnchor >= 29 ? " (or the month's last day)." : "."));
      case "manual" -> "Your payouts are manual: Stripe pays nothing out on a schedule.";
      default -> "Stripe pays out your available balance on a " + interval + " schedule.";
    };
  }

  /** How long a card payment's funds stay pending, for an account in {@code country}; null if Stripe did not say. */
  public String availabilitySentence(String country) {
    if (delayDays == null) {
      return null;
    }
    String unit = BUSINESS_DAY_COUNTRIES.contains(country) ? "business day" : "day";
    return "Funds from a card payment become available " + delayDays + " " + unit + (delayDays == 1 ? "" : "s") + " after the payment.";
  }

  /** {@code friday} is "Friday", {@code weekly} "Weekly". */
  static String capitalized(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st, 22nd, 23rd ... 31st. */
  static String ordinal(long day) {
    long lastTwo = day % 100;
    String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch ((int) (day % 10)) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return day + suffix;
  }
}

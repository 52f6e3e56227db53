package com.comptoir.processor.dashboard;

import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows an account holder (Express or Standard, named by {@code accountKind}):
 * where the account stands, what Stripe still needs, and the two forms the holder owns (payment
 * methods and payout schedule) with what was typed and what was wrong with it.
 */
public record DashboardView(
    String businessName,
    String accountKind,
    String csrf,
    String confirmation,
    List<Row> overview,
    List<String> stillDue,
    List<Method> methods,
    Map<String, String> schedule,
    Map<String, String> errors,
    int minimumDelayDays) {

  public record Row(String label, String value) {}

  /** A payment method's checkbox: {@code value} is Stripe's name for it, {@code label} the one people know. */
  public record Method(String value, String label, String hint, boolean on) {}

  public record Option(String value, String label) {}

  public static final List<Option> INTERVALS = List.of(new Option("daily", "Daily"), new Option("weekly", "Weekly"),
      new Option("monthly", "Monthly"), new Option("manual", "Manual (I start payouts myself)"));

  public static final List<Option> WEEKDAYS = List.of(new Option("monday", "Monday"), new Option("tuesday", "Tuesday"),
      new Option("wednesday", "Wednesday"), new Option("thursday", "Thursday"), new Option("friday", "Friday"),
      new Option("saturday", "Saturday"), new Option("sunday", "Sunday"));

  public String value(String name) {
    return schedule.getOrDefault(name, "");
  }

  public boolean hasError(String name) {
    return errors.containsKey(name);
  }

  public String error(String name) {
    return errors.get(name);
  }

  /** The ids that describe a schedule field: its hint, if any, then its error. */
  public String describedBy(String name, boolean hinted) {
    String ids = ((hinted ? name + "-hint " : "") + (hasError(name) ? name + "-error" : "")).strip();
    return ids.isEmpty() ? null : ids;
  }
}

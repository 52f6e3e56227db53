package com.comptoir.processor.dashboard;

import com.comptoir.processor.dashboard.DashboardView.Method;
import com.comptoir.processor.dashboard.DashboardView.Row;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The account document in words, for its holder rather than for a program. */
final class Overview {
  /** Stripe's name for each method, the name customers know, and what it can charge. */
  private static final Map<String, String[]> METHODS = Map.of(
      "card", new String[] {"Cards", "Visa, Mastercard and other cards, in any currency"},
      "bancontact", new String[] {"Bancontact", "Belgium, euro payments"},
      "eps", new String[] {"EPS", "Austria, euro payments"},
      "ideal", new String[] {"iDEAL", "Netherlands, euro payments"},
      "p24", new String[] {"Przelewy24", "Poland, euro and złoty payments"},
      "sepa_debit", new String[] {"SEPA Direct Debit", "Euro bank debits across Europe"},
      "sofort", new String[] {"Sofort", "Germany and Austria, euro payments"});

  private Overview() {}

  static String businessName(JsonNode account) {
    for (JsonNode name : List.of(account.at("/business_profile/name"), account.at("/settings/dashboard/display_name"), account.path("email"))) {
      if (name.isTextual() && !name.asText().isBlank()) {
        return name.asText();
      }
    }
    return account.path("id").asText();
  }

  /** "Standard account" or "Express account", as the holder knows their account. */
  static String kind(JsonNode account) {
    return capitalized(account.path("type").asText("express")) + " account";
  }

  static List<Method> methods(Map<String, Boolean> choices) {
    List<Method> out = new ArrayList<>();
    choices.forEach((method, on) -> {
      String[] names = METHODS.getOrDefault(method, new String[] {method, null});
      out.add(new Method(method, names[0], names[1], on));
    });
    return out;
  }

  static List<Row> rows(JsonNode account, List<Method> methods) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("Payments", account.path("charges_enabled").asBoolean()
        ? "Enabled: you can accept payments" : "Not enabled yet: Stripe needs more information"));
    rows.add(new Row("Payouts", account.path("payouts_enabled").asBoolean()
        ? "Enabled: your balance is paid out to your bank" : "Not enabled yet: Stripe needs more information"));
    JsonNode banks = account.at("/external_accounts/data");
    rows.add(new Row("Bank account", banks.isEmpty() ? "None yet"
        : banks.get(0).path("bank_name").asText("Bank") + " ••••" + banks.get(0).path("last4").asText()));
    rows.add(new Row("Payout schedule", schedule(account.at("/settings/payouts/schedule"))));
    List<String> on = methods.stream().filter(Method::on).map(Method::label).toList();
    rows.add(new Row("Payment methods", on.isEmpty() ? "None: customers cannot pay you" : String.join(", ", on)));
    return rows;
  }

  static String schedule(JsonNode schedule) {
    int days = schedule.path("delay_days").asInt();
    String delay = days + (days == 1 ? " day" : " days") + " after each payment";
    return switch (schedule.path("interval").asText("daily")) {
      case "weekly" -> "Weekly, every " + capitalized(schedule.path("weekly_anchor").asText("monday")) + ", for funds available "
          + delay;
      case "monthly" -> "Monthly, on day " + schedule.path("monthly_anchor").asInt(1) + ", for funds available " + delay;
      case "manual" -> "Manual: funds stay in your balance until you pay them out";
      default -> "Daily, " + delay;
    };
  }

  /** {@code requirements.currently_due} as people read it: {@code individual.dob.day} becomes "Your date of birth". */
  static List<String> due(JsonNode account) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : account.at("/requirements/currently_due")) {
      String code = item.asText();
      String label = code.startsWith("tos_acceptance.") ? "Acceptance of the Stripe Services Agreement"
          : code.equals("external_account") ? "A bank account for payouts"
          : capitalized(code.replaceFirst("^individual\\.", "your ").replaceFirst("^person_[A-Za-z0-9]+\\.", "representative's ")
              .replaceFirst("^business_profile\\.", "business ").replaceFirst("^company\\.", "company ")
              .replaceFirst("dob\\.(day|month|year)$", "date of birth").replace("mcc", "industry").replace("url", "website")
              .replace("ssn_last_4", "last 4 digits of the SSN").replace('_', ' ').replace('.', ' '));
      if (!out.contains(label)) {
        out.add(label);
      }
    }
    return out;
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}

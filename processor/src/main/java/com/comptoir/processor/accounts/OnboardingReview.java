package com.comptoir.processor.accounts;

import com.comptoir.processor.accounts.OnboardingView.SummaryRow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The last onboarding step in words: what the holder gave, and what is still due. */
final class OnboardingReview {
  private OnboardingReview() {}

  static List<SummaryRow> summary(AccountState state) {
    ObjectNode a = state.account;
    List<SummaryRow> rows = new ArrayList<>();
    String type = a.path("business_type").asText("");
    rows.add(new SummaryRow("Business type", "company".equals(type) ? "Company" : "individual".equals(type) ? "Individual" : "—", "/onboarding/business?from=review"));
    rows.add(new SummaryRow("Business name", text(a.path("business_profile"), "name"), "/onboarding/business?from=review"));
    rows.add(new SummaryRow("Website", text(a.path("business_profile"), "url"), "/onboarding/business?from=review"));
    JsonNode person = OnboardingForms.person(state);
    rows.add(new SummaryRow("company".equals(type) ? "Representative" : "Name",
        (text(person, "first_name") + " " + text(person, "last_name")).replace("— —", "—"), "/onboarding/person?from=review"));
    rows.add(new SummaryRow("Email", text(person, "email"), "/onboarding/person?from=review"));
    if ("company".equals(type)) {
      rows.add(new SummaryRow("Company", text(a.path("company"), "name"), "/onboarding/company?from=review"));
    }
    ArrayNode banks = (ArrayNode) a.path("external_accounts").path("data");
    rows.add(new SummaryRow("Payouts to", banks.isEmpty() ? "—"
        : banks.get(0).path("bank_name").asText() + " ••••" + banks.get(0).path("last4").asText(), "/onboarding/bank?from=review"));
    return rows;
  }

  private static String text(JsonNode node, String field) {
    String value = Requirements.text(node, field);
    return value == null ? "—" : value;
  }

  /** {@code individual.dob.day} → "individual: date of birth" etc., for people rather than programs. */
  static List<String> readable(List<String> due) {
    List<String> out = new ArrayList<>();
    for (String item : due) {
      if (item.equals(DashboardLogins.REQUIREMENT)) {
        out.add("your Stripe login (email and password)");
        continue;
      }
      String label = item.replaceFirst("^person_[A-Za-z0-9]+", "representative")
          .replace("dob.day", "date of birth").replace("dob.month", "date of birth").replace("dob.year", "date of birth")
          .replace("external_account", "bank account for payouts").replace('_', ' ').replace('.', ' ');
      if (!out.contains(label)) {
        out.add(label);
      }
    }
    return out;
  }
}

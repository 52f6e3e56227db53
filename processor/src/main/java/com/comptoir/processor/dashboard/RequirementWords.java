package com.comptoir.processor.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's {@code requirements} in words a person reads, as Stripe's Dashboard shows them:
 * {@code individual.verification.document} as "Individual: verification document",
 * {@code rejected.fraud} as "Rejected for fraud".
 */
public final class RequirementWords {
  private RequirementWords() {}

  /** What {@code disabled_reason} means for the account, or null when nothing is disabled. */
  public static String disabledReason(String reason) {
    if (reason == null || reason.isEmpty()) {
      return null;
    }
    return switch (reason) {
      case "requirements.past_due" -> "Restricted: required information is past due";
      case "requirements.pending_verification" -> "Restricted while the information given is verified";
      case "rejected.fraud" -> "Rejected for fraud";
      case "rejected.terms_of_service" -> "Rejected for breaking the terms of service";
      case "rejected.listed" -> "Rejected: on a prohibited persons or companies list";
      case "rejected.other" -> "Rejected";
      case "listed" -> "Restricted: possibly on a prohibited persons or companies list";
      case "under_review" -> "Restricted while the account is under review";
      case "action_required.requested_capabilities" -> "Restricted: no capability has been requested";
      default -> "Restricted (" + reason + ")";
    };
  }

  /** One requirement's field path in words. */
  public static String field(String path) {
    String[] parts = path.split("\\.", 2);
    String head = switch (parts[0]) {
      case "tos_acceptance" -> "Terms of service acceptance";
      case "business_profile" -> "Business profile";
      case "external_account" -> "Bank account for payouts";
      default -> capitalized(parts[0].replace('_', ' '));
    };
    if (parts.length == 1) {
      return head;
    }
    // a person's requirement is named by the person's id first: person_123.first_name
    String rest = parts[1].replace('.', ' ').replace('_', ' ');
    return head + ": " + (rest.equals("mcc") ? "industry (MCC)" : rest);
  }

  /** The fields of a requirements list ({@code currently_due}, {@code past_due}, …), each in words. */
  public static List<String> fields(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : list) {
      out.add(field(f.asText()));
    }
    return out;
  }

  /** A one-line summary for the accounts list: what is due now, past due, by when. */
  public static String summary(JsonNode requirements) {
    List<String> parts = new ArrayList<>();
    int pastDue = requirements.path("past_due").size();
    int due = requirements.path("currently_due").size();
    int eventually = requirements.path("eventually_due").size();
    if (pastDue > 0) {
      parts.add(pastDue + " past due");
    }
    if (due > 0) {
      parts.add(due + " due now" + (requirements.path("current_deadline").isNumber()
          ? ", by " + DashboardLinks.time(requirements.path("current_deadline").asLong()) : ""));
    }
    if (eventually > due) {
      parts.add((eventually - due) + " due later");
    }
    return parts.isEmpty() ? "Nothing due" : String.join(" · ", parts);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}

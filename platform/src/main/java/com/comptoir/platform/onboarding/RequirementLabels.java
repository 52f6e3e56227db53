package com.comptoir.platform.onboarding;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stripe's requirement names ({@code individual.dob.day}, {@code external_account}) in words a
 * merchant understands. Several names that Stripe collects together read as one line; a name we
 * have no words for is shown as Stripe wrote it rather than hidden.
 */
public final class RequirementLabels {
  private RequirementLabels() {}

  /** Prefixes to words, longest match first. */
  private static final List<Map.Entry<String, String>> LABELS = List.of(
      Map.entry("business_profile.mcc", "Your industry"),
      Map.entry("business_profile.url", "Your business website"),
      Map.entry("business_profile.product_description", "A description of what you sell"),
      Map.entry("business_profile.support_phone", "A customer support phone number"),
      Map.entry("business_profile.support_email", "A customer support e-mail address"),
      Map.entry("business_profile.name", "Your business name"),
      Map.entry("business_type", "Your type of business"),
      Map.entry("external_account", "A bank account for payouts"),
      Map.entry("tos_acceptance", "Acceptance of the Stripe Services Agreement"),
      Map.entry("individual.first_name", "Your name"),
      Map.entry("individual.last_name", "Your name"),
      Map.entry("individual.dob", "Your date of birth"),
      Map.entry("individual.address", "Your home address"),
      Map.entry("individual.ssn_last_4", "Your identity number"),
      Map.entry("individual.id_number", "Your identity number"),
      Map.entry("individual.email", "Your e-mail address"),
      Map.entry("individual.phone", "Your phone number"),
      Map.entry("individual.verification.additional_document", "An additional identity document"),
      Map.entry("individual.verification.document", "An identity document"),
      Map.entry("representative", "Details of your company's representative"),
      Map.entry("company.name", "Your company's legal name"),
      Map.entry("company.address", "Your company's address"),
      Map.entry("company.tax_id", "Your company's tax ID"),
      Map.entry("company.phone", "Your company's phone number"),
      Map.entry("company", "Details of your company"),
      Map.entry("owners", "Details of your company's owners"),
      Map.entry("directors", "Details of your company's directors"),
      Map.entry("executives", "Details of your company's executives"),
      Map.entry("person_", "Details of a person on your account"));

  static String label(String requirement) {
    for (Map.Entry<String, String> entry : LABELS) {
      if (requirement.equals(entry.getKey()) || requirement.startsWith(entry.getKey() + ".")
          || (entry.getKey().endsWith("_") && requirement.startsWith(entry.getKey()))) {
        return entry.getValue();
      }
    }
    return requirement;
  }

  /** The labels of {@code requirements}, each once, in Stripe's order. */
  public static List<String> labels(List<String> requirements) {
    Set<String> labels = new LinkedHashSet<>();
    requirements.forEach(r -> labels.add(label(r)));
    return List.copyOf(labels);
  }
}

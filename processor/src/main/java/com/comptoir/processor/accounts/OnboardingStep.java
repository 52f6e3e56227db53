package com.comptoir.processor.accounts;

import java.util.Collection;
import java.util.List;

/**
 * The steps of hosted onboarding, in order, with the requirements each one answers. A step is
 * shown only when something it answers is due (fact sheet §4: collect only what is due).
 */
enum OnboardingStep {
  VERIFY("verify", "Verify your phone", List.of()),
  /** Standard accounts only: the holder's own login to their Stripe Dashboard (not a Stripe requirement the platform sees). */
  LOGIN("login", "Create your Stripe login", List.of(DashboardLogins.REQUIREMENT)),
  BUSINESS("business", "Your business", List.of("business_type", "business_profile.")),
  PERSON("person", "About you", List.of("individual.", "representative.", "person_")),
  COMPANY("company", "Company details", List.of("company.")),
  BANK("bank", "Where to send payouts", List.of("external_account")),
  REVIEW("review", "Review and finish", List.of("tos_acceptance."));

  final String slug;
  final String title;
  final List<String> answers;

  OnboardingStep(String slug, String title, List<String> answers) {
    this.slug = slug;
    this.title = title;
    this.answers = answers;
  }

  boolean isDue(Collection<String> due) {
    return due.stream().anyMatch(item -> answers.stream().anyMatch(item::startsWith));
  }

  /**
   * The steps a visit with {@code due} outstanding will go through: the phone check, each step with
   * something due, and the review. "About you" is expected as soon as the business type is: the
   * person's requirements only appear once the type says whose they are (the individual or the
   * company's representative), but either way the holder will be asked.
   */
  static List<OnboardingStep> expected(Collection<String> due) {
    return java.util.Arrays.stream(values())
        .filter(step -> step == VERIFY || step == REVIEW || step.isDue(due) || (step == PERSON && due.contains("business_type")))
        .toList();
  }

  static OnboardingStep bySlug(String slug) {
    for (OnboardingStep step : values()) {
      if (step.slug.equals(slug)) {
        return step;
      }
    }
    return null;
  }

  /** The first step after {@code current} with something due, or the review. */
  static OnboardingStep after(OnboardingStep current, Collection<String> due) {
    for (OnboardingStep step : values()) {
      if (step.ordinal() > current.ordinal() && step != REVIEW && step.isDue(due)) {
        return step;
      }
    }
    return REVIEW;
  }
}

package com.comptoir.platform.onboarding;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A connected account's onboarding state as Stripe last reported it ({@code details_submitted},
 * {@code charges_enabled}, {@code payouts_enabled}, {@code requirements}), and what it means for
 * the merchant.
 */
public record AccountStatus(
    String accountId,
    boolean detailsSubmitted,
    boolean chargesEnabled,
    boolean payoutsEnabled,
    List<String> currentlyDue,
    List<String> pastDue,
    List<String> eventuallyDue,
    List<String> pendingVerification,
    List<RequirementError> errors,
    OffsetDateTime currentDeadline,
    String disabledReason,
    boolean deauthorized,
    OffsetDateTime refreshedAt,
    String refreshedBy) {

  /** One entry of {@code requirements.errors}: a value Stripe could not verify, and why. */
  public record RequirementError(String requirement, String code, String reason) {
    public String label() {
      return RequirementLabels.label(requirement);
    }
  }

  /** Where the merchant stands, most urgent first. */
  public enum Stage {
    DISCONNECTED,
    READY,
    PAYOUTS_PAUSED,
    OVERDUE,
    NOT_SUBMITTED,
    MORE_NEEDED,
    IN_REVIEW
  }

  public Stage stage() {
    if (deauthorized) {
      return Stage.DISCONNECTED;
    }
    if (chargesEnabled && payoutsEnabled && pastDue.isEmpty()) {
      return Stage.READY;
    }
    if (chargesEnabled && pastDue.isEmpty()) {
      return Stage.PAYOUTS_PAUSED;
    }
    if (!pastDue.isEmpty()) {
      return Stage.OVERDUE;
    }
    if (!detailsSubmitted) {
      return Stage.NOT_SUBMITTED;
    }
    return currentlyDue.isEmpty() && errors.isEmpty() ? Stage.IN_REVIEW : Stage.MORE_NEEDED;
  }

  public String headline() {
    return switch (stage()) {
      case DISCONNECTED -> "Your Stripe account is disconnected from this platform";
      case READY -> "Your store is ready to accept payments";
      case PAYOUTS_PAUSED -> "You can accept payments, but payouts are paused";
      case OVERDUE -> "Stripe needs overdue information";
      case NOT_SUBMITTED -> "Finish setting up payments";
      case MORE_NEEDED -> "Stripe needs more information";
      case IN_REVIEW -> "Stripe is reviewing your details";
    };
  }

  public String explanation() {
    return switch (stage()) {
      case DISCONNECTED -> "Stripe says this platform can no longer act for your account. Contact us to connect it again.";
      case READY -> "Charges and payouts are enabled on your Stripe account.";
      case PAYOUTS_PAUSED -> "Customers can pay you. Stripe holds your payouts until it has what is listed below.";
      case OVERDUE -> "The deadline has passed, so Stripe has paused your account until you provide what is listed below.";
      case NOT_SUBMITTED -> "Stripe needs a few details about you and your business before you can accept payments.";
      case MORE_NEEDED -> "You submitted your details; Stripe needs what is listed below before it can enable your account.";
      case IN_REVIEW -> "Nothing is needed from you right now. This page updates when Stripe has finished.";
    };
  }

  /** Whether sending the merchant to onboarding would help. */
  public boolean canContinueOnboarding() {
    return !deauthorized && (!chargesEnabled || !payoutsEnabled || !currentlyDue.isEmpty() || !pastDue.isEmpty());
  }

  public List<String> currentlyDueLabels() {
    return RequirementLabels.labels(currentlyDue);
  }

  public List<String> pastDueLabels() {
    return RequirementLabels.labels(pastDue);
  }

  public List<String> pendingVerificationLabels() {
    return RequirementLabels.labels(pendingVerification);
  }

  /** "12 March 2026", or null when Stripe set no deadline. */
  public String deadlineText() {
    return currentDeadline == null ? null : currentDeadline.format(DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH));
  }

  /** A short word for lists: ready, in review, action needed... */
  public String shortState() {
    return switch (stage()) {
      case DISCONNECTED -> "disconnected";
      case READY -> "ready";
      case PAYOUTS_PAUSED -> "payouts paused";
      case OVERDUE -> "overdue";
      case NOT_SUBMITTED -> "not submitted";
      case MORE_NEEDED -> "action needed";
      case IN_REVIEW -> "in review";
    };
  }
}

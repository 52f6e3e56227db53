package com.comptoir.processor.disputes;

import com.comptoir.processor.store.Lifecycle;
import com.comptoir.processor.store.Transitions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Dispute's statuses and moves (fact sheet §7.5). A chargeback waits for the account's evidence
 * ({@code needs_response}), is reviewed once it is submitted, then {@code won} or {@code lost};
 * unanswered it is lost. An inquiry runs the same course under {@code warning_} names, closes as
 * {@code warning_closed}, or escalates to a chargeback after review. Submitting evidence and
 * escalating publish {@code charge.dispute.updated}; every closing {@code charge.dispute.closed}.
 * (The money moves, {@code funds_withdrawn} and {@code funds_reinstated}, are the ledger's events.)
 */
enum DisputeStatus implements Lifecycle<DisputeStatus> {
  WARNING_NEEDS_RESPONSE,
  WARNING_UNDER_REVIEW,
  WARNING_CLOSED,
  NEEDS_RESPONSE,
  UNDER_REVIEW,
  WON,
  LOST;

  private static final Transitions<DisputeStatus> TABLE = Transitions.of(DisputeStatus.class)
      .move(EnumSet.of(WARNING_NEEDS_RESPONSE), WARNING_UNDER_REVIEW, "charge.dispute.updated")
      .move(EnumSet.of(WARNING_NEEDS_RESPONSE, WARNING_UNDER_REVIEW), WARNING_CLOSED, "charge.dispute.closed")
      .move(EnumSet.of(WARNING_UNDER_REVIEW), NEEDS_RESPONSE, "charge.dispute.updated")
      .move(EnumSet.of(NEEDS_RESPONSE), UNDER_REVIEW, "charge.dispute.updated")
      .move(EnumSet.of(NEEDS_RESPONSE, UNDER_REVIEW), LOST, "charge.dispute.closed")
      .move(EnumSet.of(UNDER_REVIEW), WON, "charge.dispute.closed");

  /** The statuses that keep the charge from being refunded: a chargeback open, or lost. */
  static final Set<DisputeStatus> BLOCKS_REFUND = EnumSet.of(NEEDS_RESPONSE, UNDER_REVIEW, LOST);

  @Override
  public boolean canMoveTo(DisputeStatus next) {
    return TABLE.allows(this, next);
  }

  @Override
  public Optional<String> eventTo(DisputeStatus next) {
    return TABLE.event(this, next);
  }

  @Override
  public String wire() {
    return Transitions.wire(this);
  }

  /** An inquiry (a {@code warning_} status) rather than a chargeback. */
  boolean isInquiry() {
    return this == WARNING_NEEDS_RESPONSE || this == WARNING_UNDER_REVIEW || this == WARNING_CLOSED;
  }

  /** Still open: evidence can change, and it can be closed. */
  boolean isOpen() {
    return canMoveTo(closed());
  }

  /** Waiting for the account's evidence. */
  boolean awaitsEvidence() {
    return this == WARNING_NEEDS_RESPONSE || this == NEEDS_RESPONSE;
  }

  boolean isUnderReview() {
    return this == WARNING_UNDER_REVIEW || this == UNDER_REVIEW;
  }

  /** Where submitting evidence takes this dispute. */
  DisputeStatus underReview() {
    return isInquiry() ? WARNING_UNDER_REVIEW : UNDER_REVIEW;
  }

  /** Where giving up (closing it, or missing the deadline) takes this dispute: the account loses. */
  DisputeStatus closed() {
    return isInquiry() ? WARNING_CLOSED : LOST;
  }

  /** Where a review decided for the account takes this dispute. */
  DisputeStatus won() {
    return isInquiry() ? WARNING_CLOSED : WON;
  }

  static List<String> wireNames(Set<DisputeStatus> statuses) {
    return statuses.stream().map(DisputeStatus::wire).sorted().toList();
  }

  public static DisputeStatus of(JsonNode dispute) {
    return Transitions.fromWire(DisputeStatus.class, dispute.get("status").asText());
  }

  /** Sets the dispute's status to {@code next} if the table lists the move; returns its event. */
  static String move(ObjectNode dispute, DisputeStatus next) {
    String event = of(dispute).eventTo(next).orElseThrow();
    dispute.put("status", next.wire());
    return event;
  }
}

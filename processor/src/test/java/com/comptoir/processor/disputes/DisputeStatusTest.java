package com.comptoir.processor.disputes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.comptoir.processor.store.LifecycleTables;
import org.junit.jupiter.api.Test;

class DisputeStatusTest {
  @Test
  void onlyStripesMovesAreAllowedAndEachPublishesItsEvent() {
    LifecycleTables.check(DisputeStatus.class, LifecycleTables.moves(
        "warning_needs_response -> warning_under_review : charge.dispute.updated",
        "warning_needs_response -> warning_closed : charge.dispute.closed",
        "warning_under_review -> warning_closed : charge.dispute.closed",
        "warning_under_review -> needs_response : charge.dispute.updated",
        "needs_response -> under_review : charge.dispute.updated",
        "needs_response -> lost : charge.dispute.closed",
        "under_review -> lost : charge.dispute.closed",
        "under_review -> won : charge.dispute.closed"));
  }

  @Test
  void anInquiryEndsAsAWarningAndAChargebackAsWonOrLost() {
    assertEquals(DisputeStatus.WARNING_CLOSED, DisputeStatus.WARNING_UNDER_REVIEW.won());
    assertEquals(DisputeStatus.WARNING_CLOSED, DisputeStatus.WARNING_NEEDS_RESPONSE.closed());
    assertEquals(DisputeStatus.WON, DisputeStatus.UNDER_REVIEW.won());
    assertEquals(DisputeStatus.LOST, DisputeStatus.NEEDS_RESPONSE.closed());
    assertEquals(DisputeStatus.WARNING_UNDER_REVIEW, DisputeStatus.WARNING_NEEDS_RESPONSE.underReview());
  }
}

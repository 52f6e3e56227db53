package com.comptoir.processor.ledger;

import com.comptoir.processor.store.LifecycleTables;
import org.junit.jupiter.api.Test;

class PayoutStatusTest {
  @Test
  void onlyStripesMovesAreAllowedAndEachPublishesItsEvent() {
    LifecycleTables.check(PayoutStatus.class, LifecycleTables.moves(
        "pending -> in_transit : payout.updated",
        "pending -> canceled : payout.canceled",
        "in_transit -> paid : payout.paid",
        "in_transit -> failed : payout.failed"));
  }
}

package com.comptoir.processor.refunds;

import com.comptoir.processor.store.LifecycleTables;
import org.junit.jupiter.api.Test;

class RefundStatusTest {
  @Test
  void onlyStripesMovesAreAllowedAndEachPublishesItsEvent() {
    LifecycleTables.check(RefundStatus.class, LifecycleTables.moves(
        "pending -> succeeded : refund.updated",
        "pending -> failed : refund.updated",
        "succeeded -> failed : refund.updated",
        "requires_action -> canceled : refund.updated"));
  }
}

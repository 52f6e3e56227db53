package com.comptoir.processor.payments;

import com.comptoir.processor.store.LifecycleTables;
import org.junit.jupiter.api.Test;

class ChargeStatusTest {
  @Test
  void onlyAPendingChargeSettlesAndEachOutcomePublishesItsEvent() {
    LifecycleTables.check(ChargeStatus.class, LifecycleTables.moves(
        "pending -> succeeded : charge.succeeded",
        "pending -> failed : charge.failed"));
  }
}

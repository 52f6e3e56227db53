package com.comptoir.processor.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.LifecycleTables;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CheckoutSessionStatusTest {
  @Test
  void onlyStripesMovesAreAllowedAndEachPublishesItsEvent() {
    LifecycleTables.check(CheckoutSessionStatus.class, LifecycleTables.moves(
        "open -> complete_paid : checkout.session.completed",
        "open -> complete_unpaid : checkout.session.completed",
        "open -> expired : checkout.session.expired",
        "complete_unpaid -> complete_paid : checkout.session.async_payment_succeeded",
        "complete_unpaid -> complete_unpaid : checkout.session.async_payment_failed"));
  }

  @Test
  void completingUnpaidSetsBothStatusAndPaymentStatus() {
    ObjectNode session = Json.object().put("id", "cs_test_1").put("status", "open").put("payment_status", "unpaid");
    CheckoutSessionStatus.move(session, CheckoutSessionStatus.COMPLETE_UNPAID);
    assertEquals("complete", session.get("status").asText());
    assertEquals("unpaid", session.get("payment_status").asText());
    assertEquals(CheckoutSessionStatus.COMPLETE_UNPAID, CheckoutSessionStatus.of(session));
  }
}

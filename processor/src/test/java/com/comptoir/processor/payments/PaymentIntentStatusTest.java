package com.comptoir.processor.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.LifecycleTables;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PaymentIntentStatusTest {
  @Test
  void onlyStripesMovesAreAllowedAndEachPublishesItsEvent() {
    LifecycleTables.check(PaymentIntentStatus.class, LifecycleTables.moves(
        "requires_payment_method -> requires_confirmation : -",
        "requires_payment_method -> requires_action : payment_intent.requires_action",
        "requires_payment_method -> processing : payment_intent.processing",
        "requires_payment_method -> succeeded : payment_intent.succeeded",
        "requires_payment_method -> requires_payment_method : payment_intent.payment_failed",
        "requires_payment_method -> canceled : payment_intent.canceled",
        "requires_confirmation -> requires_confirmation : -",
        "requires_confirmation -> requires_action : payment_intent.requires_action",
        "requires_confirmation -> processing : payment_intent.processing",
        "requires_confirmation -> succeeded : payment_intent.succeeded",
        "requires_confirmation -> requires_payment_method : payment_intent.payment_failed",
        "requires_confirmation -> canceled : payment_intent.canceled",
        "requires_action -> requires_confirmation : -",
        "requires_action -> requires_action : payment_intent.requires_action",
        "requires_action -> processing : payment_intent.processing",
        "requires_action -> succeeded : payment_intent.succeeded",
        "requires_action -> requires_payment_method : payment_intent.payment_failed",
        "requires_action -> canceled : payment_intent.canceled",
        "processing -> succeeded : payment_intent.succeeded",
        "processing -> requires_payment_method : payment_intent.payment_failed"));
  }

  @Test
  void aSucceededIntentCannotBeMovedAndKeepsItsStatus() {
    ObjectNode pi = Json.object().put("id", "pi_1").put("status", "succeeded");
    assertThrows(IllegalStateException.class, () -> PaymentIntentStatus.move(pi, PaymentIntentStatus.CANCELED));
    assertEquals("succeeded", pi.get("status").asText());
  }

  @Test
  void aMoveWritesStripesSpelling() {
    ObjectNode pi = Json.object().put("id", "pi_1").put("status", "requires_payment_method");
    assertEquals("payment_intent.requires_action", PaymentIntentStatus.move(pi, PaymentIntentStatus.REQUIRES_ACTION).orElseThrow());
    assertEquals("requires_action", pi.get("status").asText());
  }
}

package com.comptoir.processor.events;

import java.util.List;
import java.util.Set;

/** The event types the processor emits, the names webhook endpoints can subscribe to. */
public final class EventTypes {
  private EventTypes() {}

  public static final List<String> ALL = List.of(
      "account.updated",
      "account.application.authorized",
      "account.application.deauthorized",
      "account.external_account.created",
      "account.external_account.deleted",
      "account.external_account.updated",
      "application_fee.created",
      "application_fee.refunded",
      "application_fee.refund.updated",
      "balance.available",
      "capability.updated",
      "charge.captured",
      "charge.dispute.closed",
      "charge.dispute.created",
      "charge.dispute.funds_reinstated",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.updated",
      "charge.expired",
      "charge.failed",
      "charge.pending",
      "charge.refund.updated",
      "charge.refunded",
      "charge.succeeded",
      "charge.updated",
      "checkout.session.async_payment_failed",
      "checkout.session.async_payment_succeeded",
      "checkout.session.completed",
      "checkout.session.expired",
      "payment_intent.amount_capturable_updated",
      "payment_intent.canceled",
      "payment_intent.created",
      "payment_intent.partially_funded",
      "payment_intent.payment_failed",
      "payment_intent.processing",
      "payment_intent.requires_action",
      "payment_intent.succeeded",
      "payment_method.attached",
      "payout.canceled",
      "payout.created",
      "payout.failed",
      "payout.paid",
      "payout.reconciliation_completed",
      "payout.updated",
      "person.created",
      "person.deleted",
      "person.updated",
      "price.created",
      "price.deleted",
      "price.updated",
      "product.created",
      "product.deleted",
      "product.updated",
      "refund.created",
      "refund.updated");

  private static final Set<String> KNOWN = Set.copyOf(ALL);

  public static boolean known(String type) {
    return KNOWN.contains(type);
  }
}

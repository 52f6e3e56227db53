package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** A payment's page: the charge, its balance transaction's fee and net, its refunds and disputes. */
public record PaymentView(String id, String amount, String status, boolean ok, String customer, String method, String created,
    String fee, String net, String applicationFee, String paymentIntent, String description, String refundable, String refundableTyped,
    boolean canRefund, String currency, List<RefundRow> refunds, List<DisputeRow> disputes) {

  public record RefundRow(String id, String amount, String status, String reason, String created) {}

  public record DisputeRow(String id, String amount, String status, String reason, String dueBy) {}

  static PaymentView of(Handle h, String accountId, JsonNode charge) {
    String currency = charge.path("currency").asText();
    PaymentRows.Row row = PaymentRows.of(charge);
    JsonNode txn = charge.path("balance_transaction").isTextual()
        ? ResourceStore.find(h, accountId, charge.path("balance_transaction").asText()).map(JsonNode.class::cast).orElse(null) : null;
    long refundableMinor = charge.path("amount").asLong() - charge.path("amount_refunded").asLong();
    List<RefundRow> refunds = BusinessPaymentPages.children(h, accountId, "refund", row.id()).stream()
        .map(r -> new RefundRow(r.path("id").asText(), BusinessLinks.money(r.path("amount").asLong(), currency), r.path("status").asText(),
            words(r.path("reason").asText("")), BusinessLinks.time(r.path("created").asLong()))).toList();
    List<DisputeRow> disputes = BusinessPaymentPages.children(h, accountId, "dispute", row.id()).stream()
        .map(d -> new DisputeRow(d.path("id").asText(), BusinessLinks.money(d.path("amount").asLong(), currency),
            words(d.path("status").asText()), words(d.path("reason").asText()), BusinessLinks.day(d.at("/evidence_details/due_by").asLong())))
        .toList();
    boolean canRefund = "succeeded".equals(charge.path("status").asText()) && refundableMinor > 0 && txn != null;
    return new PaymentView(row.id(), row.amount(), row.status(), row.ok(), row.customer(), row.method(), row.created(),
        txn == null ? "—" : BusinessLinks.money(txn.path("fee").asLong(), txn.path("currency").asText()),
        txn == null ? "—" : BusinessLinks.money(txn.path("net").asLong(), txn.path("currency").asText()),
        charge.path("application_fee_amount").isNumber() ? BusinessLinks.money(charge.path("application_fee_amount").asLong(), currency) : "—",
        charge.path("payment_intent").asText(null), charge.path("description").asText(null),
        BusinessLinks.money(refundableMinor, currency), typed(refundableMinor, currency), canRefund, currency, refunds, disputes);
  }

  /** Minor units as typed in a form: 1250 eur as "12.50". */
  static String typed(long amountMinor, String currency) {
    return BigDecimal.valueOf(amountMinor, Currencies.decimals(currency)).toPlainString();
  }

  /** Stripe's enum values as words: {@code requested_by_customer} as "Requested by customer". */
  static String words(String value) {
    if (value == null || value.isEmpty()) {
      return "—";
    }
    String w = value.replace('_', ' ');
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}

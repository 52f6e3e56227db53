package com.comptoir.processor.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** A charge as one line of a business's payments: Stripe's states in the words its Dashboard uses. */
public final class PaymentRows {
  private PaymentRows() {}

  public record Row(String id, String amount, String status, boolean ok, String customer, String method, String created) {}

  static Row of(JsonNode charge) {
    return new Row(charge.path("id").asText(), BusinessLinks.money(charge.path("amount").asLong(), charge.path("currency").asText()),
        status(charge), !"failed".equals(charge.path("status").asText()) && !charge.path("disputed").asBoolean(),
        customer(charge), method(charge.path("payment_method_details")), BusinessLinks.time(charge.path("created").asLong()));
  }

  /** As Stripe's Dashboard labels a payment: Disputed, Refunded, Partially refunded, Succeeded, Pending or Failed. */
  static String status(JsonNode charge) {
    return switch (charge.path("status").asText()) {
      case "failed" -> "Failed";
      case "pending" -> "Pending";
      default -> charge.path("disputed").asBoolean() ? "Disputed"
          : charge.path("refunded").asBoolean() ? "Refunded"
          : charge.path("amount_refunded").asLong() > 0 ? "Partially refunded" : "Succeeded";
    };
  }

  static String customer(JsonNode charge) {
    for (JsonNode v : new JsonNode[] {charge.at("/billing_details/email"), charge.at("/billing_details/name"), charge.path("receipt_email"),
        charge.path("customer")}) {
      if (v.isTextual() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return "—";
  }

  /** "Visa •••• 4242" for a card, the method's name otherwise. */
  static String method(JsonNode details) {
    String type = details.path("type").asText("");
    if ("card".equals(type)) {
      String brand = details.at("/card/brand").asText("card");
      return capitalized(brand) + " •••• " + details.at("/card/last4").asText("");
    }
    JsonNode last4 = details.path(type).path("last4");
    String name = switch (type) {
      case "sepa_debit" -> "SEPA Direct Debit";
      case "ideal" -> "iDEAL";
      case "p24" -> "Przelewy24";
      case "eps" -> "EPS";
      case "" -> "—";
      default -> capitalized(type.replace('_', ' '));
    };
    return last4.isTextual() ? name + " •••• " + last4.asText() : name;
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}

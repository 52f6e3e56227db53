package com.comptoir.processor.testmode;

import java.util.Map;

/**
 * Stripe's test cards and what each one does (fact sheet §6.3). Any other number that passes the
 * Luhn check succeeds as a card of its brand.
 */
public final class TestCards {
  private TestCards() {}

  public enum Kind { SUCCEED, DECLINE, BLOCK, THREE_DS, THREE_DS_THEN_DECLINE, DISPUTE, BYPASS_PENDING }

  /**
   * What happens when a card is charged.
   *
   * @param code for declines, the error code ({@code card_declined}, {@code expired_card}, ...)
   * @param detail for declines the decline code; for disputes the dispute reason
   */
  public record Behavior(Kind kind, String code, String detail, String message, String param, String country) {
    public static Behavior succeed(String country) {
      return new Behavior(Kind.SUCCEED, null, null, null, null, country);
    }
  }

  private static Behavior decline(String code, String declineCode, String message, String param) {
    return new Behavior(Kind.DECLINE, code, declineCode, message, param, "US");
  }

  /** The cards that do something other than succeed, by number. */
  public static final Map<String, Behavior> SPECIAL = Map.ofEntries(
      Map.entry("4000000000000002", decline("card_declined", "generic_decline", "Your card was declined.", null)),
      Map.entry("4000000000009995", decline("card_declined", "insufficient_funds", "Your card has insufficient funds.", null)),
      Map.entry("4000000000009987", decline("card_declined", "lost_card", "Your card was declined.", null)),
      Map.entry("4000000000009979", decline("card_declined", "stolen_card", "Your card was declined.", null)),
      Map.entry("4000000000006975", decline("card_declined", "card_velocity_exceeded", "Your card was declined.", null)),
      Map.entry("4000000000000341", decline("card_declined", "generic_decline", "Your card was declined.", null)),
      Map.entry("4000000000000069", decline("expired_card", "expired_card", "Your card has expired.", "exp_month")),
      Map.entry("4000000000000127", decline("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect.", "cvc")),
      Map.entry("4000000000000119", decline("processing_error", "processing_error",
          "An error occurred while processing your card. Try again in a little bit.", null)),
      Map.entry("4100000000000019", new Behavior(Kind.BLOCK, "card_declined", "fraudulent", "Your card was declined.", null, "US")),
      Map.entry("4000000000004954", new Behavior(Kind.BLOCK, "card_declined", "fraudulent", "Your card was declined.", null, "US")),
      Map.entry("4000000000000259", new Behavior(Kind.DISPUTE, null, "fraudulent", null, null, "US")),
      Map.entry("4000000000002685", new Behavior(Kind.DISPUTE, null, "product_not_received", null, null, "US")),
      Map.entry("4000000000001976", new Behavior(Kind.DISPUTE, null, "inquiry", null, null, "US")),
      Map.entry("4000000000000077", new Behavior(Kind.BYPASS_PENDING, null, null, null, null, "US")),
      Map.entry("4000003720000278", new Behavior(Kind.BYPASS_PENDING, null, null, null, null, "IE")),
      Map.entry("4000002500003155", new Behavior(Kind.THREE_DS, null, null, null, null, "US")),
      Map.entry("4000002760003184", new Behavior(Kind.THREE_DS, null, null, null, null, "DE")),
      Map.entry("4000000000003220", new Behavior(Kind.THREE_DS, null, null, null, null, "US")),
      Map.entry("4000000000003063", new Behavior(Kind.THREE_DS, null, null, null, null, "US")),
      Map.entry("4000008260003178", new Behavior(Kind.THREE_DS_THEN_DECLINE, "card_declined", "insufficient_funds",
          "Your card has insufficient funds.", null, "GB")),
      Map.entry("4000008400001629", new Behavior(Kind.THREE_DS_THEN_DECLINE, "card_declined", "generic_decline",
          "Your card was declined.", null, "US")));

  /**
   * Whether a card ending in {@code last4} is one of the bypass-pending cards, for callers that
   * kept only the last four digits (a charge booked without its card number).
   */
  public static boolean bypassesPending(String last4) {
    return !last4.isEmpty() && SPECIAL.entrySet().stream()
        .anyMatch(c -> c.getValue().kind() == Kind.BYPASS_PENDING && c.getKey().endsWith(last4));
  }

  /** Country test cards: {@code 4000000<3-digit ISO numeric>...}. */
  public static final Map<String, String> COUNTRY = Map.ofEntries(
      Map.entry("4000000400000008", "AT"), Map.entry("4000000560000004", "BE"), Map.entry("4000002080000001", "DK"),
      Map.entry("4000002460000001", "FI"), Map.entry("4000002500000003", "FR"), Map.entry("4000002760000016", "DE"),
      Map.entry("4000003720000005", "IE"), Map.entry("4000003800000008", "IT"), Map.entry("4000005280000002", "NL"),
      Map.entry("4000006200000007", "PT"), Map.entry("4000007240000007", "ES"), Map.entry("4000007520000008", "SE"),
      Map.entry("4000007560000009", "CH"), Map.entry("4000008260000000", "GB"), Map.entry("4000000760000002", "BR"),
      Map.entry("4000001240000000", "CA"), Map.entry("4000004840008001", "MX"), Map.entry("4000000360000006", "AU"),
      Map.entry("4000003920000003", "JP"), Map.entry("4000007020000003", "SG"));

  /** Server-side shortcuts ({@code pm_card_*}, {@code tok_*}) and the card number each stands for. */
  public static final Map<String, String> SHORTCUTS = Map.ofEntries(
      Map.entry("visa", "4242424242424242"), Map.entry("visa_debit", "4000056655665556"),
      Map.entry("mastercard", "5555555555554444"), Map.entry("amex", "378282246310005"), Map.entry("discover", "6011111111111117"),
      Map.entry("chargeDeclined", "4000000000000002"), Map.entry("chargeDeclinedInsufficientFunds", "4000000000009995"),
      Map.entry("chargeDeclinedExpiredCard", "4000000000000069"), Map.entry("chargeDeclinedIncorrectCvc", "4000000000000127"),
      Map.entry("chargeDeclinedProcessingError", "4000000000000119"), Map.entry("visa_chargeDeclinedLostCard", "4000000000009987"),
      Map.entry("visa_chargeDeclinedStolenCard", "4000000000009979"), Map.entry("bypassPending", "4000000000000077"),
      Map.entry("bypassPendingInternational", "4000003720000278"), Map.entry("authenticationRequired", "4000002760003184"),
      Map.entry("threeDSecure2Required", "4000000000003220"), Map.entry("createDispute", "4000000000000259"),
      Map.entry("riskLevelHighest", "4000000000004954"), Map.entry("chargeCustomerFail", "4000000000000341"));

  public static boolean isTestNumber(String number) {
    return SPECIAL.containsKey(number) || COUNTRY.containsKey(number) || SHORTCUTS.containsValue(number);
  }

  /** What charging this card (or a {@code country:XX} instrument) does. */
  public static Behavior behavior(String number) {
    if (number.startsWith("country:")) {
      return Behavior.succeed(number.substring(8));
    }
    Behavior special = SPECIAL.get(number);
    if (special != null) {
      return special;
    }
    return Behavior.succeed(COUNTRY.getOrDefault(number, "US"));
  }

  public static String brand(String number) {
    if (number.startsWith("4")) {
      return "visa";
    }
    if (number.matches("5[1-5].*|2[2-7].*")) {
      return "mastercard";
    }
    if (number.matches("3[47].*")) {
      return "amex";
    }
    if (number.matches("6011.*|65.*")) {
      return "discover";
    }
    if (number.matches("3(0[0-5]|[68]).*")) {
      return "diners";
    }
    if (number.startsWith("35")) {
      return "jcb";
    }
    if (number.startsWith("62")) {
      return "unionpay";
    }
    return "unknown";
  }

  public static String funding(String number) {
    return switch (number) {
      case "4000056655665556", "5200828282828210" -> "debit";
      case "5105105105105100" -> "prepaid";
      default -> "credit";
    };
  }

  /** The Luhn check that card numbers carry, so a typo is caught before anything is sent. */
  public static boolean luhn(String number) {
    int sum = 0;
    boolean doubled = false;
    for (int i = number.length() - 1; i >= 0; i--) {
      int d = number.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}

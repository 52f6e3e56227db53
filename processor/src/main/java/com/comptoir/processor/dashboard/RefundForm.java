package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Currencies;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The refund form: the amount as people type it ("12.50", in the payment's currency) and Stripe's
 * reason, with what was typed kept and what was wrong with it. Money leaves it as minor units.
 */
public record RefundForm(String amount, String reason, long amountMinor, Map<String, String> errors) {
  public record Option(String value, String label) {}

  public static final List<Option> REASONS = List.of(new Option("", "No reason given"), new Option("requested_by_customer", "Requested by customer"),
      new Option("duplicate", "Duplicate"), new Option("fraudulent", "Fraudulent"));

  static RefundForm empty() {
    return new RefundForm(null, "", 0, Map.of());
  }

  static RefundForm from(Context ctx) {
    return new RefundForm(Optional.ofNullable(ctx.formParam("amount")).orElse("").strip(),
        Optional.ofNullable(ctx.formParam("reason")).orElse(""), 0, Map.of());
  }

  RefundForm withAmount(String typed) {
    return new RefundForm(typed, reason, amountMinor, errors);
  }

  RefundForm withError(String field, String message) {
    Map<String, String> e = new LinkedHashMap<>(errors);
    e.put(field, message);
    return new RefundForm(amount, reason, amountMinor, e);
  }

  /** This form with the amount in minor units of {@code currency}, or with what is wrong. */
  RefundForm check(String currency) {
    Map<String, String> e = new LinkedHashMap<>();
    long minor = 0;
    int decimals = Currencies.decimals(currency);
    String example = decimals == 0 ? "1250" : "12." + "5".repeat(decimals);
    try {
      // at most 12 characters: no number too large to be an amount
      BigDecimal typed = amount.length() > 12 ? null : new BigDecimal(amount.replace(",", "."));
      if (typed == null || typed.scale() > decimals || typed.signum() <= 0) {
        e.put("amount", "Enter an amount above zero, like " + example + ", with at most " + decimals + " decimals.");
      } else {
        minor = typed.movePointRight(decimals).longValueExact();
      }
    } catch (NumberFormatException | ArithmeticException ex) {
      e.put("amount", "Enter an amount above zero, like " + example + ".");
    }
    if (REASONS.stream().noneMatch(o -> o.value().equals(reason))) {
      e.put("reason", "Choose a reason from the list.");
    }
    return new RefundForm(amount, reason, minor, e);
  }

  public boolean hasError(String field) {
    return errors.containsKey(field);
  }

  public String error(String field) {
    return errors.get(field);
  }
}

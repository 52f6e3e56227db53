package com.comptoir.processor.checkout;

import java.util.List;
import java.util.Map;

/** What the hosted checkout page shows. */
public record CheckoutView(
    String merchant, String brandColor, String iconUrl, String heading, String cancelUrl, List<Item> items, String total,
    String message, String error, String action, String formToken, boolean emailLocked, List<Method> methods, boolean moreOpen,
    List<Country> countries, Map<String, String> values, Map<String, String> errors, String accentColor) {

  /** The colours' stylesheet (the pages' CSP refuses inline styles). */
  public String brandStylesheet() {
    return com.comptoir.processor.accounts.BrandStyle.href(brandColor, accentColor);
  }

  public record Item(String name, long quantity, String amount) {}

  /** A payment method; {@code more} ones sit behind "More payment methods". */
  public record Method(String type, String label, boolean more, boolean firstMore, boolean lastMore) {}

  public record Country(String code, String name) {}

  public String value(String name) {
    return values.getOrDefault(name, "");
  }

  public boolean hasError(String name) {
    return errors.containsKey(name);
  }

  public String errorFor(String name) {
    return errors.get(name);
  }

  public String describedBy(String name, boolean hint) {
    String ids = ((hint ? name + "-hint " : "") + (hasError(name) ? name + "-error" : "")).strip();
    return ids.isEmpty() ? null : ids;
  }
}

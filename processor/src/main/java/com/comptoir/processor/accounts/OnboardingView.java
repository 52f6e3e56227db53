package com.comptoir.processor.accounts;

import java.util.List;
import java.util.Map;

/**
 * What a hosted onboarding page shows: the platform's branding, the step's fields with what the
 * holder typed and what was wrong with it, and where the holder is in the flow.
 */
public record OnboardingView(
    String platformName,
    String brandColor,
    String iconUrl,
    String title,
    String intro,
    String action,
    String csrf,
    List<Field> fields,
    Map<String, String> values,
    Map<String, String> errors,
    List<String> formErrors,
    List<Progress> progress,
    List<SummaryRow> summary,
    List<String> stillDue,
    String submitLabel,
    String accentColor) {

  /** The colours' stylesheet (the pages' CSP refuses inline styles). */
  public String brandStylesheet() {
    return BrandStyle.href(brandColor, accentColor);
  }

  /** One input, with a real label; {@code options} are value/label pairs for selects and radios. */
  public record Field(String name, String label, String type, String autocomplete, String hint, boolean required,
      List<Option> options) {

    public boolean isSelect() {
      return "select".equals(type);
    }

    public boolean isRadio() {
      return "radio".equals(type);
    }

    public boolean isCheckbox() {
      return "checkbox".equals(type);
    }
  }

  public record Option(String value, String label) {}

  public record Progress(String title, boolean current, boolean done) {}

  /** A line of the review: what the holder gave (or what was prefilled), with a link to change it. */
  public record SummaryRow(String label, String value, String editUrl) {}

  public String value(String name) {
    return values.getOrDefault(name, "");
  }

  public String error(String name) {
    return errors.get(name);
  }

  public boolean hasError(String name) {
    return errors.containsKey(name);
  }

  /** The ids of the hint and the error that describe a field, or null. */
  public String describedBy(Field f) {
    String ids = ((f.hint() != null ? f.name() + "-hint " : "") + (hasError(f.name()) ? f.name() + "-error" : "")).strip();
    return ids.isEmpty() ? null : ids;
  }
}

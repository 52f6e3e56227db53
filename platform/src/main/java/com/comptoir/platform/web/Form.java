package com.comptoir.platform.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was typed into a form and what is wrong with it, so a refused form is shown again with
 * the messages next to their fields and every value as it was typed.
 */
public final class Form {
  /** Longest value kept from any field: enough for any of ours, bounded for everything else. */
  private static final int MAX_VALUE_CHARS = 10_000;

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> errors = new LinkedHashMap<>();

  public static Form empty() {
    return new Form();
  }

  /**
   * The named fields of the request's form, trimmed of surrounding spaces (passwords excepted). A
   * NUL character, which no field can hold (PostgreSQL refuses it in text), is removed from the
   * value kept and its field gets an error, so the form is shown again (with 400) rather than
   * saved: every handler already stops at a form with errors.
   */
  public static Form of(Context ctx, List<String> names) {
    Form form = new Form();
    for (String name : names) {
      String raw = ctx.formParam(name);
      if (raw == null) {
        continue;
      }
      if (FormBodies.hasNul(raw)) {
        raw = raw.replace("\0", "");
        form.error(name, "This field had a NUL character, which cannot be saved, so nothing was saved. It has been removed:"
            + " check what is left and send the form again.");
        ctx.attribute(FormBodies.HAD_NUL, true);
      }
      String value = raw.length() > MAX_VALUE_CHARS ? raw.substring(0, MAX_VALUE_CHARS) : raw;
      form.values.put(name, name.contains("password") ? value : value.strip());
    }
    return form;
  }

  public Form with(String name, String value) {
    values.put(name, value);
    return this;
  }

  /** The typed value, or {@code ""}. */
  public String value(String name) {
    return values.getOrDefault(name, "");
  }

  public boolean isBlank(String name) {
    return value(name).isBlank();
  }

  public Form error(String name, String message) {
    errors.putIfAbsent(name, message);
    return this;
  }

  /** The message for {@code name}, or null. */
  public String errorFor(String name) {
    return errors.get(name);
  }

  public boolean hasError(String name) {
    return errors.containsKey(name);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Every message in field order, for the summary at the top of the form. */
  public Map<String, String> errors() {
    return java.util.Collections.unmodifiableMap(errors);
  }

  /** Forgets a typed secret before the form is shown again. */
  public Form without(String name) {
    values.remove(name);
    return this;
  }
}

package com.comptoir.platform.stores;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** A store's URL slug: lower-case letters, digits and single hyphens, 1 to 40 characters. */
public final class Slugs {
  public static final int MAX_LENGTH = 40;
  private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
  /** Paths of our own that a store URL must not look like. */
  private static final java.util.Set<String> RESERVED = java.util.Set.of(
      "admin", "operator", "api", "assets", "login", "logout", "signup", "webhooks", "store", "stores", "www");

  private Slugs() {}

  /** {@code "Ada's Café & Bar"} becomes {@code "adas-cafe-bar"}; a name with no letters or digits becomes {@code "store"}. */
  public static String fromName(String name) {
    String ascii = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String slug = NOT_SLUG.matcher(ascii.toLowerCase(Locale.ROOT).replace("'", "")).replaceAll("-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_LENGTH) {
      slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
    }
    return slug.isEmpty() || RESERVED.contains(slug) ? "store" : slug;
  }

  /** Why {@code slug} cannot be used, or null if it can. */
  public static String problemWith(String slug) {
    if (slug == null || slug.isEmpty()) {
      return "Choose a store address.";
    }
    if (!VALID.matcher(slug).matches()) {
      return "Use 1 to 40 lower-case letters, digits and hyphens, starting and ending with a letter or digit.";
    }
    if (RESERVED.contains(slug)) {
      return "That address is reserved; choose another.";
    }
    return null;
  }

  /** {@code base}, or {@code base-2}, {@code base-3}...: the n-th candidate for a free slug. */
  static String candidate(String base, int n) {
    if (n <= 1) {
      return base;
    }
    String suffix = "-" + n;
    String head = base.length() + suffix.length() > MAX_LENGTH ? base.substring(0, MAX_LENGTH - suffix.length()) : base;
    return head.replaceAll("-+$", "") + suffix;
  }
}

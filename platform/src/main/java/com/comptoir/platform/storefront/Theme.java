package com.comptoir.platform.storefront;

import java.util.Locale;

/**
 * A store's brand colour as a style sheet for its storefront ({@code /s/{slug}/theme.css}: the
 * pages allow no inline styles). Text on the colour, and links in it, keep WCAG AA contrast (4.5:1):
 * a light colour gets black button text, and links fall back to the platform's blue.
 */
final class Theme {
  static final double AA_CONTRAST = 4.5;
  /** Black, not the platform's ink: for colours of middle lightness only pure black or white reaches 4.5:1. */
  private static final String DARK = "#000000";
  private static final String DEFAULT_LINK = "#2a3eb1";

  private Theme() {}

  /** @param brandColor {@code #rrggbb}, as stores keep it (checked by the database) */
  static String css(String brandColor) {
    if (!brandColor.matches("#[0-9a-fA-F]{6}")) {
      throw new IllegalArgumentException("not a #rrggbb colour: " + brandColor);
    }
    String brand = brandColor.toLowerCase(Locale.ROOT);
    double onWhite = contrast(luminance(brand), 1.0);
    String onBrand = onWhite >= AA_CONTRAST ? "#ffffff" : DARK;
    String link = onWhite >= AA_CONTRAST ? brand : DEFAULT_LINK;
    return ":root { --brand: " + brand + "; --brand-ink: " + link + "; --on-brand: " + onBrand + "; }\n";
  }

  /** WCAG 2 relative luminance of {@code #rrggbb}. */
  static double luminance(String hex) {
    double r = channel(Integer.parseInt(hex.substring(1, 3), 16));
    double g = channel(Integer.parseInt(hex.substring(3, 5), 16));
    double b = channel(Integer.parseInt(hex.substring(5, 7), 16));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  private static double channel(int value) {
    double v = value / 255.0;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }

  static double contrast(double luminanceA, double luminanceB) {
    return (Math.max(luminanceA, luminanceB) + 0.05) / (Math.min(luminanceA, luminanceB) + 0.05);
  }
}

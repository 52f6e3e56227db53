package com.comptoir.processor.accounts;

import io.javalin.config.JavalinConfig;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosted pages' colours as a tiny stylesheet of their own, {@code /assets/brand/3d5afe-f6f8fa.css}:
 * the pages' Content-Security-Policy ({@code style-src 'self'}) refuses inline {@code style}
 * attributes, so a colour written into the page would never be applied. Each colour comes with a
 * text colour that stays readable on it (WCAG contrast), whatever the platform or business chose.
 */
public final class BrandStyle {
  private static final Pattern COLORS = Pattern.compile("([0-9a-f]{6})(?:-([0-9a-f]{6}))?");

  private BrandStyle() {}

  /** The stylesheet of a brand colour and, when set, an accent colour (both {@code #rrggbb}). */
  public static String href(String primaryColor, String accentColor) {
    String path = "/assets/brand/" + hex(primaryColor);
    return (accentColor == null || accentColor.isBlank() ? path : path + "-" + hex(accentColor)) + ".css";
  }

  static void install(JavalinConfig config) {
    config.routes.get("/assets/brand/{colors}", ctx -> {
      String name = ctx.pathParam("colors").toLowerCase(Locale.ROOT);
      var m = COLORS.matcher(name.endsWith(".css") ? name.substring(0, name.length() - 4) : name);
      if (!m.matches()) {
        ctx.status(404).contentType("text/css").result("/* no such colours */");
        return;
      }
      StringBuilder css = new StringBuilder(":root { --brand: #").append(m.group(1)).append("; --brand-ink: ").append(inkOn(m.group(1))).append("; }\n");
      if (m.group(2) != null) {
        // Stripe's accent colour is the background of its hosted pages' header
        css.append("header.brand { background: #").append(m.group(2)).append("; color: ").append(inkOn(m.group(2))).append("; }\n")
            .append("header.brand .partner { color: ").append(inkOn(m.group(2))).append("; }\n");
      }
      ctx.contentType("text/css").header("Cache-Control", "public, max-age=86400").result(css.toString());
    });
  }

  private static String hex(String color) {
    if (color == null || !color.matches("#[0-9a-fA-F]{6}")) {
      throw new IllegalArgumentException("a colour is #rrggbb, not " + color);
    }
    return color.substring(1).toLowerCase(Locale.ROOT);
  }

  /** Black or white, whichever contrasts more with {@code rrggbb} (WCAG relative luminance). */
  static String inkOn(String rrggbb) {
    double l = 0.2126 * channel(rrggbb, 0) + 0.7152 * channel(rrggbb, 2) + 0.0722 * channel(rrggbb, 4);
    double withWhite = 1.05 / (l + 0.05);
    double withBlack = (l + 0.05) / 0.05;
    return withWhite >= withBlack ? "#ffffff" : "#1a1f36";
  }

  private static double channel(String rrggbb, int at) {
    double c = Integer.parseInt(rrggbb.substring(at, at + 2), 16) / 255.0;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}

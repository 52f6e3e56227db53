package com.comptoir.platform.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A store's colour on its storefront, with text on it and links in it readable (WCAG AA, 4.5:1). */
class ThemeTest {
  private static final Pattern VAR = Pattern.compile("--([a-z-]+): (#[0-9a-f]{6})");

  private static String var(String css, String name) {
    Matcher m = VAR.matcher(css);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return m.group(2);
      }
    }
    throw new AssertionError("no --" + name + " in " + css);
  }

  private static double contrast(String a, String b) {
    return Theme.contrast(Theme.luminance(a), Theme.luminance(b));
  }

  @Test
  void aDarkColourGetsWhiteTextAndALightOneBlack() {
    assertThat(var(Theme.css("#0a7d5c"), "on-brand")).isEqualTo("#ffffff");
    assertThat(var(Theme.css("#FFEB3B"), "on-brand")).isEqualTo("#000000");
    assertThat(var(Theme.css("#ffeb3b"), "brand-ink")).as("too light for links on white").isEqualTo("#2a3eb1");
  }

  @Property
  void everyColourKeepsItsTextAndLinksReadable(@ForAll @IntRange(min = 0, max = 0xffffff) int rgb) {
    String brand = String.format("#%06x", rgb);
    String css = Theme.css(brand);
    assertThat(contrast(var(css, "on-brand"), brand)).isGreaterThanOrEqualTo(Theme.AA_CONTRAST);
    assertThat(contrast(var(css, "brand-ink"), "#ffffff")).isGreaterThanOrEqualTo(Theme.AA_CONTRAST);
  }

  @Test
  void onlyAColourBecomesCss() {
    assertThatThrownBy(() -> Theme.css("red; } body { display: none")).isInstanceOf(IllegalArgumentException.class);
  }
}

package com.comptoir.platform.stores;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {
  @Test
  void aNameBecomesALowerCaseAsciiSlug() {
    assertThat(Slugs.fromName("Ada's Café & Bar")).isEqualTo("adas-cafe-bar");
    assertThat(Slugs.fromName("  --Hello   World--  ")).isEqualTo("hello-world");
    assertThat(Slugs.fromName("<script>alert(1)</script>")).isEqualTo("script-alert-1-script");
    assertThat(Slugs.fromName("日本")).isEqualTo("store");
    assertThat(Slugs.fromName("Operator")).isEqualTo("store");
    assertThat(Slugs.fromName("a".repeat(60))).hasSize(Slugs.MAX_LENGTH);
  }

  @Test
  void candidatesStayWithinTheLengthLimit() {
    assertThat(Slugs.candidate("shop", 1)).isEqualTo("shop");
    assertThat(Slugs.candidate("shop", 2)).isEqualTo("shop-2");
    assertThat(Slugs.candidate("a".repeat(40), 12)).hasSize(40).endsWith("-12");
    assertThat(Slugs.problemWith(Slugs.candidate("a".repeat(39) + "-", 3))).isNull();
  }

  @Test
  void onlyWellFormedSlugsAreAccepted() {
    assertThat(Slugs.problemWith("ada-shop")).isNull();
    assertThat(Slugs.problemWith("a")).isNull();
    assertThat(Slugs.problemWith("")).isNotNull();
    assertThat(Slugs.problemWith("-ada")).isNotNull();
    assertThat(Slugs.problemWith("Ada")).isNotNull();
    assertThat(Slugs.problemWith("ada shop")).isNotNull();
    assertThat(Slugs.problemWith("a".repeat(41))).isNotNull();
    assertThat(Slugs.problemWith("login")).contains("reserved");
  }
}

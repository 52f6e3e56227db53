package com.comptoir.platform.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExportRangeTest {
  @Test
  void aRangeIsTwoDaysBothIncludedAtMostAYearApart() throws Exception {
    ExportRange range = ExportRange.parse("2026-03-01", "2026-03-31");
    assertThat(range.from()).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(range.end().toLocalDate()).isEqualTo(LocalDate.of(2026, 4, 1));
    assertThat(range.fileSuffix()).isEqualTo("2026-03-01_to_2026-03-31");
    assertThat(ExportRange.parse("2026-01-01", "2026-12-31").to()).isEqualTo(LocalDate.of(2026, 12, 31));
  }

  @Test
  void badRangesAreRefusedInWords() {
    assertThatThrownBy(() -> ExportRange.parse("", "2026-03-01")).hasMessage("Choose the start date.");
    assertThatThrownBy(() -> ExportRange.parse("1 March", "2026-03-01")).hasMessageContaining("year-month-day");
    assertThatThrownBy(() -> ExportRange.parse("2026-03-02", "2026-03-01")).hasMessage("The end date comes before the start date.");
    assertThatThrownBy(() -> ExportRange.parse("2025-01-01", "2026-03-01")).hasMessage("Export at most 366 days at a time.");
  }

  @Test
  void amountsAreDecimalInTheCurrencysOwnExponent() {
    assertThat(CsvAmounts.decimal(1250L, "usd")).isEqualTo("12.50");
    assertThat(CsvAmounts.decimal(-62L, "eur")).isEqualTo("-0.62");
    assertThat(CsvAmounts.decimal(1500L, "jpy")).isEqualTo("1500");
    assertThat(CsvAmounts.decimal(null, "usd")).isEmpty();
  }
}

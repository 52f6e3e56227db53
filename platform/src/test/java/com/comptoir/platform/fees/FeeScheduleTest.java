package com.comptoir.platform.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FeeScheduleTest {
  @Test
  void aCurrencyWithoutAFixedAmountHasOnlyThePercentage() {
    FeeSchedule schedule = new FeeSchedule(250, Map.of("USD", 30L));
    assertThat(schedule.ruleFor("usd")).isEqualTo(new FeeRule(250, 30));
    assertThat(schedule.ruleFor("jpy")).isEqualTo(new FeeRule(250, 0));
  }

  @Test
  void fixedAmountsAreReadAsCurrencyMinorUnitPairs() {
    assertThat(FeeSchedule.parseFixedAmounts("usd:30, EUR:25")).containsExactly(Map.entry("usd", 30L), Map.entry("eur", 25L));
    assertThat(FeeSchedule.parseFixedAmounts("")).isEmpty();
    assertThatThrownBy(() -> FeeSchedule.parseFixedAmounts("usd=30")).hasMessageContaining("usd:30,eur:25");
    assertThatThrownBy(() -> FeeSchedule.parseFixedAmounts("usd:0.30")).hasMessageContaining("usd:0.30");
  }
}

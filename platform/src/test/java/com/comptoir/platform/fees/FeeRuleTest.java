package com.comptoir.platform.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FeeRuleTest {
  private static final long MAX_AMOUNT = 99_999_999L;

  @Test
  void twoAndAHalfPercentPlusThirtyCentsOnTenDollarsIsFiftyFiveCents() {
    assertThat(new FeeRule(250, 30).applicationFeeAmount(1000)).isEqualTo(55);
    assertThat(new FeeRule(250, 30).merchantNet(1000)).isEqualTo(945);
  }

  @Test
  void thePercentagePartRoundsHalfUp() {
    FeeRule rule = new FeeRule(250, 0);
    assertThat(rule.applicationFeeAmount(20)).as("0.5 rounds up").isEqualTo(1);
    assertThat(rule.applicationFeeAmount(19)).as("0.475 rounds down").isEqualTo(0);
    assertThat(rule.applicationFeeAmount(60)).as("1.5 rounds up").isEqualTo(2);
    assertThat(new FeeRule(1, 0).applicationFeeAmount(5000)).as("0.5 of a cent rounds up").isEqualTo(1);
    assertThat(new FeeRule(1, 0).applicationFeeAmount(4999)).isEqualTo(0);
  }

  @Test
  void theFeeNeverExceedsTheCharge() {
    assertThat(new FeeRule(0, 30).applicationFeeAmount(10)).isEqualTo(10);
    assertThat(new FeeRule(10_000, 30).applicationFeeAmount(500)).isEqualTo(500);
    assertThat(new FeeRule(0, 30).applicationFeeAmount(0)).isZero();
  }

  @Test
  void percentagesAreReadAsTyped() {
    assertThat(FeeRule.parsePercent("2.5")).isEqualTo(250);
    assertThat(FeeRule.parsePercent(" 2,75 % ")).isEqualTo(275);
    assertThat(FeeRule.parsePercent("100")).isEqualTo(10_000);
    assertThat(FeeRule.parsePercent("0")).isZero();
    assertThat(new FeeRule(250, 0).percentText()).isEqualTo("2.5");
    assertThat(new FeeRule(300, 0).percentText()).isEqualTo("3");
    for (String bad : new String[] {"", "abc", "2.555", "-1", "100.01", "1e2"}) {
      assertThatThrownBy(() -> FeeRule.parsePercent(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void outOfRangeRulesAreRefused() {
    assertThatThrownBy(() -> new FeeRule(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FeeRule(10_001, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FeeRule(0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FeeRule(0, 0).applicationFeeAmount(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void theFeeIsTheHalfUpPercentagePlusTheFixedPartCappedAtTheAmount(
      @ForAll @LongRange(min = 0, max = MAX_AMOUNT) long amount,
      @ForAll @IntRange(min = 0, max = 10_000) int bps,
      @ForAll @LongRange(min = 0, max = MAX_AMOUNT) long fixed) {
    long expected = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(bps)).divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
        .longValueExact() + fixed;
    long fee = new FeeRule(bps, fixed).applicationFeeAmount(amount);
    assertThat(fee).isEqualTo(Math.min(expected, amount));
    assertThat(fee + new FeeRule(bps, fixed).merchantNet(amount)).isEqualTo(amount);
  }

  @Property
  void aDearerSaleNeverEarnsTheMerchantLess(
      @ForAll @LongRange(min = 0, max = MAX_AMOUNT - 1) long amount,
      @ForAll @IntRange(min = 0, max = 10_000) int bps,
      @ForAll @LongRange(min = 0, max = 10_000) long fixed) {
    FeeRule rule = new FeeRule(bps, fixed);
    assertThat(rule.applicationFeeAmount(amount + 1)).isGreaterThanOrEqualTo(rule.applicationFeeAmount(amount));
    assertThat(rule.merchantNet(amount + 1)).isGreaterThanOrEqualTo(rule.merchantNet(amount));
  }
}

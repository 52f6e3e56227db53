package com.comptoir.platform.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {
  private static final Currencies.Currency USD = Currencies.of("usd");
  private static final Currencies.Currency JPY = Currencies.of("jpy");

  @Test
  void typedPricesBecomeExactMinorUnits() throws Exception {
    assertThat(Money.parse("12.50", USD)).isEqualTo(1250);
    assertThat(Money.parse("12,5", USD)).isEqualTo(1250);
    assertThat(Money.parse(" 7 ", USD)).isEqualTo(700);
    assertThat(Money.parse("0.50", USD)).isEqualTo(50);
    assertThat(Money.parse("1500", JPY)).isEqualTo(1500);
    assertThat(Money.parse("999999.99", USD)).isEqualTo(99_999_999);
  }

  @Test
  void pricesThatStripeWouldRefuseAreRefusedWithAReason() {
    assertThatThrownBy(() -> Money.parse("1.234", USD)).hasMessage("Use at most 2 decimals.");
    assertThatThrownBy(() -> Money.parse("15.5", JPY)).hasMessage("JPY has no decimals: enter a whole number.");
    assertThatThrownBy(() -> Money.parse("0.49", USD)).hasMessage("Stripe charges at least 0.50 USD.");
    assertThatThrownBy(() -> Money.parse("1000000", USD)).hasMessage("The price can be at most 999999.99 USD.");
    assertThatThrownBy(() -> Money.parse("-5", USD)).hasMessageContaining("Enter a price as a number");
    assertThatThrownBy(() -> Money.parse("12 dollars", USD)).hasMessageContaining("Enter a price as a number");
    assertThatThrownBy(() -> Money.parse("", USD)).hasMessage("Enter a price.");
  }

  @Test
  void amountsAreWrittenWithTheirCurrency() {
    assertThat(Money.format(1250, USD)).isEqualTo("12.50 USD");
    assertThat(Money.format(5, USD)).isEqualTo("0.05 USD");
    assertThat(Money.format(1500, JPY)).isEqualTo("1500 JPY");
    assertThat(Money.plain(1250, USD)).isEqualTo("12.50");
    assertThat(Money.format(42, "xyz")).isEqualTo("42 XYZ (minor units)");
  }

  @Test
  void aRefundAmountHasNoMinimumChargeButIsJustAsExact() throws Exception {
    assertThat(Money.parseAmount("0.01", USD)).isEqualTo(1);
    assertThat(Money.parseAmount("0", USD)).isZero();
    assertThat(Money.parseAmount("30", USD)).isEqualTo(3000);
    assertThatThrownBy(() -> Money.parseAmount("0.005", USD)).hasMessage("Use at most 2 decimals.");
    assertThatThrownBy(() -> Money.parseAmount("", USD)).hasMessage("Enter an amount.");
    assertThatThrownBy(() -> Money.parseAmount("-1", USD)).hasMessageContaining("Enter an amount as a number");
  }
}

package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.TestProcessor;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prices from the fee rules in the database (fact sheet §7.6), rounded half up to the minor unit. */
class FeeModelTest {
  private static TestProcessor processor;
  private static Jdbi jdbi;

  @BeforeAll
  static void start() {
    processor = TestProcessor.fresh(); // a rule is changed below: not on the shared database
    jdbi = Jdbi.create(processor.dataSource());
  }

  @AfterAll
  static void stop() {
    processor.close();
  }

  private static long fee(String accountCountry, String method, String cardCountry, long amount, String currency) {
    return jdbi.withHandle(h -> FeeModel.price(h, accountCountry, method, cardCountry, amount, currency).processingFee());
  }

  @Test
  void usCardsCost2Point9PercentPlus30CentsAndInternationalCards1Point5PercentMore() {
    assertThat(fee("US", "card", "US", 10_000, "usd")).isEqualTo(320);
    assertThat(fee("US", "card", "DE", 10_000, "usd")).isEqualTo(470);
    assertThat(fee("US", "card", "US", 10_000, "eur")).as("the guide's charge, in the charge currency").isEqualTo(320);
  }

  @Test
  void europeanAccountsPayByWhereTheCardComesFrom() {
    assertThat(fee("FR", "card", "DE", 10_000, "eur")).as("standard EEA card").isEqualTo(175);
    assertThat(fee("FR", "card", "GB", 10_000, "eur")).as("UK card").isEqualTo(275);
    assertThat(fee("FR", "card", "US", 10_000, "eur")).as("international card").isEqualTo(350);
    assertThat(fee("GB", "card", "GB", 10_000, "gbp")).isEqualTo(170);
    assertThat(fee("GB", "card", "FR", 10_000, "gbp")).isEqualTo(270);
  }

  @Test
  void bankMethodsHaveTheirOwnPrices() {
    assertThat(fee("DE", "sepa_debit", null, 10_000, "eur")).isEqualTo(35);
    assertThat(fee("NL", "ideal", null, 10_000, "eur")).isEqualTo(29);
    assertThat(fee("BE", "bancontact", null, 10_000, "eur")).isEqualTo(165);
    assertThat(fee("GB", "ideal", null, 10_000, "eur")).as("UK businesses pay 1.5% more on EU bank methods").isEqualTo(179);
    assertThat(fee("US", "us_bank_account", null, 100_000, "usd")).as("0.8% capped at $5").isEqualTo(500);
  }

  @Test
  void thePercentageIsRoundedHalfUpToTheMinorUnit() {
    assertThat(fee("US", "card", "US", 1_950, "usd")).as("56.55 → 57, + 30").isEqualTo(87);
    assertThat(fee("US", "card", "US", 150, "usd")).as("4.35 → 4, + 30").isEqualTo(34);
  }

  @Test
  void fixedFeesAreStatedInTheChargeCurrency() {
    assertThat(fee("US", "card", "US", 10_000, "jpy")).as("290 + 30¢ as 45 yen").isEqualTo(335);
  }

  @Test
  void disputeFeesFollowTheRegion() {
    FeeModel.Price us = jdbi.withHandle(h -> FeeModel.price(h, "US", "card", "US", 1_000, "usd"));
    FeeModel.Price de = jdbi.withHandle(h -> FeeModel.price(h, "DE", "card", "DE", 1_000, "eur"));
    assertThat(us.disputeFee()).isEqualTo(1_500);
    assertThat(de.disputeFee()).isEqualTo(2_000);
  }

  @Test
  void pricesAreDataAChangedRuleAppliesToTheNextPayment() {
    jdbi.useHandle(h -> h.execute(
        "UPDATE ledger_fee_rules SET percent_bps = 250, fixed_minor = 10 WHERE region = 'EEA' AND method = 'card' AND origin = 'domestic'"));
    try {
      assertThat(fee("NL", "card", "NL", 10_000, "eur")).isEqualTo(260);
    } finally {
      jdbi.useHandle(h -> h.execute(
          "UPDATE ledger_fee_rules SET percent_bps = 150, fixed_minor = 25 WHERE region = 'EEA' AND method = 'card' AND origin = 'domestic'"));
    }
  }

  @Test
  void anAccountOutsideEveryRegionGetsTheCatchAllCardPrice() {
    try (Handle h = jdbi.open()) {
      assertThat(FeeModel.price(h, "SG", "card", "SG", 10_000, "sgd").processingFee()).isEqualTo(320);
    }
  }
}

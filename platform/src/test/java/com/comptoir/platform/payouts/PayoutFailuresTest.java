package com.comptoir.platform.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayoutFailuresTest {
  @Test
  void aFailureCodeIsExplainedInWordsAndAnUnknownOneFallsBackToStripesMessage() {
    assertThat(PayoutFailures.explain("account_closed", "The bank account has been closed."))
        .isEqualTo("Your bank account has been closed. Add another one in your payout settings.");
    assertThat(PayoutFailures.explain("insufficient_funds", null)).startsWith("Your Stripe balance did not cover the payout");
    assertThat(PayoutFailures.explain("something_new", "Stripe's own words.")).isEqualTo("Stripe's own words.");
    assertThat(PayoutFailures.explain("something_new", null)).isEqualTo("Stripe's code: something_new.");
  }
}

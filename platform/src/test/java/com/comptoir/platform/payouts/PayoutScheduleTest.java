package com.comptoir.platform.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PayoutScheduleTest {

  @Test
  void eachIntervalReadsAsASentence() {
    assertThat(new PayoutSchedule("daily", 2L, null, null).summary()).isEqualTo("Daily");
    assertThat(new PayoutSchedule("weekly", 2L, "friday", null).summary()).isEqualTo("Weekly, on Fridays");
    assertThat(new PayoutSchedule("weekly", 2L, "friday", null).payoutSentence())
        .isEqualTo("Stripe pays out your available balance weekly, on Fridays.");
    assertThat(new PayoutSchedule("monthly", 3L, null, 1L).summary()).isEqualTo("Monthly, on the 1st");
    assertThat(new PayoutSchedule("monthly", 3L, null, 22L).payoutSentence())
        .isEqualTo("Stripe pays out your available balance monthly, on the 22nd.");
    assertThat(new PayoutSchedule("monthly", 3L, null, 31L).summary()).isEqualTo("Monthly, on the 31st (the last day of shorter months)");
    assertThat(new PayoutSchedule("manual", null, null, null).payoutSentence())
        .isEqualTo("Your payouts are manual: Stripe pays nothing out on a schedule.");
  }

  @Test
  void delaysCountBusinessDaysWhereStripeDoes() {
    assertThat(new PayoutSchedule("daily", 2L, null, null).availabilitySentence("US"))
        .isEqualTo("Funds from a card payment become available 2 business days after the payment.");
    assertThat(new PayoutSchedule("daily", 3L, null, null).availabilitySentence("DE"))
        .isEqualTo("Funds from a card payment become available 3 days after the payment.");
    assertThat(new PayoutSchedule("daily", 1L, null, null).availabilitySentence("FR")).contains("1 day after");
    assertThat(new PayoutSchedule("daily", null, null, null).availabilitySentence("US")).isNull();
  }

  @Test
  void ordinalsOfTheMonth() {
    assertThat(PayoutSchedule.ordinal(2)).isEqualTo("2nd");
    assertThat(PayoutSchedule.ordinal(3)).isEqualTo("3rd");
    assertThat(PayoutSchedule.ordinal(11)).isEqualTo("11th");
    assertThat(PayoutSchedule.ordinal(12)).isEqualTo("12th");
    assertThat(PayoutSchedule.ordinal(13)).isEqualTo("13th");
    assertThat(PayoutSchedule.ordinal(21)).isEqualTo("21st");
    assertThat(PayoutSchedule.ordinal(23)).isEqualTo("23rd");
    assertThat(PayoutSchedule.ordinal(30)).isEqualTo("30th");
  }
}

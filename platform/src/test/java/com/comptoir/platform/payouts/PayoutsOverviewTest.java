package com.comptoir.platform.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.payouts.PayoutsOverview.BalanceRow;
import com.comptoir.platform.payouts.PayoutsOverview.PayoutRow;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayoutsOverviewTest {
  private static final PayoutSchedule DAILY = new PayoutSchedule("daily", 2L, null, null);

  private static PayoutsOverview overview(boolean payoutsEnabled, PayoutSchedule schedule, List<BalanceRow> balance) {
    return new PayoutsOverview("custom", payoutsEnabled, schedule, null, balance, null, List.of(), false, null);
  }

  @Test
  void aPayoutSaysWhereItIsAndWhyItFailed() {
    LocalDate day = LocalDate.of(2026, 3, 12);
    assertThat(new PayoutRow("po_1", day, 4670, "usd", "in_transit", null, "standard", true).arrivalText()).isEqualTo("12 March 2026 (expected)");
    PayoutRow paid = new PayoutRow("po_1", day, 4670, "usd", "paid", null, "standard", true);
    assertThat(paid.arrivalText()).isEqualTo("12 March 2026");
    assertThat(paid.amountText()).isEqualTo("46.70 USD");
    assertThat(paid.statusText()).isEqualTo("Paid");
    assertThat(new PayoutRow("po_1", day, 4670, "usd", "failed", "The bank account has been closed.", "standard", true).statusText())
        .isEqualTo("Failed: The bank account has been closed.");
    assertThat(new PayoutRow("po_1", day, 500, "eur", "pending", null, "instant", true).methodText()).isEqualTo("Instant");
    assertThat(new PayoutRow("po_1", day, -150, "usd", "paid", null, "standard", true).amountText()).as("a debit of the bank").isEqualTo("-1.50 USD");
  }

  @Test
  void beforeTheFirstPayoutThePageSaysWhenItComesFromTheScheduleAndBalance() {
    assertThat(overview(true, DAILY, List.of(new BalanceRow("usd", 0, 0))).firstPayoutText("US"))
        .isEqualTo("Your first payout comes once customers have paid you. Stripe pays out your available balance daily."
            + " Funds from a card payment become available 2 business days after the payment."
            + " Stripe can take longer over a business's first payout.");
    assertThat(overview(true, DAILY, List.of(new BalanceRow("eur", 0, 4670))).firstPayoutText("DE"))
        .startsWith("Your funds are pending until Stripe makes them available.").contains("2 days after the payment");
    assertThat(overview(true, new PayoutSchedule("weekly", 2L, "friday", null), List.of(new BalanceRow("usd", 4670, 0))).firstPayoutText("US"))
        .startsWith("You have funds available: they go out on the next payout day. Stripe pays out your available balance weekly, on Fridays.");
    assertThat(overview(true, new PayoutSchedule("manual", null, null, null), List.of(new BalanceRow("usd", 4670, 0))).firstPayoutText("US"))
        .isEqualTo("Your payouts are manual: Stripe pays nothing out on a schedule.");
    assertThat(overview(false, DAILY, List.of()).firstPayoutText("US")).startsWith("Stripe is not paying out to your account yet");
  }
}

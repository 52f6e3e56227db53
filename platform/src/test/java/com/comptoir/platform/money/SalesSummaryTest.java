package com.comptoir.platform.money;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.BalanceTransaction;
import com.stripe.net.ApiResource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's days and chart from balance transactions in Stripe's own JSON shape. */
class SalesSummaryTest {
  private static final LocalDate FIRST = LocalDate.of(2026, 3, 1);

  /** A charge's balance transaction as Stripe sends it, booked on {@code day} at noon UTC. */
  private static BalanceTransaction charge(String currency, LocalDate day, long amount, long stripeFee, long applicationFee) {
    long created = day.atTime(12, 0).toEpochSecond(ZoneOffset.UTC);
    String json = """
        {"id": "txn_%d", "object": "balance_transaction", "amount": %d, "currency": "%s", "created": %d, "available_on": %d,
         "fee": %d, "net": %d, "status": "pending", "type": "charge", "source": "ch_%d", "reporting_category": "charge",
         "fee_details": [{"amount": %d, "currency": "%s", "type": "stripe_fee", "application": null, "description": "Stripe processing fees"},
                         {"amount": %d, "currency": "%s", "type": "application_fee", "application": "ca_1", "description": "Application fee"}]}"""
        .formatted(created, amount, currency, created, created + 172800, stripeFee + applicationFee, amount - stripeFee - applicationFee,
            created, stripeFee, currency, applicationFee, currency);
    return ApiResource.GSON.fromJson(json, BalanceTransaction.class);
  }

  @Test
  void aBalanceTransactionsFeeDetailsSplitStripesFeeFromComptoirs() {
    Breakdown b = Breakdown.of(charge("eur", FIRST, 10000, 350, 275));
    assertThat(b.gross()).isEqualTo(10000);
    assertThat(b.stripeFee()).isEqualTo(350);
    assertThat(b.applicationFee()).isEqualTo(275);
    assertThat(b.net()).isEqualTo(9375);
    assertThat(b.netText()).isEqualTo("93.75 EUR");
    assertThat(b.estimated()).isFalse();
    Breakdown estimate = Breakdown.estimated("eur", 10000, 275);
    assertThat(estimate.estimated()).isTrue();
    assertThat(estimate.stripeFeeText()).isEqualTo("not known yet");
    assertThat(estimate.netText()).isEqualTo("at most 97.25 EUR (estimated)");
  }

  @Test
  void salesAreSummedPerUtcDayInTheStoresCurrencyOnly() {
    List<BalanceHistory.Sale> sales = BalanceHistory.sales(List.of(
        charge("usd", FIRST, 5000, 175, 155),
        charge("usd", FIRST, 2500, 103, 93),
        charge("usd", FIRST.plusDays(29), 1000, 59, 55),
        charge("eur", FIRST.plusDays(3), 9999, 1, 1), // another currency: not in a USD chart
        charge("usd", FIRST.plusDays(30), 777, 1, 1))); // after the window
    List<SalesSummary.Day> days = SalesSummary.days(FIRST, sales, "usd");
    assertThat(days).hasSize(30);
    assertThat(days.get(0)).isEqualTo(new SalesSummary.Day(FIRST, 2, 7500, 526, 6974));
    assertThat(days.get(29)).isEqualTo(new SalesSummary.Day(FIRST.plusDays(29), 1, 1000, 114, 886));
    assertThat(days.get(3).orders()).isZero();
    SalesSummary summary = new SalesSummary("usd", days, null, false);
    assertThat(summary.orders()).isEqualTo(3);
    assertThat(summary.averageOrderValue()).as("8500 / 3, half up").isEqualTo(2833);
  }

  @Test
  void aZeroDecimalCurrencyIsFormattedWithoutDecimals() {
    Breakdown yen = Breakdown.of(charge("jpy", FIRST, 1500, 54, 38));
    assertThat(yen.grossText()).isEqualTo("1500 JPY");
    assertThat(yen.netText()).isEqualTo("1408 JPY");
  }

  @Test
  void theTallestBarIsTheLargestDaysGrossWithFeesStackedOnTheNet() {
    List<SalesSummary.Day> days = SalesSummary.days(FIRST, BalanceHistory.sales(List.of(
        charge("usd", FIRST, 10000, 500, 500), charge("usd", FIRST.plusDays(1), 5000, 250, 250))), "usd");
    SalesChart chart = SalesChart.of(days);
    assertThat(chart.bars()).hasSize(30);
    SalesChart.Bar top = chart.bars().get(0);
    assertThat(top.netHeight() + top.feesHeight()).isEqualTo(SalesChart.PLOT_HEIGHT);
    assertThat(top.netY() + top.netHeight()).isEqualTo(chart.baseline());
    assertThat(top.feesY() + top.feesHeight()).isEqualTo(top.netY());
    SalesChart.Bar half = chart.bars().get(1);
    assertThat(half.netHeight() + half.feesHeight()).isEqualTo(SalesChart.PLOT_HEIGHT / 2);
    assertThat(chart.bars().get(2).netHeight()).isZero();
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.ledger.DashboardFigures.DaySum;
import com.comptoir.processor.store.Currencies;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Home page's chart of application fees: one bar per day of the last {@link #DAYS} days, per
 * currency, drawn as inline SVG by the server (no script, no external asset), with the same
 * figures as a table for those who do not see the chart.
 */
public record FeeChart(String currency, String total, List<Bar> bars) {
  static final int DAYS = 30;
  /** The drawing's size in SVG user units; it scales to the page's width. */
  public static final int WIDTH = 600;
  public static final int HEIGHT = 160;
  private static final int SLOT = WIDTH / DAYS;

  /** One day: its date, the amount as read, and its bar's place ({@code height} 0 on a day with no fee). */
  public record Bar(String date, String amount, boolean any, int x, int y, int width, int height) {}

  /** One chart per currency that had a fee in the period, the days running up to {@code todayEpochDay}. */
  static List<FeeChart> of(List<DaySum> sums, long todayEpochDay) {
    Map<String, Map<Long, Long>> byCurrency = new TreeMap<>();
    for (DaySum s : sums) {
      byCurrency.computeIfAbsent(s.currency(), c -> new TreeMap<>()).merge(s.epochDay(), s.amountMinor(), Math::addExact);
    }
    List<FeeChart> charts = new ArrayList<>();
    byCurrency.forEach((currency, days) -> {
      long max = days.values().stream().mapToLong(Long::longValue).max().orElse(0);
      long total = days.values().stream().mapToLong(Long::longValue).sum();
      List<Bar> bars = new ArrayList<>();
      for (int i = 0; i < DAYS; i++) {
        long day = todayEpochDay - (DAYS - 1) + i;
        long amount = days.getOrDefault(day, 0L);
        // heights are rounded down to whole units, but a day with any fee shows at least a sliver
        int height = max <= 0 ? 0 : (int) Math.max(amount > 0 ? 2 : 0, amount * HEIGHT / max);
        bars.add(new Bar(LocalDate.ofEpochDay(day).toString(), Currencies.format(amount, currency), amount > 0,
            i * SLOT + 2, HEIGHT - height, SLOT - 4, height));
      }
      charts.add(new FeeChart(currency, Currencies.format(total, currency), bars));
    });
    return charts;
  }
}

package com.comptoir.platform.money;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the dashboard's sales chart, drawn as SVG by the template: one bar per day, the
 * net at the bottom and the fees on top, so a bar's height is the day's gross. Computed here so
 * the template only places shapes; every number it prints is escaped by the template.
 *
 * @param maxGross the y axis' top, in minor units: the largest day's gross, at least 1
 */
public record SalesChart(List<Bar> bars, long maxGross) {
  public static final int WIDTH = 640;
  public static final int HEIGHT = 200;
  /** Room on the left for the axis labels and at the bottom for the dates. */
  public static final int LEFT = 70;
  public static final int BOTTOM = 24;
  public static final int PLOT_HEIGHT = HEIGHT - BOTTOM - 8;

  /**
   * One day's bar; y grows downwards, as in SVG.
   *
   * @param label whether this day's date is written under the axis (every seventh, and the last)
   */
  public record Bar(SalesSummary.Day day, int x, int width, int netY, int netHeight, int feesY, int feesHeight, boolean label) {}

  static SalesChart of(List<SalesSummary.Day> days) {
    long max = Math.max(1, days.stream().mapToLong(SalesSummary.Day::gross).max().orElse(1));
    int slot = (WIDTH - LEFT) / days.size();
    int baseline = 8 + PLOT_HEIGHT;
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      SalesSummary.Day d = days.get(i);
      int netHeight = scale(Math.max(0, d.net()), max);
      int grossHeight = scale(Math.max(0, d.gross()), max);
      int feesHeight = Math.max(0, grossHeight - netHeight);
      bars.add(new Bar(d, LEFT + i * slot + 1, slot - 2, baseline - netHeight, netHeight, baseline - netHeight - feesHeight, feesHeight,
          i % 7 == 0 || i == days.size() - 1));
    }
    return new SalesChart(bars, max);
  }

  /** Pixels for {@code amount} on an axis topped by {@code max}, rounded half up. */
  private static int scale(long amount, long max) {
    return (int) ((amount * PLOT_HEIGHT * 2 + max) / (max * 2));
  }

  public int baseline() {
    return 8 + PLOT_HEIGHT;
  }
}

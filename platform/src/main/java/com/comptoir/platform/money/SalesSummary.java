package com.comptoir.platform.money;

import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.BalanceTransaction;
import com.stripe.model.Payout;
import com.stripe.param.PayoutListParams;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's last 30 days of sales, in the store's currency, from the account's balance
 * transactions: per day (UTC) the gross, the fees (Stripe's and Comptoir's) and the net of the
 * payments Stripe booked that day; the number of orders, the average order value, and the next
 * payout. Refunds are not subtracted here: the chart is about sales, and the Orders page shows
 * each refund.
 *
 * <p>The window ends today, or on the day of the newest balance transaction when that is later:
 * on Stripe the two are the same day; the processor's test clock can run ahead of this machine's,
 * and the dashboard then follows Stripe's days, as the rest of the figures do.
 *
 * @param days oldest first, exactly {@link #DAYS}, zero where nothing was sold
 * @param nextPayout the earliest pending or in-transit payout, or null
 * @param truncated true when the window held more transactions than one read takes
 */
public record SalesSummary(String currency, List<Day> days, NextPayout nextPayout, boolean truncated) {
  public static final int DAYS = 30;
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  /** One day's sales, in minor units. */
  public record Day(LocalDate date, int orders, long gross, long fees, long net) {
    public String shortText() {
      return date.format(SHORT);
    }

    public String longText() {
      return date.format(LONG);
    }
  }

  public record NextPayout(String id, long amount, String currency, LocalDate arrivalDate, String status) {
    public String text() {
      return Money.format(amount, currency) + ", " + ("in_transit".equals(status) ? "on its way, " : "") + "expected "
          + arrivalDate.format(LONG);
    }
  }

  /** Reads the window from Stripe with {@code Stripe-Account}. */
  public static SalesSummary read(StripeApi stripe, String accountId, String currency, LocalDate today) throws StripeException {
    BalanceHistory history = new BalanceHistory(stripe);
    BalanceTransaction newest = history.newest(accountId);
    LocalDate last = today;
    if (newest != null) {
      LocalDate newestDay = LocalDate.ofInstant(Instant.ofEpochSecond(newest.getCreated()), ZoneOffset.UTC);
      last = newestDay.isAfter(today) ? newestDay : today;
    }
    LocalDate first = last.minusDays(DAYS - 1);
    BalanceHistory.Page page = history.between(accountId, first.atStartOfDay(ZoneOffset.UTC).toInstant(),
        last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    List<Day> days = days(first, BalanceHistory.sales(page.transactions()), currency);
    return new SalesSummary(currency, days, nextPayout(stripe, accountId), page.truncated());
  }

  /** The {@link #DAYS} days from {@code first}, each with the sales in {@code currency} booked that day. */
  static List<Day> days(LocalDate first, List<BalanceHistory.Sale> sales, String currency) {
    int[] orders = new int[DAYS];
    long[] gross = new long[DAYS];
    long[] fees = new long[DAYS];
    long[] net = new long[DAYS];
    for (BalanceHistory.Sale sale : sales) {
      Breakdown b = sale.breakdown();
      int i = (int) (LocalDate.ofInstant(Instant.ofEpochSecond(sale.created()), ZoneOffset.UTC).toEpochDay() - first.toEpochDay());
      if (i < 0 || i >= DAYS || !currency.equals(b.currency())) {
        continue;
      }
      orders[i]++;
      gross[i] = Math.addExact(gross[i], b.gross());
      fees[i] = Math.addExact(fees[i], b.fees());
      net[i] = Math.addExact(net[i], b.net());
    }
    List<Day> days = new ArrayList<>(DAYS);
    for (int i = 0; i < DAYS; i++) {
      days.add(new Day(first.plusDays(i), orders[i], gross[i], fees[i], net[i]));
    }
    return days;
  }

  private static NextPayout nextPayout(StripeApi stripe, String accountId) throws StripeException {
    List<Payout> recent = stripe.client().v1().payouts().list(PayoutListParams.builder().setLimit(10L).build(),
        stripe.onAccount(accountId)).getData();
    return recent.stream().filter(p -> "pending".equals(p.getStatus()) || "in_transit".equals(p.getStatus()))
        .min(Comparator.comparing(Payout::getArrivalDate))
        .map(p -> new NextPayout(p.getId(), p.getAmount(), p.getCurrency(),
            LocalDate.ofInstant(Instant.ofEpochSecond(p.getArrivalDate()), ZoneOffset.UTC), p.getStatus()))
        .orElse(null);
  }

  public int orders() {
    return days.stream().mapToInt(Day::orders).sum();
  }

  public long gross() {
    return days.stream().mapToLong(Day::gross).sum();
  }

  public long fees() {
    return days.stream().mapToLong(Day::fees).sum();
  }

  public long net() {
    return days.stream().mapToLong(Day::net).sum();
  }

  /** Gross per order, rounded half up to a minor unit; 0 with no orders. */
  public long averageOrderValue() {
    int n = orders();
    return n == 0 ? 0 : Math.floorDiv(Math.addExact(gross(), n / 2), n);
  }

  public String format(long minor) {
    return Money.format(minor, currency);
  }

  public SalesChart chart() {
    return SalesChart.of(days);
  }
}

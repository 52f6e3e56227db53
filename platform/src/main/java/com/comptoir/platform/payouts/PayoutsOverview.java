package com.comptoir.platform.payouts;

import com.comptoir.platform.money.Money;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.Balance;
import com.stripe.model.Payout;
import com.stripe.model.StripeCollection;
import com.stripe.net.RequestOptions;
import com.stripe.param.PayoutListParams;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One connected account's money, read from Stripe when its merchant looks (Stripe is the record;
 * nothing is kept): {@code GET /v1/accounts/{id}} for its type and payout schedule, and with
 * {@code Stripe-Account}, {@code GET /v1/balance} and {@code GET /v1/payouts?limit=10}. Each read
 * fails on its own: what Stripe would not give is a problem shown in its place.
 *
 * @param accountType {@code standard}, {@code express} or {@code custom}; from the account, else as
 *     the platform last heard it; null if neither knows
 * @param schedule null when the account could not be read or shows none
 * @param morePayouts true when Stripe has older payouts than those listed
 */
public record PayoutsOverview(
    String accountType,
    boolean payoutsEnabled,
    PayoutSchedule schedule,
    String accountProblem,
    List<BalanceRow> balance,
    String balanceProblem,
    List<PayoutRow> payouts,
    boolean morePayouts,
    String payoutsProblem) {

  /** How many payouts the page lists: the most recent. */
  static final long RECENT_PAYOUTS = 10;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  /** One currency of the balance, in minor units. */
  public record BalanceRow(String currency, long available, long pending) {
    public String availableText() {
      return Money.format(available, currency);
    }

    public String pendingText() {
      return Money.format(pending, currency);
    }
  }

  /**
   * One payout as Stripe describes it (fact sheet §7.8).
   *
   * @param arrivalDate the day (UTC) it reaches the bank, or is expected to
   */
  public record PayoutRow(String id, LocalDate arrivalDate, long amount, String currency, String status, String failureMessage,
      String method, boolean automatic) {
    public String arrivalText() {
      return arrivalDate.format(DATE) + (settled() ? "" : " (expected)");
    }

    public String amountText() {
      return Money.format(amount, currency);
    }

    private boolean settled() {
      return "paid".equals(status) || "failed".equals(status) || "canceled".equals(status);
    }

    public String statusText() {
      return switch (status) {
        case "pending" -> "Pending";
        case "in_transit" -> "In transit";
        case "paid" -> "Paid";
        case "failed" -> failureMessage == null ? "Failed" : "Failed: " + failureMessage;
        case "canceled" -> "Canceled";
        default -> status;
      };
    }

    public String methodText() {
      return switch (method == null ? "standard" : method) {
        case "standard" -> "Standard";
        case "instant" -> "Instant";
        default -> method;
      };
    }
  }

  /** Reads {@code accountId}'s money from Stripe, the three requests at once. */
  static PayoutsOverview read(StripeApi stripe, String accountId, String knownType) {
    RequestOptions onAccount = stripe.onAccount(accountId);
    try (ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<Account> account = reads.submit(() -> stripe.client().v1().accounts().retrieve(accountId));
      Future<Balance> balance = reads.submit(() -> stripe.client().v1().balance().retrieve(onAccount));
      Future<StripeCollection<Payout>> payouts = reads.submit(() -> stripe.client().v1().payouts()
          .list(PayoutListParams.builder().setLimit(RECENT_PAYOUTS).build(), onAccount));

      String type = knownType;
      boolean payoutsEnabled = false;
      PayoutSchedule schedule = null;
      String accountProblem = null;
      try {
        Account a = await(account);
        type = a.getType() != null ? a.getType() : knownType;
        payoutsEnabled = Boolean.TRUE.equals(a.getPayoutsEnabled());
        schedule = PayoutSchedule.of(a);
      } catch (StripeException e) {
        accountProblem = StripeApi.describe(e);
      }
      List<BalanceRow> rows = List.of();
      String balanceProblem = null;
      try {
        rows = rows(await(balance));
      } catch (StripeException e) {
        balanceProblem = StripeApi.describe(e);
      }
      List<PayoutRow> listed = List.of();
      boolean more = false;
      String payoutsProblem = null;
      try {
        StripeCollection<Payout> page = await(payouts);
        listed = page.getData().stream().map(PayoutsOverview::row).toList();
        more = Boolean.TRUE.equals(page.getHasMore());
      } catch (StripeException e) {
        payoutsProblem = StripeApi.describe(e);
      }
      return new PayoutsOverview(type, payoutsEnabled, schedule, accountProblem, rows, balanceProblem, listed, more, payoutsProblem);
    }
  }

  /** The answer of one read: its value, or the StripeException it failed with. */
  private static <T> T await(Future<T> read) throws StripeException {
    try {
      return read.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StripeException stripe) {
        throw stripe;
      }
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading from Stripe", e);
    }
  }

  /** Available and pending side by side, one row per currency; {@code Balance} lists them apart. */
  private static List<BalanceRow> rows(Balance balance) {
    Map<String, long[]> byCurrency = new TreeMap<>();
    if (balance.getAvailable() != null) {
      balance.getAvailable().forEach(a -> byCurrency.computeIfAbsent(a.getCurrency(), c -> new long[2])[0] += a.getAmount());
    }
    if (balance.getPending() != null) {
      balance.getPending().forEach(p -> byCurrency.computeIfAbsent(p.getCurrency(), c -> new long[2])[1] += p.getAmount());
    }
    List<BalanceRow> rows = new ArrayList<>();
    byCurrency.forEach((currency, amounts) -> rows.add(new BalanceRow(currency, amounts[0], amounts[1])));
    return rows;
  }

  static PayoutRow row(Payout p) {
    LocalDate arrival = LocalDate.ofInstant(Instant.ofEpochSecond(p.getArrivalDate()), ZoneOffset.UTC);
    String failure = "failed".equals(p.getStatus()) ? PayoutFailures.explain(p.getFailureCode(), p.getFailureMessage()) : null;
    return new PayoutRow(p.getId(), arrival, p.getAmount(), p.getCurrency(), p.getStatus(), failure, p.getMethod(),
        !Boolean.FALSE.equals(p.getAutomatic()));
  }

  public boolean isStandard() {
    return "standard".equals(accountType);
  }

  public boolean isExpress() {
    return "express".equals(accountType);
  }

  public boolean isCustom() {
    return "custom".equals(accountType);
  }

  private boolean balanceIsEmpty() {
    return balance.stream().allMatch(r -> r.available() == 0 && r.pending() == 0);
  }

  /**
   * What the merchant can expect when no payout is listed yet, from the account's schedule and
   * balance: only what Stripe has told us, in plain words.
   */
  public String firstPayoutText(String country) {
    if (accountProblem != null) {
      return "We could not read your payout schedule from Stripe just now.";
    }
    if (!payoutsEnabled) {
      return "Stripe is not paying out to your account yet: it needs more information first. Your dashboard says what.";
    }
    if (schedule == null) {
      return "Stripe pays out your available balance on the schedule set in your Stripe Dashboard.";
    }
    if (!schedule.automatic()) {
      return schedule.payoutSentence();
    }
    List<String> parts = new ArrayList<>();
    if (balanceProblem == null && balanceIsEmpty()) {
      parts.add("Your first payout comes once customers have paid you.");
    } else if (balance.stream().anyMatch(r -> r.available() > 0)) {
      parts.add("You have funds available: they go out on the next payout day.");
    } else if (balance.stream().anyMatch(r -> r.pending() > 0)) {
      parts.add("Your funds are pending until Stripe makes them available.");
    }
    parts.add(schedule.payoutSentence());
    String availability = schedule.availabilitySentence(country);
    if (availability != null) {
      parts.add(availability);
    }
    parts.add("Stripe can take longer over a business's first payout.");
    return String.join(" ", parts);
  }
}

package com.comptoir.cli.demo;

import com.comptoir.cli.demo.Customers.Method;
import com.comptoir.cli.demo.DemoStores.Store;
import com.comptoir.platform.PlatformSettings.AccountType;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo's world, made through public interfaces only: the platform's pages and forms, Stripe's
 * hosted pages, and the processor's Stripe API (with its test helpers for the clock and for paying
 * a Checkout Session as the hosted page does). Three stores, one per account type, each onboarded,
 * branded and stocked; orders in every state; the clock moved so that some payouts have reached the
 * bank and another is on its way.
 */
public final class DemoWorld {
  /** SEPA Direct Debit settles in days: far enough to settle the first week's debits. */
  private static final Duration FIRST_WEEK = Duration.ofDays(8);
  private static final int MAX_DAYS_TO_A_PAYOUT_IN_TRANSIT = 6;

  /**
   * The platform as configured to create a given account type. The platform creates one type per
   * configuration ({@code COMPTOIR_ACCOUNT_TYPE}); the demo signs each business up through an
   * instance configured with its type, on the same database and public address, as an operator
   * who changed the setting between sign-ups would.
   */
  public interface SignUpDesk {
    /** Where a merchant signs up to get an account of {@code type}; the instance stays until {@link #close}. */
    URI open(AccountType type);

    void close();
  }

  /** The demo merchants' platform password, and the Standard holder's Stripe Dashboard password, printed in the guide. */
  public static final String MERCHANT_PASSWORD = DemoStores.MERCHANT_PASSWORD;
  public static final String DASHBOARD_PASSWORD = DemoStores.DASHBOARD_PASSWORD;

  private final URI platform;
  private final String processorUrl;
  private final StripeHttp stripe;
  private final Consumer<String> progress;
  private final Map<Store, String> accounts = new LinkedHashMap<>();

  private DemoWorld(URI platform, String processorUrl, String secretKey, Consumer<String> progress) {
    this.platform = platform;
    this.processorUrl = processorUrl;
    this.stripe = new StripeHttp(processorUrl, secretKey);
    this.progress = progress;
  }

  /** Builds the world; returns each store's connected account id. */
  public static Map<String, String> build(URI platform, String processorUrl, String secretKey, SignUpDesk desk,
      Consumer<String> progress) {
    DemoWorld world = new DemoWorld(platform, processorUrl, secretKey, progress);
    world.openStores(desk);
    world.sell();
    Map<String, String> bySlug = new LinkedHashMap<>();
    world.accounts.forEach((store, account) -> bySlug.put(store.slug(), account));
    return bySlug;
  }

  private void openStores(SignUpDesk desk) {
    for (Store store : DemoStores.ALL) {
      progress.accept("signing up " + store.name() + " (" + store.type().stripeName() + " account, " + store.country() + ")");
      URI signUp;
      try {
        signUp = desk.open(store.type());
        accounts.put(store, Onboarded.signUpAndOnboard(signUp, processorUrl, stripe, store).accountId());
      } finally {
        desk.close();
      }
    }
    for (Store store : DemoStores.ALL) {
      progress.accept("branding " + store.name() + " and adding its products");
      Person merchant = new Person();
      merchant.get(platform.resolve("/login")).expect(200);
      merchant.post(platform.resolve("/login"), Map.of("email", store.email(), "password", DemoStores.MERCHANT_PASSWORD)).next();
      Catalog.brandAndStock(platform, merchant, store);
    }
    for (Store store : DemoStores.ALL) {
      awaitOpen(store);
    }
  }

  private void awaitOpen(Store store) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Person visitor = new Person();
    while (visitor.get(platform.resolve("/s/" + store.slug())).body().contains("Not open yet")) {
      if (System.nanoTime() > deadline) {
        throw new DemoException(store.name() + "'s storefront did not open within a minute of its onboarding");
      }
      sleep(Duration.ofMillis(200));
    }
  }

  private Customers customers(Store store) {
    return new Customers(platform, store.slug(), accounts.get(store), stripe);
  }

  private void sell() {
    Customers france = customers(DemoStores.FRANCE);
    Customers netherlands = customers(DemoStores.NETHERLANDS);
    Customers us = customers(DemoStores.UNITED_STATES);
    progress.accept("customers buy: by card, iDEAL and SEPA Direct Debit, one disputed, one refunded in part");
    france.buy(Map.of("Beeswax candle", 2), Method.CARD, "Léa Martin", "lea@example.com");
    france.buy(Map.of("Linen tea towel", 2), Method.IDEAL, "Daan Bakker", "daan@example.nl");
    Customers.Order refunded = france.buy(Map.of("Stoneware mug", 1, "Beeswax candle", 1), Method.CARD, "Hugo Bernard", "hugo@example.fr");
    france.buy(Map.of("Stoneware mug", 3), Method.DISPUTED_CARD, "Marc Petit", "marc@example.fr");
    france.buy(Map.of("Beeswax candle", 1, "Linen tea towel", 1), Method.SEPA, "Jeanne Petit", "jeanne@example.fr");
    france.buy(Map.of("Linen tea towel", 1), Method.FAILING_SEPA, "Paul Moreau", "paul@example.fr");
    netherlands.buy(Map.of("Tulip bulbs", 3), Method.IDEAL, "Sem Jansen", "sem@example.nl");
    netherlands.buy(Map.of("Wooden clogs", 1), Method.CARD, "Emma Smit", "emma@example.nl");
    us.buy(Map.of("Single-origin beans", 2), Method.CARD, "Avery Brown", "avery@example.com");
    us.buy(Map.of("Pour-over kit", 1), Method.DISPUTED_CARD, "Riley Chen", "riley@example.com");
    // A refund of 10.00 of the order's 43.00, as the holder makes it in their Stripe Dashboard: the
    // platform hears charge.refunded and shows the order partly refunded.
    stripe.post("/v1/refunds", accounts.get(DemoStores.FRANCE), Map.of("payment_intent", refunded.paymentIntentId(), "amount", "1000",
        "reason", "requested_by_customer"));

    progress.accept("moving the processor's clock " + FIRST_WEEK.toDays() + " days: SEPA debits settle or fail, payouts are paid");
    stripe.advanceClock(FIRST_WEEK);
    france.buy(Map.of("Stoneware mug", 2), Method.CARD, "Chloé Roux", "chloe@example.fr");
    netherlands.buy(Map.of("Tulip bulbs", 1, "Wooden clogs", 1), Method.IDEAL, "Lotte Visser", "lotte@example.nl");
    us.buy(Map.of("Single-origin beans", 1, "Pour-over kit", 1), Method.CARD, "Morgan Diaz", "morgan@example.com");
    for (int day = 1; !aPayoutInTransit(); day++) {
      if (day > MAX_DAYS_TO_A_PAYOUT_IN_TRANSIT) {
        throw new DemoException("no payout was in transit after " + MAX_DAYS_TO_A_PAYOUT_IN_TRANSIT + " more days");
      }
      progress.accept("moving the clock one more day, until a payout is on its way to the bank");
      stripe.advanceClock(Duration.ofDays(1));
    }
    // Last, so that it is still with the bank: a SEPA debit processing.
    france.buy(Map.of("Beeswax candle", 3), Method.SEPA, "Louise Girard", "louise@example.fr");
  }

  private boolean aPayoutInTransit() {
    for (String account : accounts.values()) {
      for (JsonNode payout : stripe.get("/v1/payouts?limit=100", account).path("data")) {
        if ("in_transit".equals(payout.path("status").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted");
    }
  }
}

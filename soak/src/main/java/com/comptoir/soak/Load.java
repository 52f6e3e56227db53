package com.comptoir.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The steady load: merchants sign up on the platform's forms (their Custom accounts completed
 * through the API with Stripe's test values), customers check out on storefronts and pay, merchants
 * refund from their order pages, and payouts are asked for through stripe-java. Every call goes
 * through the balancers; every acknowledgement is recorded in {@link Acks}.
 */
final class Load implements AutoCloseable {
  static final long PRICE_MINOR = 1200;
  private static final int MAX_SHOPS = 6;
  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(240);
  private static final Pattern ORDER_TOKEN = Pattern.compile("name=\"order_token\" value=\"([^\"]+)\"");
  private static final Pattern QUANTITY = Pattern.compile("name=\"quantity-([0-9]+)\"");
  private static final Pattern REFUND_TOKEN = Pattern.compile("name=\"refund_token\" value=\"([^\"]+)\"");
  private static final Pattern SESSION = Pattern.compile("(cs_[A-Za-z0-9_]+)");
  static final ObjectMapper JSON = StripeCalls.JSON;

  private final Acks acks;
  private final StripeCalls calls;
  private final String webBase;
  private final Postgres pg;
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean paused;
  private volatile boolean running = true;
  private volatile boolean clockMoves = true;
  private static final Duration CLOCK_STEP = Duration.ofHours(6);
  private static final Duration CLOCK_STEP_EVERY = Duration.ofSeconds(20);
  /** Processor time the load moved on, in seconds (the checks and faults move it too). */
  final java.util.concurrent.atomic.AtomicLong clockAdvanced = new java.util.concurrent.atomic.AtomicLong();

  Load(Acks acks, StripeClient stripe, String webBase, Postgres pg) {
    this.acks = acks;
    this.calls = new StripeCalls(stripe);
    this.webBase = webBase;
    this.pg = pg;
  }

  void start(int workerCount) {
    for (int i = 0; i < workerCount; i++) {
      workers.add(Thread.ofVirtual().name("load-" + i).start(this::work));
    }
    workers.add(Thread.ofVirtual().name("clock").start(this::moveClock));
  }

  /**
   * Six hours of processor time every {@link #CLOCK_STEP_EVERY}: sales become available, automatic
   * payouts fall due (the scheduler's jobs run under the kills too), and manual payouts find funds.
   */
  private void moveClock() {
    while (running) {
      sleep(CLOCK_STEP_EVERY.toMillis());
      if (paused || !clockMoves) {
        continue;
      }
      try {
        raw("POST", "/v1/test_helpers/clock/advance", null, null, Map.of("seconds", Long.toString(CLOCK_STEP.toSeconds())));
        clockAdvanced.addAndGet(CLOCK_STEP.toSeconds());
      } catch (Exception e) {
        acks.fail("clock advance", e);
      }
    }
  }

  /** Off while a webhook fault runs: that fault lasts ten minutes of processor time, no more. */
  void clockMoves(boolean moves) {
    clockMoves = moves;
  }

  /** Stops new operations and waits for those in flight, so the checks see a quiet system. */
  void pause() throws InterruptedException {
    paused = true;
    long deadline = System.nanoTime() + PAUSE_TIMEOUT.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (inFlight.get() > 0) {
      throw new IllegalStateException(inFlight.get() + " operations still in flight after " + PAUSE_TIMEOUT);
    }
  }

  void resume() {
    paused = false;
  }

  private void work() {
    while (running) {
      if (paused) {
        sleep(100);
        continue;
      }
      inFlight.incrementAndGet();
      try {
        if (paused) {
          continue;
        }
        oneOperation();
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  private void oneOperation() {
    int roll = ThreadLocalRandom.current().nextInt(100);
    int shops = acks.shops.size();
    String op = shops < 2 || (roll < 8 && shops < MAX_SHOPS) ? "sign-up" : roll < 70 ? "checkout" : roll < 85 ? "refund" : "payout";
    if (!"sign-up".equals(op) && shops == 0) {
      sleep(200);
      return;
    }
    acks.attempt(op);
    try {
      switch (op) {
        case "sign-up" -> signUp();
        case "checkout" -> checkoutAndPay();
        case "refund" -> refund();
        default -> payout();
      }
    } catch (Refused e) {
      acks.refuse(op);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } catch (Exception e) {
      acks.fail(op, e);
    }
  }

  /** A refusal the system was right to give; not a failure. */
  private static final class Refused extends Exception {
    Refused() {
      super(null, null, false, false);
    }
  }

  private void signUp() throws Exception {
    Web merchant = new Web(webBase);
    String email = "soak+" + UUID.randomUUID() + "@example.com";
    merchant.get("/signup");
    Web.Page signedUp = merchant.post("/signup",
        Map.of("email", email, "password", "a good long password", "store_name", "Soak shop", "country", "US"));
    expectRedirect(signedUp, "/onboarding/start");
    acks.merchants.add(email);
    String[] store = platformRow("SELECT s.account_id, s.slug FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = ?", email);
    boolean manual = ThreadLocalRandom.current().nextBoolean();
    raw("POST", "/v1/accounts/" + store[0], null, "complete-" + store[0], TestAccounts.completion(manual));
    Web customer = new Web(webBase);
    long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
    while (customer.get("/s/" + store[1]).body().contains("Not open yet")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the store " + store[1] + " did not open within " + OPEN_TIMEOUT);
      }
      Thread.sleep(500);
    }
    merchant.get("/products/new");
    expectRedirect(merchant.post("/products", Map.of("name", "Mug", "price", "12.00")), "/products");
    long product = Long.parseLong(customer.get("/s/" + store[1]).find(QUANTITY));
    acks.shops.add(new Acks.Shop(email, store[0], store[1], merchant, product, manual));
  }

  private void checkoutAndPay() throws Exception {
    Acks.Shop shop = randomShop(false);
    Web customer = new Web(webBase);
    Web.Page storefront = customer.get("/s/" + shop.slug());
    int quantity = ThreadLocalRandom.current().nextInt(1, 4);
    Web.Page sent = customer.post("/s/" + shop.slug() + "/checkout",
        Map.of("order_token", storefront.find(ORDER_TOKEN), "quantity-" + shop.productId(), Integer.toString(quantity)));
    if (sent.status() != 303 || sent.location() == null || !SESSION.matcher(sent.location()).find()) {
      throw new IllegalStateException("checkout answered " + sent.status() + " to " + sent.location());
    }
    var m = SESSION.matcher(sent.location());
    m.find();
    String session = m.group(1);
    acks.sessions.add(new Acks.Session(shop.slug(), session));
    raw("POST", "/v1/test_helpers/checkout/sessions/" + session + "/pay", shop.accountId(), "pay-" + session,
        Map.of("payment_method", "pm_card_visa", "customer_email", "buyer@example.com"));
    acks.paid.add(new Acks.Session(shop.slug(), session));
  }

  private void refund() throws Exception {
    for (Acks.Session paid : acks.paid) {
      if (acks.refundTried.containsKey(paid.sessionId())) {
        continue;
      }
      String[] order = platformRow("SELECT id, amount_total, status FROM orders WHERE checkout_session_id = ?", paid.sessionId());
      if (!"paid".equals(order[2]) || acks.refundTried.putIfAbsent(paid.sessionId(), true) != null) {
        continue;
      }
      Acks.Shop shop = acks.shops.stream().filter(s -> s.slug().equals(paid.shop())).findFirst().orElseThrow();
      long orderId = Long.parseLong(order[0]);
      long amount = Long.parseLong(order[1]);
      Web.Page page = shop.merchant().get("/orders/" + orderId);
      Web.Page sent = shop.merchant().post("/orders/" + orderId + "/refunds", Map.of("amount", amount / 100 + "." + String.format("%02d", amount % 100),
          "reason", "requested_by_customer", "refund_token", page.find(REFUND_TOKEN)));
      expectRedirect(sent, "/orders/" + orderId + "?refund=requested");
      acks.refunds.add(new Acks.Refund(paid.sessionId(), orderId, amount));
      return;
    }
    throw new Refused(); // nothing paid left to refund
  }

  private void payout() throws Exception {
    Acks.Shop shop = randomShop(true);
    if (shop == null) {
      throw new Refused();
    }
    String key = "soak-payout-" + UUID.randomUUID();
    try {
      JsonNode payout = raw("POST", "/v1/payouts", shop.accountId(), key, Map.of("amount", "100", "currency", "usd", "metadata[soak]", key));
      acks.payouts.add(new Acks.Payout(shop.accountId(), key, payout.get("id").asText()));
    } catch (StripeException e) {
      if (e.getStatusCode() != null && e.getStatusCode() == 400 && e.getStripeError() != null
          && "balance_insufficient".equals(e.getStripeError().getCode())) {
        throw new Refused();
      }
      throw e;
    }
  }

  private Acks.Shop randomShop(boolean manualOnly) {
    List<Acks.Shop> shops = acks.shops.stream().filter(s -> !manualOnly || s.manualPayouts()).toList();
    return shops.isEmpty() ? null : shops.get(ThreadLocalRandom.current().nextInt(shops.size()));
  }

  JsonNode raw(String method, String path, String account, String idempotencyKey, Map<String, String> form) throws Exception {
    return calls.send(method, path, account, idempotencyKey, form);
  }

  private String[] platformRow(String sql, String arg) throws Exception {
    try (Connection c = pg.connect("platform"); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no row for " + arg + ": " + sql);
        }
        String[] row = new String[rs.getMetaData().getColumnCount()];
        for (int i = 0; i < row.length; i++) {
          row[i] = rs.getString(i + 1);
        }
        return row;
      }
    }
  }

  private static void expectRedirect(Web.Page page, String location) {
    if (page.status() != 303 || !location.equals(page.location())) {
      throw new IllegalStateException("expected a redirect to " + location + ", got " + page.status() + " " + page.location()
          + ": " + page.body().substring(0, Math.min(200, page.body().length())));
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : workers) {
      t.join(Duration.ofSeconds(90));
    }
  }
}

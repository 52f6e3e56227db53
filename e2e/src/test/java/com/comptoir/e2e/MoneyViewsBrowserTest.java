package com.comptoir.e2e;

import com.comptoir.testing.Await;
import com.comptoir.testing.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.PlatformSettings;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.BalanceTransaction;
import com.stripe.net.RequestOptions;
import com.stripe.param.BalanceTransactionListParams;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The merchant's money views in Chromium, over 30 days of sales seeded on the processor's clock:
 * the dashboard's chart and table equal, day by day, the payments Stripe booked on the store's
 * balance; the orders CSV, fetched by the signed-in browser, has the Orders page's rows and
 * totals; and once the clock passes a payout's arrival, its e-mail is in the operator's outbox.
 * A stack of its own, since its clock moves a month.
 */
class MoneyViewsBrowserTest {
  private static final String PASSWORD = "a good long password";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
  /** The days (from the first sale) on which customers buy, over 30 days. */
  private static final int[] SALE_DAYS = {0, 3, 8, 14, 21, 29};
  private static Stack stack;
  private static Shops.Shop shop;

  @BeforeAll
  static void seedAMonthOfSales() {
    stack = Stack.fresh(settings -> settings.withAccountType(Optional.of(PlatformSettings.AccountType.CUSTOM)));
    shop = Shops.open(stack, "Monthly Mugs", "US");
    long mug = shop.addProduct("Mug", "12.50");
    long pot = shop.addProduct("Teapot", "40.00");
    int day = 0;
    for (int i = 0; i < SALE_DAYS.length; i++) {
      if (SALE_DAYS[i] > day) {
        stack.advanceProcessorClock(Duration.ofDays(SALE_DAYS[i] - day));
        day = SALE_DAYS[i];
      }
      String session = new Shops.Customer(shop).checkout(i % 2 == 0 ? Map.of(mug, i + 1) : Map.of(mug, 1, pot, 1));
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("payment_method", "pm_card_visa");
      fields.put("customer_email", "monthly+" + i + "@example.com");
      stack.payCheckoutSession(shop.accountId(), session, fields);
      Await.until("sale " + i + " is paid", () -> "paid".equals(stack.platformJdbi.withHandle(h -> h.createQuery(
          "SELECT status FROM orders WHERE checkout_session_id = :s").bind("s", session).mapTo(String.class).one())));
    }
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static Browser signedIn() {
    Browser browser = new Browser();
    browser.open(stack.url("/login")).type("Email", shop.email()).type("Password", PASSWORD).press("Log in");
    return browser;
  }

  @TempDir static Path downloads;

  /** The finished download in {@link #downloads}, if there is one (Chromium names it when done). */
  private static Optional<Path> downloaded() {
    try (var listing = Files.list(downloads)) {
      return listing.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String usd(long minor) {
    return BigDecimal.valueOf(minor, 2).toPlainString() + " USD";
  }

  /** Every balance transaction of the store's account, as Stripe lists them. */
  private static List<BalanceTransaction> booked() throws Exception {
    List<BalanceTransaction> all = new ArrayList<>();
    for (BalanceTransaction bt : stack.stripe().v1().balanceTransactions().list(BalanceTransactionListParams.builder().setLimit(100L).build(),
        RequestOptions.builder().setStripeAccount(shop.accountId()).build()).autoPagingIterable()) {
      all.add(bt);
    }
    return all;
  }

  private static String text(WebElement e) {
    return e.getAttribute("textContent").strip().replaceAll("\\s+", " ");
  }

  @Test
  void theDashboardChartsThirtyDaysOfSalesAsStripeBookedThemWithTheNumbersAsATable() throws Exception {
    // What Stripe booked, per day: the expectation, computed apart from the platform.
    Map<LocalDate, long[]> expected = new HashMap<>(); // orders, gross, fees, net
    LocalDate last = null;
    for (BalanceTransaction bt : booked()) {
      if (!"charge".equals(bt.getType())) {
        continue;
      }
      LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(bt.getCreated()), ZoneOffset.UTC);
      long[] sums = expected.computeIfAbsent(d, k -> new long[4]);
      sums[0]++;
      sums[1] += bt.getAmount();
      sums[2] += bt.getFee();
      sums[3] += bt.getNet();
      last = last == null || d.isAfter(last) ? d : last;
    }
    assertThat(expected.values().stream().mapToLong(s -> s[0]).sum()).isEqualTo(SALE_DAYS.length);

    try (Browser browser = signedIn()) {
      browser.open(stack.url("/dashboard"));
      // The chart: an image with a name, one bar per day, drawn by the server (no script needed).
      WebElement svg = browser.driver().findElement(By.cssSelector("#sales svg"));
      assertThat(svg.getAttribute("role")).isEqualTo("img");
      assertThat(text(browser.driver().findElement(By.id("sales-chart-title"))))
          .isEqualTo("Sales per day, " + last.minusDays(29).format(DAY) + " to " + last.format(DAY));
      assertThat(browser.driver().findElements(By.cssSelector("#sales svg g.bar"))).hasSize(30);
      assertThat(browser.driver().findElements(By.cssSelector("#sales svg rect.net"))).hasSize(expected.size());

      List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.sales-table tbody tr"));
      assertThat(rows).hasSize(30);
      long orders = 0;
      long gross = 0;
      long net = 0;
      for (int i = 0; i < 30; i++) {
        LocalDate d = last.minusDays(29 - i);
        long[] s = expected.getOrDefault(d, new long[4]);
        String cells = String.join(" ", rows.get(i).findElements(By.cssSelector("th, td")).stream().map(MoneyViewsBrowserTest::text).toList());
        assertThat(cells).as(d.toString())
            .isEqualTo(d.format(DAY) + " " + s[0] + " " + usd(s[1]) + " " + usd(s[2]) + " " + usd(s[3]));
        String barTitle = text(browser.driver().findElements(By.cssSelector("#sales svg g.bar title")).get(i));
        assertThat(barTitle).isEqualTo(d.format(DAY) + ": " + s[0] + " orders, paid " + usd(s[1]) + ", fees " + usd(s[2]) + ", net " + usd(s[3]));
        orders += s[0];
        gross += s[1];
        net += s[3];
      }
      assertThat(text(browser.driver().findElement(By.cssSelector(".sales-orders")))).isEqualTo(Long.toString(orders));
      assertThat(text(browser.driver().findElement(By.cssSelector(".sales-gross")))).isEqualTo(usd(gross));
      assertThat(text(browser.driver().findElement(By.cssSelector(".sales-net")))).isEqualTo(usd(net));
      assertThat(text(browser.driver().findElement(By.cssSelector(".sales-average")))).isEqualTo(usd((gross + orders / 2) / orders));
    }
  }

  @Test
  void theOrdersCsvHasTheOrdersPagesRowsAndTotals() throws Exception {
    try (Browser browser = signedIn()) {
      browser.open(stack.url("/orders"));
      Map<String, List<String>> page = new LinkedHashMap<>();
      for (WebElement row : browser.driver().findElements(By.cssSelector("main table tbody tr"))) {
        String order = text(row.findElement(By.cssSelector("th")));
        page.put(order, List.of(text(row.findElement(By.cssSelector(".order-gross"))), text(row.findElement(By.cssSelector(".order-fees"))),
            text(row.findElement(By.cssSelector(".order-net")))));
      }
      assertThat(page).hasSize(SALE_DAYS.length);

      // The export, downloaded by the signed-in browser from the Exports page with its default range
      // (the last 30 days of this machine's clock, on which the orders were created today).
      ((org.openqa.selenium.chrome.ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
          Map.of("behavior", "allow", "downloadPath", downloads.toString()));
      browser.open(stack.url("/exports"));
      browser.driver().findElement(By.xpath("//button[normalize-space(.)='Download orders (CSV)']")).click();
      Await.until("the orders CSV is downloaded", () -> downloaded().isPresent());
      String csv = Files.readString(downloaded().orElseThrow(), StandardCharsets.UTF_8);
      assertThat(downloaded().orElseThrow().getFileName().toString()).startsWith("orders_").endsWith(".csv");
      List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
          .getRecords();
      assertThat(records).as(csv).hasSize(page.size());
      BigDecimal pageGross = BigDecimal.ZERO;
      BigDecimal pageNet = BigDecimal.ZERO;
      BigDecimal csvGross = BigDecimal.ZERO;
      BigDecimal csvNet = BigDecimal.ZERO;
      for (CSVRecord r : records) {
        List<String> shown = page.get(r.get("Order"));
        assertThat(shown).as("order " + r.get("Order") + " is on the Orders page").isNotNull();
        assertThat(r.get("Currency")).isEqualTo("USD");
        assertThat(r.get("Estimated")).isEqualTo("no");
        BigDecimal fees = new BigDecimal(r.get("Stripe fee")).add(new BigDecimal(r.get("Comptoir fee")));
        assertThat(List.of(r.get("Gross") + " USD", fees.toPlainString() + " USD", r.get("Net") + " USD")).isEqualTo(shown);
        pageGross = pageGross.add(new BigDecimal(shown.get(0).replace(" USD", "")));
        pageNet = pageNet.add(new BigDecimal(shown.get(2).replace(" USD", "")));
        csvGross = csvGross.add(new BigDecimal(r.get("Gross")));
        csvNet = csvNet.add(new BigDecimal(r.get("Net")));
      }
      assertThat(csvGross).isEqualByComparingTo(pageGross);
      assertThat(csvNet).isEqualByComparingTo(pageNet);
    }
  }

  @Test
  void thePayoutEmailIsInTheOutboxOnceTheClockPassesItsArrival() {
    JsonArray payouts = JsonParser.parseString(stack.stripeGet("/v1/payouts", shop.accountId())).getAsJsonObject().getAsJsonArray("data");
    assertThat(payouts).as("a month of daily payouts").isNotEmpty();
    JsonObject newest = payouts.get(0).getAsJsonObject();
    long arrival = newest.get("arrival_date").getAsLong();
    long now = JsonParser.parseString(stack.stripeGet("/v1/test_helpers/clock", null)).getAsJsonObject().get("now").getAsLong();
    if (arrival + 60 > now) {
      stack.advanceProcessorClock(Duration.ofSeconds(arrival + 60 - now));
    }
    String subject = "Your payout of " + usd(newest.get("amount").getAsLong()) + " has arrived";
    Await.until("payout.paid handled", () -> stack.platformJdbi.withHandle(h -> h.createQuery(
        "SELECT count(*) FROM mail_outbox WHERE recipient = :r AND subject = :s").bind("r", shop.email()).bind("s", subject)
        .mapTo(Integer.class).one()) > 0);
    try (Browser operator = new Browser()) {
      operator.open(stack.url("/operator/login")).type("Email", Stack.OPERATOR_EMAIL).type("Password", Stack.OPERATOR_PASSWORD)
          .press("Log in");
      operator.open(stack.url("/operator/outbox"));
      assertThat(operator.text()).contains(subject).contains(shop.email());
    }
  }
}

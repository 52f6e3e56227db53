package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of payments, refunds, disputes, payouts and clock moves across several
 * accounts and currencies: after every step the ledger auditor finds nothing, and no request
 * fails with anything but a Stripe refusal.
 */
class LedgerPropertiesTest {
  private static TestProcessor processor;
  private static Money money;

  @BeforeContainer
  static void start() {
    processor = TestProcessor.sandbox();
    money = new Money(() -> processor);
  }

  @AfterContainer
  static void stop() {
    processor.close();
  }

  /** One thing that happens to money; indexes pick among what exists, modulo its size. */
  sealed interface Step {}

  record Pay(int account, long amount, String currency, int feePercent, String card) implements Step {}

  record PayDisputed(int account, long amount, String reason) implements Step {}

  record Refund(int charge, int percent, boolean withFee) implements Step {}

  record RefundFee(int charge, int percent) implements Step {}

  record ManualPayout(int account, int percent) implements Step {}

  record CancelPayout(int payout) implements Step {}

  record Evidence(int dispute, String text) implements Step {}

  record CloseDispute(int dispute) implements Step {}

  record Schedule(int account, String interval) implements Step {}

  record Advance(long seconds) implements Step {}

  @Provide
  Arbitrary<List<Step>> scenarios() {
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 7);
    Arbitrary<Step> pay = Combinators.combine(index, Arbitraries.longs().between(50, 200_000),
            Arbitraries.of("usd", "eur", "gbp", "jpy"), Arbitraries.integers().between(0, 30),
            Arbitraries.of("4242", "0077", "7726", "5126", "intl"))
        .as(Pay::new);
    Arbitrary<Step> disputed = Combinators.combine(index, Arbitraries.longs().between(100, 50_000),
        Arbitraries.of("fraudulent", "product_not_received", "inquiry")).as(PayDisputed::new);
    Arbitrary<Step> refund = Combinators.combine(index, Arbitraries.integers().between(1, 100), Arbitraries.of(true, false)).as(Refund::new);
    Arbitrary<Step> refundFee = Combinators.combine(index, Arbitraries.integers().between(1, 100)).as(RefundFee::new);
    Arbitrary<Step> payout = Combinators.combine(index, Arbitraries.integers().between(1, 120)).as(ManualPayout::new);
    Arbitrary<Step> cancel = index.map(CancelPayout::new);
    Arbitrary<Step> evidence = Combinators.combine(index,
        Arbitraries.of("winning_evidence", "losing_evidence", "escalate_inquiry_evidence", "a receipt")).as(Evidence::new);
    Arbitrary<Step> close = index.map(CloseDispute::new);
    Arbitrary<Step> schedule = Combinators.combine(index, Arbitraries.of("daily", "weekly", "monthly", "manual")).as(Schedule::new);
    Arbitrary<Step> advance = Arbitraries.longs().between(60, 5 * Money.DAY_SECONDS).map(Advance::new);
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, pay), net.jqwik.api.Tuple.of(2, disputed), net.jqwik.api.Tuple.of(3, refund),
        net.jqwik.api.Tuple.of(1, refundFee), net.jqwik.api.Tuple.of(2, payout), net.jqwik.api.Tuple.of(1, cancel),
        net.jqwik.api.Tuple.of(2, evidence), net.jqwik.api.Tuple.of(1, close), net.jqwik.api.Tuple.of(1, schedule),
        net.jqwik.api.Tuple.of(4, advance));
    return step.list().ofMinSize(4).ofMaxSize(24);
  }

  /** What a scenario has made so far. */
  private static final class World {
    final List<String> accounts = new ArrayList<>();
    final List<JsonNode> charges = new ArrayList<>();
    final List<String> payouts = new ArrayList<>();
    final List<String> disputes = new ArrayList<>();

    String account(int i) {
      return accounts.get(i % accounts.size());
    }
  }

  @Property(tries = 20, shrinking = net.jqwik.api.ShrinkingMode.OFF) // each try costs seconds; the failing sequence is reported whole
  void theAuditorIsCleanAfterEveryStep(@ForAll("scenarios") List<Step> steps) {
    World world = new World();
    world.accounts.add(money.usAccount());
    world.accounts.add(money.frAccount());
    world.accounts.add(money.usAccount("000111111113")); // its payouts fail: account_closed
    String gb = money.usAccount();
    money.addIban(gb, "eur", "DE89370400440532013000");
    world.accounts.add(gb);
    for (Step step : steps) {
      run(world, step);
      JsonNode report = processor.http().get("/v1/test_helpers/ledger/audit").json();
      assertThat(report.get("findings")).as("after %s:%n%s", step, report.get("findings").toPrettyString()).isEmpty();
    }
  }

  private void run(World w, Step step) {
    switch (step) {
      case Pay p -> {
        long fee = p.amount() * p.feePercent() / 100; // floor: any fee up to the amount is valid
        String country = "intl".equals(p.card()) ? "BR" : "US";
        String last4 = "intl".equals(p.card()) ? "0002" : p.card();
        w.charges.add(money.charge(w.account(p.account()),
            Money.Payment.card(p.amount(), p.currency(), fee == 0 ? null : fee).withCard(country, last4)));
      }
      case PayDisputed d -> {
        String account = w.account(d.account());
        boolean inquiry = "inquiry".equals(d.reason());
        JsonNode charge = money.disputedCharge(account, Money.Payment.card(d.amount(), "usd", null), inquiry ? "general" : d.reason(), inquiry);
        w.charges.add(charge);
        w.disputes.add(account + "/" + money.get(account, "/v1/disputes?charge=" + charge.get("id").asText()).at("/data/0/id").asText());
      }
      case Refund r when !w.charges.isEmpty() -> {
        JsonNode charge = w.charges.get(r.charge() % w.charges.size());
        String account = ownerOf(w, charge);
        long amount = Math.max(1, charge.get("amount").asLong() * r.percent() / 100);
        expectStripeAnswer(money.as(account).post("/v1/refunds", Map.of("charge", charge.get("id").asText(),
            "amount", Long.toString(amount), "refund_application_fee", Boolean.toString(r.withFee()))));
      }
      case RefundFee f when !w.charges.isEmpty() -> {
        JsonNode charge = w.charges.get(f.charge() % w.charges.size());
        if (charge.hasNonNull("application_fee")) {
          long amount = Math.max(1, charge.get("application_fee_amount").asLong() * f.percent() / 100);
          expectStripeAnswer(money.http().post("/v1/application_fees/" + charge.get("application_fee").asText() + "/refunds",
              Map.of("amount", Long.toString(amount))));
        }
      }
      case ManualPayout m -> {
        String account = w.account(m.account());
        for (JsonNode available : money.balance(account).get("available")) {
          long amount = available.get("amount").asLong() * m.percent() / 100;
          if (amount > 0) {
            StripeHttp.Response r = money.as(account).post("/v1/payouts",
                Map.of("amount", Long.toString(amount), "currency", available.get("currency").asText()));
            expectStripeAnswer(r);
            if (r.status() == 200) {
              w.payouts.add(account + "/" + r.json().get("id").asText());
            }
          }
        }
      }
      case CancelPayout c when !w.payouts.isEmpty() -> {
        String[] ref = w.payouts.get(c.payout() % w.payouts.size()).split("/");
        expectStripeAnswer(money.as(ref[0]).post("/v1/payouts/" + ref[1] + "/cancel", Map.of()));
      }
      case Evidence e when !w.disputes.isEmpty() -> {
        String[] ref = w.disputes.get(e.dispute() % w.disputes.size()).split("/");
        expectStripeAnswer(money.as(ref[0]).post("/v1/disputes/" + ref[1], Map.of("evidence[uncategorized_text]", e.text())));
      }
      case CloseDispute c when !w.disputes.isEmpty() -> {
        String[] ref = w.disputes.get(c.dispute() % w.disputes.size()).split("/");
        expectStripeAnswer(money.as(ref[0]).post("/v1/disputes/" + ref[1] + "/close", Map.of()));
      }
      case Schedule s -> money.setSchedule(w.account(s.account()), Map.of("interval", s.interval()));
      case Advance a -> money.advanceSeconds(a.seconds());
      default -> { } // nothing yet to refund, cancel or answer
    }
  }

  private static String ownerOf(World w, JsonNode charge) {
    for (String account : w.accounts) {
      if (money.as(account).get("/v1/charges/" + charge.get("id").asText()).status() == 200) {
        return account;
      }
    }
    throw new AssertionError("no account has " + charge.get("id").asText());
  }

  /** A success, or a refusal in Stripe's words; never a server error. */
  private static void expectStripeAnswer(StripeHttp.Response r) {
    assertThat(r.status()).as(r.body()).isIn(200, 400, 402);
    if (r.status() != 200) {
      assertThat(r.json().at("/error/type").asText()).as(r.body()).isEqualTo("invalid_request_error");
    }
  }
}

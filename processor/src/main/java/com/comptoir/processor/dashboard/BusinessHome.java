package com.comptoir.processor.dashboard;

import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A business's Dashboard home: its balance (available and pending, per currency, as
 * {@code GET /v1/balance} answers), the payout its schedule will make next (the ledger's own reading
 * of the schedule, {@link Ledger#nextPayouts}), and its latest payments.
 */
public final class BusinessHome {
  static final int RECENT_PAYMENTS = 10;

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  BusinessHome(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public record PayoutRow(String amount, String date, String arrival) {}

  void show(Context ctx, Session s, BusinessNav nav) {
    Map<String, Object> params = new HashMap<>();
    jdbi.useTransaction(h -> {
      params.put("balances", BalanceRow.of(Ledger.balance(h, s.accountId())));
      params.put("nextPayouts", Ledger.nextPayouts(h, s.accountId(), clock.nowOfAccount(h, s.accountId())).stream()
          .map(p -> new PayoutRow(BusinessLinks.money(p.amount(), p.currency()), BusinessLinks.day(p.createdAt()),
              BusinessLinks.day(p.arrivalDate()))).toList());
      params.put("schedule", Overview.schedule(HolderPages.account(h, s.accountId()).at("/settings/payouts/schedule")));
      params.put("payments", h.createQuery("""
              SELECT body::text FROM resources WHERE owner = :a AND object = 'charge' ORDER BY seq DESC LIMIT :n""")
          .bind("a", s.accountId()).bind("n", RECENT_PAYMENTS).mapTo(String.class)
          .map(text -> PaymentRows.of(Json.parseObject(text))).list());
    });
    params.put("nav", nav);
    Pages.render(ctx, 200, "dashboard/business/home.jte", params);
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.ledger.DashboardFigures;
import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform Dashboard's Home: the platform's own balance (available and pending, per currency,
 * the Balance {@code GET /v1/balance} answers), its application fees of the last 30 days as a
 * chart, and the gross volume on its connected accounts over the same days: whole UTC days, today
 * included, on the signed-in sandbox's clock (each sandbox's clock is its own).
 */
public final class PlatformHome {
  private final Jdbi jdbi;
  private final ProcessorClock clock;

  PlatformHome(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public record VolumeRow(String currency, String gross, long payments) {}

  void render(Context ctx, Session s, PlatformNav nav) {
    long today = Math.floorDiv(clock.now(s.accountId()), 86_400);
    long since = today - (FeeChart.DAYS - 1);
    Map<String, Object> params = jdbi.inTransaction(h -> {
      Map<String, Object> p = new HashMap<>();
      p.put("balance", BalanceRow.of(Ledger.balance(h, s.accountId())));
      p.put("charts", FeeChart.of(DashboardFigures.applicationFeesByDay(h, s.accountId(), since), today));
      p.put("volume", DashboardFigures.connectedGrossVolume(h, s.accountId(), since).stream()
          .map(v -> new VolumeRow(v.currency().toUpperCase(), Currencies.format(v.amountMinor(), v.currency()), v.count())).toList());
      return p;
    });
    params.put("nav", nav);
    params.put("accountId", s.accountId());
    params.put("width", FeeChart.WIDTH);
    params.put("height", FeeChart.HEIGHT);
    Pages.render(ctx, 200, "dashboard/platform/home.jte", params);
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Payouts of a business's Dashboard: the list (amount, status, arrival date; paged by cursor,
 * filtered by status) and a payout's page with the balance transactions it paid out. The ledger
 * ties them together already: an automatic payout marks every balance transaction it sweeps with
 * its id ({@code ledger_balance_transactions.payout}, what {@code GET /v1/balance_transactions?payout=}
 * reads). A manual payout pays an amount of the balance, not particular transactions, as on Stripe.
 */
public final class PayoutPages {
  static final String PATH = BusinessNav.PREFIX + "/payouts";
  static final int PAGE_SIZE = 25;
  /** The most transactions a payout's page lists; a payout of more says so. */
  static final int MAX_TRANSACTIONS = 500;

  private final Jdbi jdbi;

  private PayoutPages(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static void install(JavalinConfig config, Jdbi jdbi, HolderPages holder) {
    PayoutPages pages = new PayoutPages(jdbi);
    config.routes.get(PATH, ctx -> holder.withHolder(ctx, PATH, (s, nav) -> pages.list(ctx, s, nav)));
    config.routes.get(PATH + "/{id}", ctx -> holder.withHolder(ctx, PATH, (s, nav) -> pages.show(ctx, s, nav)));
  }

  public record Option(String value, String label) {}

  public static final List<Option> STATUSES = List.of(new Option("", "All"), new Option("pending", "Pending"),
      new Option("in_transit", "In transit"), new Option("paid", "Paid"), new Option("failed", "Failed"), new Option("canceled", "Canceled"));

  public record Row(String id, String amount, String status, boolean ok, String arrival, String created, boolean automatic) {}

  static Row row(JsonNode po) {
    String status = po.path("status").asText();
    return new Row(po.path("id").asText(), BusinessLinks.money(po.path("amount").asLong(), po.path("currency").asText()),
        PaymentView.words(status), !"failed".equals(status) && !"canceled".equals(status), BusinessLinks.day(po.path("arrival_date").asLong()),
        BusinessLinks.time(po.path("created").asLong()), po.path("automatic").asBoolean());
  }

  public record Transaction(String id, String type, String source, String amount, String fee, String net, String created) {}

  private void list(Context ctx, Session s, BusinessNav nav) {
    String typed = Optional.ofNullable(ctx.queryParam("status")).orElse("");
    String status = STATUSES.stream().anyMatch(o -> o.value().equals(typed)) ? typed : "";
    BusinessPaymentPages.Cursor cursor = BusinessPaymentPages.Cursor.of(ctx);
    List<Map.Entry<Long, Row>> rows = jdbi.withHandle(h -> h.createQuery("SELECT seq, body::text FROM resources"
            + " WHERE owner = :a AND object = 'payout'" + (status.isEmpty() ? "" : " AND body ->> 'status' = :status") + cursor.sql()
            + " LIMIT " + (PAGE_SIZE + 1))
        .bind("a", s.accountId()).bind("status", status).bind("cursor", cursor.seq())
        .map((rs, c) -> Map.entry(rs.getLong(1), row(Json.parseObject(rs.getString(2))))).list());
    Map<String, Object> params = cursor.page(rows, PAGE_SIZE, PATH + "?" + DashboardLinks.query("status", status));
    params.put("nav", nav);
    params.put("status", status);
    Pages.render(ctx, 200, "dashboard/business/payouts.jte", params);
  }

  private void show(Context ctx, Session s, BusinessNav nav) {
    String id = ctx.pathParam("id");
    Optional<ObjectNode> found = jdbi.withHandle(h -> ResourceStore.find(h, s.accountId(), id))
        .filter(po -> "payout".equals(po.path("object").asText()));
    if (found.isEmpty()) {
      Pages.message(ctx, 404, "There is no such payout", "No payout " + id + " is on your account.", PATH, "All payouts");
      return;
    }
    JsonNode payout = found.get();
    List<Transaction> transactions = new java.util.ArrayList<>(jdbi.withHandle(h -> h.createQuery("""
            SELECT r.body::text FROM ledger_balance_transactions b JOIN resources r ON r.id = b.id
            WHERE b.payout = :po AND b.account = :a ORDER BY b.created DESC, b.id LIMIT :n""")
        .bind("po", id).bind("a", s.accountId()).bind("n", MAX_TRANSACTIONS + 1).mapTo(String.class)
        .map(text -> transaction(Json.parseObject(text))).list()));
    if (transactions.isEmpty() && payout.path("balance_transaction").isTextual()) {
      // a manual payout: only its own transaction
      jdbi.withHandle(h -> ResourceStore.find(h, s.accountId(), payout.path("balance_transaction").asText()))
          .ifPresent(txn -> transactions.add(transaction(txn)));
    }
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("p", row(payout));
    params.put("transactions", transactions.subList(0, Math.min(transactions.size(), MAX_TRANSACTIONS)));
    params.put("more", transactions.size() > MAX_TRANSACTIONS);
    params.put("failure", payout.path("failure_message").asText(null));
    Pages.render(ctx, 200, "dashboard/business/payout.jte", params);
  }

  private static Transaction transaction(JsonNode txn) {
    String currency = txn.path("currency").asText();
    return new Transaction(txn.path("id").asText(), PaymentView.words(txn.path("type").asText()), txn.path("source").asText(null),
        BusinessLinks.money(txn.path("amount").asLong(), currency), BusinessLinks.money(txn.path("fee").asLong(), currency),
        BusinessLinks.money(txn.path("net").asLong(), currency), BusinessLinks.time(txn.path("created").asLong()));
  }
}

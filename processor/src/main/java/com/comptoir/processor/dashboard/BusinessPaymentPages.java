package com.comptoir.processor.dashboard;

import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.refunds.Refunds;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Payments of a business's Dashboard: its charges, newest first, paged by cursor and filtered by
 * status; a payment's page (amount, fees, net, customer, method, its refunds and disputes); and
 * the refund form, which makes the refund {@code POST /v1/refunds} makes ({@link Refunds#create}),
 * so the ledger posts it and the platform hears {@code charge.refunded} exactly as through the API.
 */
public final class BusinessPaymentPages {
  static final String PATH = BusinessNav.PREFIX + "/payments";
  static final int PAGE_SIZE = 25;

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  private BusinessPaymentPages(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, HolderPages holder) {
    BusinessPaymentPages pages = new BusinessPaymentPages(jdbi, clock);
    config.routes.get(PATH, ctx -> holder.withHolder(ctx, PATH, (s, nav) -> pages.list(ctx, s, nav)));
    config.routes.get(PATH + "/{id}", ctx -> holder.withHolder(ctx, PATH, (s, nav) -> pages.show(ctx, s, nav, RefundForm.empty())));
    config.routes.post(PATH + "/{id}/refund", ctx -> holder.withHolder(ctx, PATH, (s, nav) -> pages.refund(ctx, s, nav)));
  }

  public record Option(String value, String label) {}

  public static final List<Option> STATUSES = List.of(new Option("", "All"), new Option("succeeded", "Succeeded"),
      new Option("refunded", "Refunded or partially refunded"), new Option("disputed", "Disputed"), new Option("failed", "Failed"));

  private static final Map<String, String> STATUS_SQL = Map.of(
      "succeeded", " AND body ->> 'status' = 'succeeded'",
      "refunded", " AND (body ->> 'amount_refunded')::bigint > 0",
      "disputed", " AND (body ->> 'disputed')::boolean",
      "failed", " AND body ->> 'status' = 'failed'");

  private void list(Context ctx, Session s, BusinessNav nav) {
    String typed = Optional.ofNullable(ctx.queryParam("status")).orElse("");
    String status = STATUS_SQL.containsKey(typed) ? typed : "";
    Cursor cursor = Cursor.of(ctx);
    List<Map.Entry<Long, PaymentRows.Row>> rows = jdbi.withHandle(h -> h.createQuery("SELECT seq, body::text FROM resources"
            + " WHERE owner = :a AND object = 'charge'" + STATUS_SQL.getOrDefault(status, "") + cursor.sql() + " LIMIT " + (PAGE_SIZE + 1))
        .bind("a", s.accountId()).bind("cursor", cursor.seq())
        .map((rs, c) -> Map.entry(rs.getLong(1), PaymentRows.of(Json.parseObject(rs.getString(2))))).list());
    Map<String, Object> params = cursor.page(rows, PAGE_SIZE, PATH + "?" + DashboardLinks.query("status", status));
    params.put("nav", nav);
    params.put("status", status);
    Pages.render(ctx, 200, "dashboard/business/payments.jte", params);
  }

  private void show(Context ctx, Session s, BusinessNav nav, RefundForm form) {
    String id = ctx.pathParam("id");
    Optional<ObjectNode> found = jdbi.withHandle(h -> ResourceStore.find(h, s.accountId(), id));
    if (found.isPresent() && "payment_intent".equals(found.get().path("object").asText())
        && found.get().path("latest_charge").isTextual()) {
      ctx.redirect(PATH + "/" + found.get().path("latest_charge").asText(), io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    if (found.isEmpty() || !"charge".equals(found.get().path("object").asText())) {
      Pages.message(ctx, 404, "There is no such payment", "No payment " + id + " is on your account.", PATH, "All payments");
      return;
    }
    JsonNode charge = found.get();
    PaymentView view = jdbi.withHandle(h -> PaymentView.of(h, s.accountId(), charge));
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("p", view);
    params.put("form", form.amount() == null ? form.withAmount(view.refundableTyped()) : form);
    String refunded = ctx.queryParam("refunded");
    params.put("confirmation", refunded != null && view.refunds().stream().anyMatch(r -> r.id().equals(refunded))
        ? "Refund " + refunded + " is made." : null);
    Pages.render(ctx, form.errors().isEmpty() ? 200 : 400, "dashboard/business/payment.jte", params);
  }

  private void refund(Context ctx, Session s, BusinessNav nav) {
    String chargeId = ctx.pathParam("id");
    RefundForm form = RefundForm.from(ctx);
    Optional<String> currency = jdbi.withHandle(h -> ResourceStore.find(h, s.accountId(), chargeId))
        .filter(c -> "charge".equals(c.path("object").asText())).map(c -> c.path("currency").asText());
    if (currency.isEmpty()) {
      Pages.message(ctx, 404, "There is no such payment", "No payment " + chargeId + " is on your account.", PATH, "All payments");
      return;
    }
    RefundForm checked = form.check(currency.get());
    if (!checked.errors().isEmpty()) {
      show(ctx, s, nav, checked);
      return;
    }
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("charge", chargeId);
    params.put("amount", Long.toString(checked.amountMinor()));
    if (!checked.reason().isEmpty()) {
      params.put("reason", checked.reason());
    }
    try {
      ObjectNode refund = jdbi.inTransaction(h -> Refunds.create(h, dashboardContext(h, s.accountId()), s.accountId(), params));
      ctx.redirect(PATH + "/" + chargeId + "?refunded=" + refund.get("id").asText(), io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (StripeError e) {
      show(ctx, s, nav, checked.withError("amount".equals(e.param()) || e.param() == null ? "amount" : e.param(), e.getMessage()));
    }
  }

  /** A change made in the Dashboard: no API request id, its sandbox's clock, heard by the account's platform. */
  private EventContext dashboardContext(Handle h, String accountId) {
    return EventContext.automatic(Ledger.platformOf(h, accountId), clock.nowMillisOfAccount(h, accountId));
  }

  /** A charge with what its page shows. */
  static List<JsonNode> children(Handle h, String accountId, String object, String chargeId) {
    // Per account and kind through resources_owner_object_seq; a charge has few refunds and disputes.
    List<JsonNode> out = new ArrayList<>();
    h.createQuery("""
            SELECT body::text FROM resources WHERE owner = :a AND object = :o AND body ->> 'charge' = :c ORDER BY seq DESC LIMIT 100""")
        .bind("a", accountId).bind("o", object).bind("c", chargeId).mapTo(String.class).forEach(t -> out.add(Json.parseObject(t)));
    return out;
  }

  /** A page of a list by {@code seq}, newest first: {@code after} goes to older rows, {@code before} to newer ones. */
  record Cursor(long after, long before) {
    static Cursor of(Context ctx) {
      long after = parse(ctx.queryParam("after"));
      return new Cursor(after, after > 0 ? 0 : parse(ctx.queryParam("before")));
    }

    private static long parse(String value) {
      return value != null && value.matches("[0-9]{1,18}") ? Long.parseLong(value) : 0;
    }

    long seq() {
      return after > 0 ? after : before;
    }

    String sql() {
      return after > 0 ? " AND seq < :cursor ORDER BY seq DESC" : before > 0 ? " AND seq > :cursor ORDER BY seq ASC" : " ORDER BY seq DESC";
    }

    /** The rows shown and the links to the older and newer pages; {@code base} ends with ? or &. */
    <T> Map<String, Object> page(List<Map.Entry<Long, T>> rows, int size, String base) {
      boolean more = rows.size() > size;
      List<Map.Entry<Long, T>> shown = new ArrayList<>(rows.subList(0, Math.min(rows.size(), size)));
      if (before > 0) {
        Collections.reverse(shown);
      }
      boolean older = before > 0 ? !shown.isEmpty() : more;
      boolean newer = before > 0 ? more : after > 0 && !shown.isEmpty();
      Map<String, Object> params = new HashMap<>();
      params.put("rows", shown.stream().map(Map.Entry::getValue).toList());
      params.put("olderUrl", older && !shown.isEmpty() ? base + "after=" + shown.getLast().getKey() : null);
      params.put("newerUrl", newer && !shown.isEmpty() ? base + "before=" + shown.getFirst().getKey() : null);
      return params;
    }
  }
}

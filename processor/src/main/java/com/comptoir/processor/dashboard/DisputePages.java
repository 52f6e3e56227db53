package com.comptoir.processor.dashboard;

import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.disputes.Disputes;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Disputes of a business's Dashboard: the list (paged by cursor, filtered by status), a dispute's
 * page (amount, reason, evidence due date, status, the money it moved), and the holder's answers
 * through the code the API runs: evidence saved or submitted as {@code POST /v1/disputes/{id}}
 * ({@link Disputes#update}), or the dispute accepted as {@code POST /v1/disputes/{id}/close}
 * ({@link Disputes#close}). The outcome comes on the processor clock with {@code charge.dispute.*}
 * events, as through the API.
 */
public final class DisputePages {
  static final String PATH = BusinessNav.PREFIX + "/disputes";
  static final int PAGE_SIZE = 25;

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  private DisputePages(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, HolderPages holder) {
    DisputePages pages = new DisputePages(jdbi, clock);
    config.routes.get(PATH, ctx -> holder.withHolder(ctx, PATH, (s, nav) -> pages.list(ctx, s, nav)));
    config.routes.get(PATH + "/{id}", ctx -> holder.withHolder(ctx, PATH, (s, nav) -> pages.show(ctx, s, nav, null, null, null)));
    config.routes.post(PATH + "/{id}/evidence", ctx -> holder.withHolder(ctx, PATH, (s, nav) -> pages.evidence(ctx, s, nav)));
    config.routes.post(PATH + "/{id}/close", ctx -> holder.withHolder(ctx, PATH, (s, nav) -> pages.close(ctx, s, nav)));
  }

  public record Option(String value, String label) {}

  public static final List<Option> STATUSES = List.of(new Option("", "All"), new Option("needs_response", "Needs response"),
      new Option("under_review", "Under review"), new Option("won", "Won"), new Option("lost", "Lost"),
      new Option("warning_closed", "Inquiry closed"));

  public record Row(String id, String amount, String status, boolean open, String reason, String dueBy, String charge) {}

  static Row row(JsonNode d) {
    String status = d.path("status").asText();
    return new Row(d.path("id").asText(), BusinessLinks.money(d.path("amount").asLong(), d.path("currency").asText()),
        PaymentView.words(status), status.endsWith("needs_response"), PaymentView.words(d.path("reason").asText()),
        BusinessLinks.time(d.at("/evidence_details/due_by").asLong()), d.path("charge").asText());
  }

  private void list(Context ctx, Session s, BusinessNav nav) {
    String typed = Optional.ofNullable(ctx.queryParam("status")).orElse("");
    String status = STATUSES.stream().anyMatch(o -> o.value().equals(typed)) ? typed : "";
    // an inquiry's statuses count with the chargeback's of the same name (warning_needs_response, ...)
    String filter = status.isEmpty() ? "" : status.equals("warning_closed") || status.equals("won") || status.equals("lost")
        ? " AND body ->> 'status' = :status" : " AND body ->> 'status' IN (:status, 'warning_' || :status)";
    BusinessPaymentPages.Cursor cursor = BusinessPaymentPages.Cursor.of(ctx);
    List<Map.Entry<Long, Row>> rows = jdbi.withHandle(h -> h.createQuery("SELECT seq, body::text FROM resources"
            + " WHERE owner = :a AND object = 'dispute'" + filter + cursor.sql() + " LIMIT " + (PAGE_SIZE + 1))
        .bind("a", s.accountId()).bind("status", status).bind("cursor", cursor.seq())
        .map((rs, c) -> Map.entry(rs.getLong(1), row(Json.parseObject(rs.getString(2))))).list());
    Map<String, Object> params = cursor.page(rows, PAGE_SIZE, PATH + "?" + DashboardLinks.query("status", status));
    params.put("nav", nav);
    params.put("status", status);
    Pages.render(ctx, 200, "dashboard/business/disputes.jte", params);
  }

  /** The dispute's page; {@code typed} and {@code error} show a refused answer again, {@code confirmation} an accepted one. */
  private void show(Context ctx, Session s, BusinessNav nav, Map<String, String> typed, String error, String confirmation) {
    String id = ctx.pathParam("id");
    Optional<ObjectNode> found = jdbi.withHandle(h -> ResourceStore.find(h, s.accountId(), id))
        .filter(d -> "dispute".equals(d.path("object").asText()));
    if (found.isEmpty()) {
      Pages.message(ctx, 404, "There is no such dispute", "No dispute " + id + " is on your account.", PATH, "All disputes");
      return;
    }
    JsonNode dispute = found.get();
    List<String[]> movements = new java.util.ArrayList<>();
    for (JsonNode txn : dispute.path("balance_transactions")) {
      movements.add(new String[] {BusinessLinks.money(txn.path("net").asLong(), txn.path("currency").asText()),
          PaymentView.words(txn.path("reporting_category").asText(txn.path("type").asText())), BusinessLinks.time(txn.path("created").asLong())});
    }
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("d", row(dispute));
    params.put("dispute", dispute);
    params.put("movements", movements);
    params.put("evidence", typed != null ? typed : DisputeEvidence.stored(dispute));
    params.put("error", error);
    params.put("confirmation", confirmation != null ? confirmation : notice(ctx.queryParam("done")));
    Pages.render(ctx, error == null ? 200 : 400, "dashboard/business/dispute.jte", params);
  }

  private static String notice(String done) {
    return switch (done == null ? "" : done) {
      case "saved" -> "Your evidence is saved. It is not submitted yet: submit it before the due date.";
      case "submitted" -> "Your evidence is submitted. The card issuer reviews it; you will see the outcome here.";
      case "accepted" -> "You accepted the dispute. It is closed as lost.";
      default -> null;
    };
  }

  private void evidence(Context ctx, Session s, BusinessNav nav) {
    String id = ctx.pathParam("id");
    Map<String, String> typed = DisputeEvidence.typed(ctx);
    boolean submit = "submit".equals(ctx.formParam("action"));
    Map<String, Object> evidence = new LinkedHashMap<>(typed);
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("evidence", evidence);
    form.put("submit", Boolean.toString(submit));
    try {
      jdbi.useTransaction(h -> Disputes.update(h, EventContext.automatic(Ledger.platformOf(h, s.accountId()), clock.nowMillisOfAccount(h, s.accountId())),
          s.accountId(), id, form));
      ctx.redirect(PATH + "/" + id + "?done=" + (submit ? "submitted" : "saved"), HttpStatus.SEE_OTHER);
    } catch (StripeError e) {
      show(ctx, s, nav, typed, e.getMessage(), null);
    }
  }

  private void close(Context ctx, Session s, BusinessNav nav) {
    String id = ctx.pathParam("id");
    try {
      jdbi.useTransaction(h -> Disputes.close(h, EventContext.automatic(Ledger.platformOf(h, s.accountId()), clock.nowMillisOfAccount(h, s.accountId())),
          s.accountId(), id));
      ctx.redirect(PATH + "/" + id + "?done=accepted", HttpStatus.SEE_OTHER);
    } catch (StripeError e) {
      show(ctx, s, nav, null, e.getMessage(), null);
    }
  }
}

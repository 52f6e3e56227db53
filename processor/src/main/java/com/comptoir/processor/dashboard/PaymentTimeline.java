package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A payment's whole story as its page tells it: the PaymentIntent, each of its charges with the
 * balance transaction that booked it ({@code fee_details}: Stripe's fee, the application fee; and
 * the net), the platform's application fee, the refunds and disputes of the charge, and every
 * event these objects produced with how its webhook deliveries went. Read as stored, so the page
 * shows what the API answers.
 */
public record PaymentTimeline(Intent intent, List<Charge> charges, List<EventRow> events) {

  public record Intent(String id, String account, String status, String amount, String received, String customer,
      String description, String applicationFeeAmount, String created, String json) {}

  public record Charge(String id, String status, String amount, String method, String created, String failure,
      BalanceTransaction balanceTransaction, Fee applicationFee, List<Refund> refunds, List<Dispute> disputes) {}

  public record BalanceTransaction(String id, String type, String amount, String fee, String net, String status,
      String availableOn, List<FeeDetail> feeDetails) {}

  public record FeeDetail(String type, String description, String amount) {}

  public record Fee(String id, String amount, String refunded, String balanceTransaction) {}

  public record Refund(String id, String amount, String status, String reason, String created) {}

  public record Dispute(String id, String amount, String status, String reason, String dueBy) {}

  /** An event about one of the payment's objects, with its deliveries counted by how they went. */
  public record EventRow(String id, String type, String created, int delivered, int failed, int pending) {
    public String deliveries() {
      if (delivered + failed + pending == 0) {
        return "No endpoint listening";
      }
      List<String> parts = new ArrayList<>();
      if (delivered > 0) {
        parts.add(delivered + " delivered");
      }
      if (pending > 0) {
        parts.add(pending + " pending");
      }
      if (failed > 0) {
        parts.add(failed + " failed");
      }
      return String.join(", ", parts);
    }
  }

  /** The PaymentIntent of charge {@code chargeId}, if the charge is the platform's or a connected account's. */
  static Optional<String> intentOfCharge(Handle h, String platformId, String chargeId) {
    return h.createQuery("""
            SELECT body ->> 'payment_intent' FROM resources WHERE id = :id AND object = 'charge'
              AND owner IN (SELECT id FROM accounts WHERE id = :platform OR platform_id = :platform)""")
        .bind("id", chargeId).bind("platform", platformId).mapTo(String.class).findOne().filter(pi -> pi != null);
  }

  static Optional<PaymentTimeline> load(Handle h, String platformId, String intentId) {
    Optional<Owned> found = h.createQuery("""
            SELECT owner, body::text FROM resources WHERE id = :id AND object = 'payment_intent'
              AND owner IN (SELECT id FROM accounts WHERE id = :platform OR platform_id = :platform)""")
        .bind("id", intentId).bind("platform", platformId)
        .map((rs, c) -> new Owned(rs.getString(1), Json.parseObject(rs.getString(2)))).findOne();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String account = found.get().owner();
    ObjectNode pi = found.get().body();
    String currency = pi.path("currency").asText();
    Set<String> subjects = new LinkedHashSet<>(List.of(intentId));
    List<Charge> charges = new ArrayList<>();
    for (ObjectNode ch : owned(h, account, Link.CHARGES_OF_INTENT, intentId)) {
      charges.add(charge(h, platformId, account, ch, subjects));
    }
    Intent intent = new Intent(intentId, account, pi.path("status").asText(), money(pi, "amount", currency),
        money(pi, "amount_received", currency), text(pi, "customer"), text(pi, "description"),
        pi.path("application_fee_amount").isNumber() ? money(pi, "application_fee_amount", currency) : null,
        DashboardLinks.time(pi.path("created").asLong()), DashboardLinks.pretty(pi));
    return Optional.of(new PaymentTimeline(intent, charges, events(h, platformId, account, subjects)));
  }

  private record Owned(String owner, ObjectNode body) {}

  private static Charge charge(Handle h, String platformId, String account, ObjectNode ch, Set<String> subjects) {
    String id = ch.path("id").asText();
    String currency = ch.path("currency").asText();
    subjects.add(id);
    BalanceTransaction bt = find(h, account, text(ch, "balance_transaction")).map(PaymentTimeline::balanceTransaction).orElse(null);
    Fee fee = find(h, platformId, text(ch, "application_fee")).map(f -> {
      subjects.add(f.path("id").asText());
      return new Fee(f.path("id").asText(), money(f, "amount", currency), money(f, "amount_refunded", currency),
          text(f, "balance_transaction"));
    }).orElse(null);
    List<Refund> refunds = new ArrayList<>();
    for (ObjectNode r : owned(h, account, Link.REFUNDS_OF_CHARGE, id)) {
      subjects.add(r.path("id").asText());
      refunds.add(new Refund(r.path("id").asText(), money(r, "amount", currency), r.path("status").asText(),
          text(r, "reason"), DashboardLinks.time(r.path("created").asLong())));
    }
    List<Dispute> disputes = new ArrayList<>();
    for (ObjectNode d : owned(h, account, Link.DISPUTES_OF_CHARGE, id)) {
      subjects.add(d.path("id").asText());
      long due = d.at("/evidence_details/due_by").asLong(0);
      disputes.add(new Dispute(d.path("id").asText(), money(d, "amount", currency), d.path("status").asText(),
          d.path("reason").asText(), due == 0 ? null : DashboardLinks.time(due)));
    }
    String failure = text(ch, "failure_message") == null ? null
        : ch.path("failure_message").asText() + (text(ch, "failure_code") == null ? "" : " (" + ch.path("failure_code").asText() + ")");
    return new Charge(id, ch.path("status").asText(), money(ch, "amount", currency), ch.at("/payment_method_details/type").asText(""),
        DashboardLinks.time(ch.path("created").asLong()), failure, bt, fee, refunds, disputes);
  }

  private static BalanceTransaction balanceTransaction(ObjectNode bt) {
    String currency = bt.path("currency").asText();
    List<FeeDetail> details = new ArrayList<>();
    for (JsonNode d : bt.path("fee_details")) {
      details.add(new FeeDetail(d.path("type").asText(), d.path("description").asText(""),
          Currencies.format(d.path("amount").asLong(), currency)));
    }
    return new BalanceTransaction(bt.path("id").asText(), bt.path("type").asText(), money(bt, "amount", currency),
        money(bt, "fee", currency), money(bt, "net", currency), bt.path("status").asText(),
        DashboardLinks.time(bt.path("available_on").asLong()), details);
  }

  /** A charge's PaymentIntent, a refund's or dispute's charge: the fields the timeline follows, each with an index (V25_1_1). */
  private enum Link {
    CHARGES_OF_INTENT("charge", "payment_intent"), REFUNDS_OF_CHARGE("refund", "charge"), DISPUTES_OF_CHARGE("dispute", "charge");

    final String object;
    final String field;

    Link(String object, String field) {
      this.object = object;
      this.field = field;
    }
  }

  /** The account's objects that {@code link} ties to {@code id}, oldest first. */
  private static List<ObjectNode> owned(Handle h, String account, Link link, String id) {
    // object and field are the enum's constants, written into the SQL so the partial expression indexes match
    return h.createQuery("SELECT body::text FROM resources WHERE owner = :owner AND object = '" + link.object + "' AND (body ->> '"
            + link.field + "') = :id ORDER BY seq")
        .bind("owner", account).bind("id", id)
        .mapTo(String.class).map(Json::parseObject).list();
  }

  private static Optional<ObjectNode> find(Handle h, String owner, String id) {
    return id == null ? Optional.empty() : com.comptoir.processor.store.ResourceStore.find(h, owner, id);
  }

  /**
   * The events of the account and its platform about {@code subjects}, oldest first, with their
   * deliveries counted. The events are found by the id of the object they carry alone (V25_1_1's
   * index), their owner checked afterwards: given the owner too, PostgreSQL's generic plan for
   * this statement (the one it settles on after five runs) read every event of the platform, 100,000
   * at 100,000 payments (the page's p99 was 673 ms in {@code bench dashboard}).
   */
  private static List<EventRow> events(Handle h, String platformId, String account, Set<String> subjects) {
    return h.createQuery("""
            WITH about AS MATERIALIZED (
              SELECT id, owner, seq, created, body ->> 'type' AS type FROM resources
              WHERE object = 'event' AND (body #>> '{data,object,id}') IN (<subjects>))
            SELECT e.id, e.type, e.created,
                   count(d.id) FILTER (WHERE d.status = 'succeeded'), count(d.id) FILTER (WHERE d.status = 'failed'),
                   count(d.id) FILTER (WHERE d.status = 'pending')
            FROM about e LEFT JOIN webhook_deliveries d ON d.event_id = e.id
            WHERE e.owner IN (:account, :platform)
            GROUP BY e.id, e.seq, e.type, e.created ORDER BY e.seq""")
        .bindList("subjects", new ArrayList<>(subjects)).bind("account", account).bind("platform", platformId)
        .map((rs, c) -> new EventRow(rs.getString(1), rs.getString(2), DashboardLinks.time(rs.getLong(3)), rs.getInt(4), rs.getInt(5),
            rs.getInt(6)))
        .list();
  }

  private static String money(JsonNode node, String field, String currency) {
    return Currencies.format(node.path(field).asLong(), currency);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }
}

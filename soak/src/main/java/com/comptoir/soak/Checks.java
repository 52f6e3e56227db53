package com.comptoir.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What must hold once the system has caught up: the ledger auditor finds nothing; every
 * acknowledged request is present exactly once; every paid session has exactly one paid order;
 * every event delivered to the platform was recorded once and acted on once; no payout twice.
 * Reads the two databases as an auditor would, and the processor through its API.
 */
final class Checks {
  private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(300);
  private static final Set<String> PAID_OR_AFTER = Set.of("paid", "partially_refunded", "refunded");

  private final Acks acks;
  private final Postgres pg;
  private final Load api;

  Checks(Acks acks, Postgres pg, Load api) {
    this.acks = acks;
    this.pg = pg;
    this.api = api;
  }

  /**
   * Waits, moving the processor clock on so that webhook retries come due, until no delivery is
   * pending and every acknowledged payment and refund has reached its order. The time it took.
   */
  Duration converge() throws Exception {
    long start = System.nanoTime();
    long deadline = start + CONVERGE_TIMEOUT.toNanos();
    int rounds = 0;
    while (System.nanoTime() < deadline) {
      if (behind().isEmpty()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      rounds++;
      // Retries back off from one minute doubling to six hours of processor time: step further the longer it takes.
      long seconds = rounds < 10 ? 300 : rounds < 20 ? 3600 : 6 * 3600;
      try {
        api.raw("POST", "/v1/test_helpers/clock/advance", null, null, Map.of("seconds", Long.toString(seconds)));
      } catch (Exception e) {
        // the processor may still be coming back; try again next round
      }
      Thread.sleep(2000);
    }
    throw new IllegalStateException("the system did not catch up within " + CONVERGE_TIMEOUT + ": " + behind());
  }

  /** What is still on its way: pending deliveries, paid sessions whose order has not heard, refunds not reflected. */
  private List<String> behind() {
    List<String> behind = new ArrayList<>();
    try {
      long pending = longValue("processor", "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'");
      if (pending > 0) {
        behind.add(pending + " webhook deliveries pending");
      }
      Map<String, String> orders = orderStatuses();
      long unpaid = acks.paid.stream().filter(s -> !PAID_OR_AFTER.contains(orders.get(s.sessionId()))).count();
      if (unpaid > 0) {
        behind.add(unpaid + " paid sessions without a paid order yet");
      }
      long unrefunded = acks.refunds.stream().filter(r -> !"refunded".equals(orders.get(r.sessionId()))).count();
      if (unrefunded > 0) {
        behind.add(unrefunded + " refunds not on their orders yet");
      }
    } catch (SQLException e) {
      behind.add("database not answering: " + e.getMessage());
    }
    return behind;
  }

  /** Every invariant; an empty list when all hold. */
  List<String> verify() throws Exception {
    List<String> findings = new ArrayList<>();
    JsonNode audit = api.raw("GET", "/v1/test_helpers/ledger/audit", null, null, null);
    if (audit.path("findings").size() > 0) {
      findings.add("ledger audit: " + audit.path("findings"));
    }
    Map<String, Long> merchants = counts("platform", "SELECT email, count(*) FROM merchants GROUP BY email");
    Map<String, Long> stores = counts("platform",
        "SELECT m.email, count(s.account_id) FROM merchants m LEFT JOIN stores s ON s.merchant_id = m.id GROUP BY m.email");
    for (String email : acks.merchants) {
      expectOnce(findings, "merchant " + email, merchants.get(email));
      expectOnce(findings, "store with a connected account of " + email, stores.get(email));
    }
    Map<String, Long> accounts = counts("processor", "SELECT id, count(*) FROM accounts WHERE platform_id IS NOT NULL GROUP BY id");
    for (Acks.Shop shop : acks.shops) {
      expectOnce(findings, "connected account " + shop.accountId() + " on the processor", accounts.get(shop.accountId()));
    }
    Map<String, Long> orders = counts("platform", "SELECT checkout_session_id, count(*) FROM orders WHERE checkout_session_id IS NOT NULL GROUP BY 1");
    Map<String, String> statuses = orderStatuses();
    Map<String, String> sessions = strings("processor",
        "SELECT id, body->>'payment_status' FROM resources WHERE object = 'checkout.session'");
    for (Acks.Session s : acks.sessions) {
      expectOnce(findings, "order of session " + s.sessionId(), orders.get(s.sessionId()));
      if (!sessions.containsKey(s.sessionId())) {
        findings.add("session " + s.sessionId() + " is missing on the processor");
      }
    }
    for (Acks.Session s : acks.paid) {
      if (!"paid".equals(sessions.get(s.sessionId()))) {
        findings.add("session " + s.sessionId() + " was paid but the processor says " + sessions.get(s.sessionId()));
      }
      if (!PAID_OR_AFTER.contains(statuses.get(s.sessionId()))) {
        findings.add("paid session " + s.sessionId() + " has its order " + statuses.get(s.sessionId()));
      }
    }
    // A paid order the soak was never told about is fine (its answer was lost in a crash); two orders for one session are not.
    long paidSessionsOnProcessor = sessions.values().stream().filter("paid"::equals).count();
    long paidOrders = statuses.values().stream().filter(PAID_OR_AFTER::contains).count();
    if (paidOrders != paidSessionsOnProcessor) {
      findings.add(paidSessionsOnProcessor + " paid sessions on the processor but " + paidOrders + " paid orders on the platform");
    }
    Map<String, Long> refundsByOrder = counts("platform", "SELECT order_id::text, count(*) FROM order_refunds GROUP BY 1");
    Map<String, Long> refundsByIntent = counts("processor",
        "SELECT body->>'payment_intent', count(*) FROM resources WHERE object = 'refund' GROUP BY 1");
    Map<String, String> intents = strings("platform", "SELECT id::text, payment_intent_id FROM orders WHERE payment_intent_id IS NOT NULL");
    for (Acks.Refund r : acks.refunds) {
      expectOnce(findings, "refund of order " + r.orderId() + " on the platform", refundsByOrder.get(Long.toString(r.orderId())));
      expectOnce(findings, "refund of order " + r.orderId() + " on the processor", refundsByIntent.get(intents.get(Long.toString(r.orderId()))));
    }
    Map<String, Long> payouts = counts("processor",
        "SELECT body->'metadata'->>'soak', count(*) FROM resources WHERE object = 'payout' AND body->'metadata'->>'soak' IS NOT NULL GROUP BY 1");
    for (Acks.Payout p : acks.payouts) {
      expectOnce(findings, "payout " + p.key(), payouts.get(p.key()));
    }
    findings.addAll(rows("processor", """
        SELECT 'automatic payout made twice: ' || owner || ' ' || (body->>'currency') || ' arriving ' || (body->>'arrival_date')
        FROM resources WHERE object = 'payout' AND (body->>'automatic')::boolean
        GROUP BY owner, body->>'currency', body->>'arrival_date' HAVING count(*) > 1"""));
    findings.addAll(events());
    findings.addAll(rows("platform", """
        SELECT 'order ' || order_id || ' moved ' || from_status || '->' || to_status || ' ' || count(*) || ' times'
        FROM order_transitions GROUP BY order_id, from_status, to_status HAVING count(*) > 1"""));
    findings.addAll(rows("platform", """
        SELECT 'mail sent ' || count(*) || ' times: ' || subject FROM mail_outbox GROUP BY recipient, subject HAVING count(*) > 1"""));
    return findings;
  }

  /** Every delivery to the platform's endpoints succeeded, and its event is recorded by the platform (once: it is the key). */
  private List<String> events() throws SQLException {
    List<String> findings = new ArrayList<>();
    List<String> endpoints = new ArrayList<>(strings("platform", "SELECT purpose, endpoint_id FROM registered_webhook_endpoints").values());
    Set<String> received = new HashSet<>(strings("platform", "SELECT id, type FROM received_events").keySet());
    try (Connection c = pg.connect("processor");
        PreparedStatement s = c.prepareStatement("SELECT event_id, status FROM webhook_deliveries WHERE endpoint_id = ANY (?)")) {
      Array ids = c.createArrayOf("text", endpoints.toArray());
      s.setArray(1, ids);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (!"succeeded".equals(rs.getString(2))) {
            findings.add("event " + rs.getString(1) + " delivery " + rs.getString(2));
          } else if (!received.contains(rs.getString(1))) {
            findings.add("event " + rs.getString(1) + " was delivered but the platform has no record of it");
          }
        }
      }
    }
    return findings;
  }

  /** Deliveries to the platform's endpoints so far, for the report. */
  long deliveries() throws SQLException {
    return longValue("processor", "SELECT count(*) FROM webhook_deliveries");
  }

  long attempts() throws SQLException {
    return longValue("processor", "SELECT count(*) FROM webhook_attempts");
  }

  private static void expectOnce(List<String> findings, String what, Long count) {
    if (count == null || count != 1) {
      findings.add(what + ": found " + (count == null ? 0 : count) + " times, expected once");
    }
  }

  private Map<String, String> orderStatuses() throws SQLException {
    return strings("platform", "SELECT checkout_session_id, status FROM orders WHERE checkout_session_id IS NOT NULL");
  }

  private long longValue(String db, String sql) throws SQLException {
    return Long.parseLong(rows(db, sql).get(0));
  }

  private Map<String, Long> counts(String db, String sql) throws SQLException {
    return pairs(db, sql).stream().filter(p -> p[0] != null).collect(Collectors.toMap(p -> p[0], p -> Long.parseLong(p[1]), Long::sum));
  }

  private Map<String, String> strings(String db, String sql) throws SQLException {
    return pairs(db, sql).stream().filter(p -> p[0] != null)
        .collect(Collectors.toMap(p -> p[0], p -> p[1] == null ? "" : p[1], (a, b) -> a));
  }

  private List<String[]> pairs(String db, String sql) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Connection c = pg.connect(db); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return out;
  }

  private List<String> rows(String db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = pg.connect(db); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}

package com.comptoir.platform.orders;

import com.comptoir.platform.fees.FeeRule;
import com.comptoir.platform.web.Tokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code orders} and {@code order_lines} tables. A merchant's queries take the store id from
 * their session and a customer's take the order's public id, so no number typed into an address
 * reaches another store's order.
 */
public final class Orders {
  private Orders() {}

  private static final String COLUMNS = """
      id, public_id, store_id, account_id, status, currency, amount_total, application_fee_amount, checkout_session_id,
      checkout_url, customer_email, payment_intent_id, stripe_amount_total, stripe_currency, stripe_application_fee_amount,
      discrepancy, created_at, paid_at, amount_refunded, dispute_id, dispute_status, dispute_amount, dispute_reason""";

  /** An order about to be written: its lines priced, its fee computed on the total. */
  public record NewOrder(long storeId, long merchantId, String accountId, String formToken, String currency, List<Order.Line> lines,
      FeeRule feeRule) {
    public NewOrder {
      lines = List.copyOf(lines);
      if (lines.isEmpty()) {
        throw new IllegalArgumentException("an order has at least one line");
      }
      for (Order.Line line : lines) {
        if (!line.currency().equals(currency) || line.amount() != Math.multiplyExact(line.unitAmount(), (long) line.quantity())) {
          throw new IllegalArgumentException("line " + line + " does not fit an order in " + currency);
        }
      }
    }

    public long amountTotal() {
      return lines.stream().mapToLong(Order.Line::amount).reduce(0L, Math::addExact);
    }

    /** {@code payment_intent_data[application_fee_amount]}: the fee rule on the whole total, rounded once. */
    public long applicationFeeAmount() {
      return feeRule.applicationFeeAmount(amountTotal());
    }
  }

  /** Writes the order and its lines, status {@code pending}; returns it as read back. */
  public static Order insert(Handle h, NewOrder o) {
    long id = h.createUpdate("""
            INSERT INTO orders (public_id, store_id, merchant_id, account_id, form_token, currency, amount_total,
                application_fee_amount, fee_percent_bps, fee_fixed_amount)
            VALUES (:public, :store, :merchant, :account, :token, :currency, :total, :fee, :bps, :fixed)""")
        .bind("public", Tokens.random()).bind("store", o.storeId()).bind("merchant", o.merchantId()).bind("account", o.accountId())
        .bind("token", o.formToken()).bind("currency", o.currency()).bind("total", o.amountTotal())
        .bind("fee", o.applicationFeeAmount()).bind("bps", o.feeRule().percentBasisPoints()).bind("fixed", o.feeRule().fixedAmount())
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    int number = 0;
    for (Order.Line line : o.lines()) {
      h.createUpdate("""
              INSERT INTO order_lines (order_id, line_number, product_id, product_name, stripe_price_id, unit_amount, quantity, amount, currency)
              VALUES (:order, :n, :product, :name, :price, :unit, :quantity, :amount, :currency)""")
          .bind("order", id).bind("n", ++number).bind("product", line.productId()).bind("name", line.productName())
          .bind("price", line.stripePriceId()).bind("unit", line.unitAmount()).bind("quantity", line.quantity())
          .bind("amount", line.amount()).bind("currency", line.currency())
          .execute();
    }
    return byId(h, id).orElseThrow();
  }

  public static Optional<Order> byId(Handle h, long id) {
    return one(h, "id = :id", Map.of("id", id), false);
  }

  /** A store's order by its id: what the merchant's order page finds, never another store's. */
  public static Optional<Order> ofStore(Handle h, long storeId, long id) {
    return one(h, "store_id = :store AND id = :id", Map.of("store", storeId, "id", id), false);
  }

  /** The order behind a customer's order page: the store in the address and the public id must both match. */
  public static Optional<Order> byPublicId(Handle h, long storeId, String publicId) {
    return one(h, "store_id = :store AND public_id = :public", Map.of("store", storeId, "public", publicId), false);
  }

  public static Optional<Order> byFormToken(Handle h, long storeId, String token) {
    return one(h, "store_id = :store AND form_token = :token", Map.of("store", storeId, "token", token), false);
  }

  /**
   * The order a Checkout Session belongs to, locked until the transaction ends: by the session id
   * the platform saved, or, if the platform never got to save it (a crash between Stripe's answer
   * and the commit), by the session's {@code client_reference_id}, when that order has no other session.
   */
  public static Optional<Order> forSessionForUpdate(Handle h, String sessionId, String clientReferenceId) {
    Optional<Order> bySession = one(h, "checkout_session_id = :session", Map.of("session", sessionId), true);
    if (bySession.isPresent() || clientReferenceId == null || !clientReferenceId.matches("[0-9]{1,18}")) {
      return bySession;
    }
    return one(h, "id = :id AND checkout_session_id IS NULL", Map.of("id", Long.parseLong(clientReferenceId)), true);
  }

  /** The merchant's orders that reached Checkout, newest first, at most {@code limit}. */
  public static List<Order> newestOfStore(Handle h, long storeId, int limit) {
    return many(h, "store_id = :store AND checkout_session_id IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT :limit",
        Map.of("store", storeId, "limit", limit));
  }

  /**
   * The merchant's orders that reached Checkout, created before {@code until} and after the order
   * ({@code from}, {@code afterId}) in (created_at, id) order, oldest first, at most {@code limit}:
   * one page of a long export; the next page starts after its last order.
   *
   * @param afterId 0 to start at {@code from} itself
   */
  public static List<Order> ofStoreBetween(Handle h, long storeId, OffsetDateTime from, long afterId, OffsetDateTime until, int limit) {
    return many(h, """
            store_id = :store AND checkout_session_id IS NOT NULL AND (created_at, id) > (:from, :after) AND created_at < :until
            ORDER BY created_at, id LIMIT :limit""",
        Map.of("store", storeId, "from", from, "after", afterId, "until", until, "limit", limit));
  }

  /**
   * The order a charge's PaymentIntent belongs to on {@code accountId}, locked until the transaction
   * ends; or, if the checkout webhook has not recorded the PaymentIntent yet, the order named by
   * {@code orderIdFromMetadata} (the PaymentIntent's {@code metadata[order]}) on that account.
   */
  public static Optional<Order> forPaymentIntentForUpdate(Handle h, String accountId, String paymentIntentId, String orderIdFromMetadata) {
    Optional<Order> found = one(h, "payment_intent_id = :pi AND account_id = :account", Map.of("pi", paymentIntentId, "account", accountId), true);
    if (found.isPresent() || orderIdFromMetadata == null || !orderIdFromMetadata.matches("[0-9]{1,18}")) {
      return found;
    }
    return one(h, "id = :id AND account_id = :account AND (payment_intent_id IS NULL OR payment_intent_id = :pi)",
        Map.of("id", Long.parseLong(orderIdFromMetadata), "account", accountId, "pi", paymentIntentId), true);
  }

  /**
   * The store's orders paid by these PaymentIntents, by PaymentIntent: how a balance transaction's
   * charge is tied back to an order. A PaymentIntent of another store finds nothing.
   */
  public static Map<String, Order> ofStoreByPaymentIntents(Handle h, long storeId, java.util.Collection<String> paymentIntentIds) {
    if (paymentIntentIds.isEmpty()) {
      return Map.of();
    }
    List<Long> ids = h.createQuery("SELECT id FROM orders WHERE store_id = :store AND payment_intent_id = ANY(:pis)")
        .bind("store", storeId).bindArray("pis", String.class, List.copyOf(paymentIntentIds)).mapTo(Long.class).list();
    Map<String, Order> found = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    // the ids are numbers read from the database, so they can stand in the SQL as written
    String idList = ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    for (Order order : many(h, "id IN (" + idList + ")", Map.of())) {
      found.put(order.paymentIntentId(), order);
    }
    return found;
  }

  /** Any order with this PaymentIntent, on whatever account: to tell a forged event from one about no order at all. */
  static Optional<Order> byPaymentIntent(Handle h, String paymentIntentId) {
    return one(h, "payment_intent_id = :pi", Map.of("pi", paymentIntentId), false);
  }

  /** One refund of an order as Stripe last reported it. */
  public record Refund(String refundId, long amount, String currency, String status, String reason, OffsetDateTime createdAt) {
    public String amountText() {
      return com.comptoir.platform.money.Money.format(amount, currency);
    }

    public String createdText() {
      return Order.utc(createdAt);
    }
  }

  public static List<Refund> refunds(Handle h, long orderId) {
    return h.createQuery("SELECT refund_id, amount, currency, status, reason, created_at FROM order_refunds WHERE order_id = :o ORDER BY created_at, refund_id")
        .bind("o", orderId)
        .map((rs, c) -> new Refund(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getObject(6, OffsetDateTime.class))).list();
  }

  /** Records the Checkout Session made for the order, once. */
  public static void recordSession(Handle h, long orderId, String sessionId, String url) {
    h.createUpdate("""
            UPDATE orders SET checkout_session_id = :session, checkout_url = :url, checkout_error = NULL, updated_at = now()
            WHERE id = :id AND (checkout_session_id IS NULL OR checkout_session_id = :session)""")
        .bind("session", sessionId).bind("url", url).bind("id", orderId).execute();
  }

  public static void recordCheckoutError(Handle h, long orderId, String message) {
    h.createUpdate("UPDATE orders SET checkout_error = :e, updated_at = now() WHERE id = :id").bind("e", message).bind("id", orderId).execute();
  }

  /** An order that has waited for its webhook at least {@code age}: what reconciliation reads back from Stripe. */
  public record Unsettled(long id, String accountId, String checkoutSessionId) {}

  public static List<Unsettled> unsettled(Handle h, Duration age, int limit) {
    return h.createQuery("""
            SELECT id, account_id, checkout_session_id FROM orders
            WHERE status IN ('pending', 'awaiting_payment') AND checkout_session_id IS NOT NULL
              AND created_at < now() - make_interval(secs => :age)
            ORDER BY created_at LIMIT :limit""")
        .bind("age", age.toSeconds()).bind("limit", limit)
        .map((rs, c) -> new Unsettled(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
  }

  /** One status change, as the merchant's order page lists it. */
  public record Transition(String from, String to, String source, OffsetDateTime at) {
    public String atText() {
      return Order.utc(at);
    }
  }

  public static List<Transition> transitions(Handle h, long orderId) {
    return h.createQuery("SELECT from_status, to_status, source, at FROM order_transitions WHERE order_id = :o ORDER BY id")
        .bind("o", orderId)
        .map((rs, c) -> new Transition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class))).list();
  }

  /** Paid orders in one currency, across every store: for the operator. */
  /** Paid orders of one currency, refunded ones included: a refund does not undo the sale, it is counted beside it. */
  public record PaidTotal(String currency, long count, long amountTotal, long amountRefunded, long applicationFees) {
    public String amountText() {
      return com.comptoir.platform.money.Money.format(amountTotal, currency);
    }

    public String refundedText() {
      return com.comptoir.platform.money.Money.format(amountRefunded, currency);
    }

    public String applicationFeesText() {
      return com.comptoir.platform.money.Money.format(applicationFees, currency);
    }
  }

  public static List<PaidTotal> paidTotals(Handle h) {
    return h.createQuery("""
            SELECT currency, count(*), sum(amount_total), sum(amount_refunded), sum(application_fee_amount) FROM orders
            WHERE status IN ('paid', 'partially_refunded', 'refunded') GROUP BY currency ORDER BY currency""")
        .map((rs, c) -> new PaidTotal(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))).list();
  }

  private static Optional<Order> one(Handle h, String where, Map<String, Object> binds, boolean forUpdate) {
    List<Order> found = many(h, where + (forUpdate ? " FOR UPDATE" : ""), binds);
    return found.stream().findFirst();
  }

  private static List<Order> many(Handle h, String whereAndRest, Map<String, Object> binds) {
    record Row(long id, String publicId, long storeId, String accountId, OrderStatus status, String currency, long total, long fee,
        String session, String url, String email, String pi, Long stripeTotal, String stripeCurrency, Long stripeFee, String discrepancy,
        OffsetDateTime createdAt, OffsetDateTime paidAt, long refunded, Order.Dispute dispute) {}
    List<Row> rows = h.createQuery("SELECT " + COLUMNS + " FROM orders WHERE " + whereAndRest).bindMap(binds)
        .map((rs, c) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), OrderStatus.fromDb(rs.getString(5)),
            rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
            (Long) rs.getObject(13), rs.getString(14), (Long) rs.getObject(15), rs.getString(16),
            rs.getObject(17, OffsetDateTime.class), rs.getObject(18, OffsetDateTime.class), rs.getLong(19),
            rs.getString(20) == null ? null : new Order.Dispute(rs.getString(20), rs.getString(21), rs.getLong(22), rs.getString(23))))
        .list();
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, List<Order.Line>> lines = new LinkedHashMap<>();
    h.createQuery("""
            SELECT order_id, product_id, product_name, stripe_price_id, unit_amount, quantity, amount, currency
            FROM order_lines WHERE order_id = ANY(:ids) ORDER BY order_id, line_number""")
        .bindArray("ids", Long.class, rows.stream().map(Row::id).toList())
        .map((rs, c) -> Map.entry(rs.getLong(1), new Order.Line(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
            rs.getInt(6), rs.getLong(7), rs.getString(8))))
        .forEach(e -> lines.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return rows.stream().map(r -> new Order(r.id(), r.publicId(), r.storeId(), r.accountId(), r.status(), r.currency(), r.total(), r.fee(),
        r.session(), r.url(), r.email(), r.pi(), r.stripeTotal(), r.stripeCurrency(), r.stripeFee(), r.discrepancy(), r.createdAt(),
        r.paidAt(), r.refunded(), r.dispute(), lines.getOrDefault(r.id(), List.of()))).toList();
  }
}

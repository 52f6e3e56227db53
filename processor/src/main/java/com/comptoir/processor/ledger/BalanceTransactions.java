package com.comptoir.processor.ledger;

import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * BalanceTransactions ({@code txn_}, fact sheet §7.3): the account-facing view of the ledger. Each
 * is one change to one account's balance in one currency; its {@code net} is exactly what its
 * postings add to the account's pending (until {@code available_on}) and then available balance.
 */
final class BalanceTransactions {
  private BalanceTransactions() {}

  /** One line of {@code fee_details}. {@code application} is the platform's {@code ca_} for application fees. */
  record Fee(String type, long amount, String application, String description) {}

  /**
   * A balance transaction to record.
   *
   * @param amount the gross change, signed, in minor units
   * @param fees what is withheld from it; {@code net = amount − Σ fees}
   * @param available true when it counts as available at once (payouts, refunds, bypass-pending cards)
   * @param availableOn unix seconds
   */
  record Spec(String account, String type, String reportingCategory, String currency, long amount, List<Fee> fees,
      String sourceType, String source, String description, boolean available, long availableOn, long created) {

    long fee() {
      return fees.stream().mapToLong(Fee::amount).sum();
    }

    long net() {
      return Math.subtractExact(amount, fee());
    }
  }

  static Spec spec(String account, String type, String currency, long amount, List<Fee> fees, String sourceType, String source,
      boolean available, long availableOn, long created) {
    return new Spec(account, type, reportingCategory(type), currency, amount, fees, sourceType, source, null, available,
        availableOn, created);
  }

  /** Stripe's reporting category for a type; adjustments say theirs ({@code dispute}, {@code dispute_reversal}). */
  static String reportingCategory(String type) {
    return switch (type) {
      case "charge", "payment" -> "charge";
      case "refund", "payment_refund" -> "refund";
      case "refund_failure", "payment_failure_refund" -> "refund_failure";
      case "payment_reversal" -> "charge_failure";
      case "application_fee" -> "platform_earning";
      case "application_fee_refund" -> "platform_earning_refund";
      case "payout" -> "payout";
      case "payout_cancel", "payout_failure" -> "payout_reversal";
      case "adjustment" -> "other_adjustment";
      default -> throw new IllegalArgumentException("no reporting category for " + type);
    };
  }

  /** Records the transaction (its document and its index row) and returns the document; post its postings with it. */
  static ObjectNode create(Handle h, String id, Spec spec) {
    ObjectNode bt = document(id, spec);
    // The document (the row ResourceStore.insert writes) and its ledger index row, in one round trip.
    h.createUpdate("""
            WITH document AS (
              INSERT INTO resources (id, owner, object, created, body)
              VALUES (:id, :account, 'balance_transaction', :created, CAST(:body AS jsonb)))
            INSERT INTO ledger_balance_transactions (id, account, currency, source_type, type, source, amount, net, status, available_on, created)
            VALUES (:id, :account, :currency, :source_type, :type, :source, :amount, :net, :status, :available_on, :created)""")
        .bind("id", id).bind("account", spec.account()).bind("currency", spec.currency()).bind("source_type", spec.sourceType())
        .bind("type", spec.type()).bind("source", spec.source()).bind("amount", spec.amount()).bind("net", spec.net())
        .bind("status", status(spec)).bind("available_on", spec.availableOn())
        .bind("created", spec.created()).bind("body", Json.write(bt))
        .execute();
    return bt;
  }

  /** The BalanceTransaction document of {@code spec} as transaction {@code id}, not yet stored. */
  static ObjectNode document(String id, Spec spec) {
    if (!id.startsWith("txn_")) {
      throw new IllegalArgumentException(id);
    }
    ObjectNode bt = Json.object();
    bt.put("id", id);
    bt.put("object", "balance_transaction");
    bt.put("amount", spec.amount());
    bt.put("available_on", spec.availableOn());
    bt.put("created", spec.created());
    bt.put("currency", spec.currency());
    bt.put("description", spec.description());
    bt.putNull("exchange_rate");
    bt.put("fee", spec.fee());
    ArrayNode details = bt.putArray("fee_details");
    for (Fee fee : spec.fees()) {
      ObjectNode d = details.addObject();
      d.put("amount", fee.amount());
      d.put("application", fee.application());
      d.put("currency", spec.currency());
      d.put("description", fee.description());
      d.put("type", fee.type());
    }
    bt.put("net", spec.net());
    bt.put("reporting_category", spec.reportingCategory());
    bt.put("source", spec.source());
    bt.put("status", status(spec));
    bt.put("type", spec.type());
    return bt;
  }

  /** The status column and field: what the transaction counts towards until {@code available_on}. */
  static String status(Spec spec) {
    return spec.available() ? "available" : "pending";
  }

  /** The postings that book {@code spec} as transaction {@code id} on its account. */
  static Posting posting(String id, Spec spec) {
    return Posting.balance(spec.account(), spec.available() ? Posting.AVAILABLE : Posting.PENDING, spec.currency(), spec.net(),
        spec.sourceType(), id);
  }

  static String newId() {
    return Ids.next("txn_");
  }

  private record Due(String id, String currency, String sourceType, long net) {}

  /**
   * Moves every pending transaction of {@code account} that is available on or before
   * {@code dueSeconds} to its available balance: one entry, two postings per transaction.
   *
   * @return the currencies whose available balance changed
   */
  static Set<String> release(Handle h, String account, long dueSeconds, long nowMillis) {
    List<Due> due = h.createQuery("""
            SELECT id, currency, source_type, net FROM ledger_balance_transactions
            WHERE account = :account AND status = 'pending' AND available_on <= :due
            ORDER BY available_on, id FOR UPDATE""")
        .bind("account", account).bind("due", dueSeconds)
        .map((rs, ctx) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
        .list();
    Set<String> currencies = new TreeSet<>();
    if (due.isEmpty()) {
      return currencies;
    }
    List<Posting> postings = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Due d : due) {
      postings.add(Posting.balance(account, Posting.PENDING, d.currency(), -d.net(), d.sourceType(), d.id()));
      postings.add(Posting.balance(account, Posting.AVAILABLE, d.currency(), d.net(), d.sourceType(), d.id()));
      ids.add(d.id());
      currencies.add(d.currency());
    }
    Journal.post(h, "availability", account, nowMillis, postings);
    String[] idArray = ids.toArray(String[]::new);
    h.createUpdate("UPDATE ledger_balance_transactions SET status = 'available' WHERE id = ANY (:ids)").bind("ids", idArray).execute();
    h.createUpdate("""
            UPDATE resources SET body = jsonb_set(body, '{status}', '"available"')
            WHERE id = ANY (:ids) AND owner = :account AND object = 'balance_transaction'""")
        .bind("ids", idArray).bind("account", account).execute();
    return currencies;
  }
}

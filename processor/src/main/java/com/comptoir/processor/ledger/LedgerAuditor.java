package com.comptoir.processor.ledger;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The ledger audit (DESIGN: "a ledger audit ... runs in tests and is available to operators"):
 * every invariant the ledger relies on, re-checked from the database after the fact, on one
 * consistent snapshot. {@code GET /v1/test_helpers/ledger/audit} with the platform's key answers
 * the findings; an empty {@code findings} list means every check passed.
 */
final class LedgerAuditor {
  /** Findings reported per check at most: one broken invariant usually shows many times. */
  static final int MAX_FINDINGS_PER_CHECK = 50;

  private LedgerAuditor() {}

  /** One invariant, as a query returning {@code (subject, detail)} rows for what breaks it. */
  private record Check(String name, Subject subject, String description, String sql) {}

  /**
   * What a check's subject names, so that a finding is matched to a sandbox's row of that kind
   * only: a journal entry's number could name some other sandbox's posting.
   */
  private enum Subject {
    ENTRY("""
        EXISTS (SELECT 1 FROM ledger_postings p WHERE p.entry_id = f.number AND p.account IN (SELECT id FROM %1$s))"""),
    POSTING("""
        EXISTS (SELECT 1 FROM ledger_postings p WHERE p.id = f.number AND p.account IN (SELECT id FROM %1$s))"""),
    ACCOUNT("f.subject IN (SELECT id FROM %1$s)"),
    BALANCE_TRANSACTION("""
        EXISTS (SELECT 1 FROM ledger_balance_transactions b WHERE b.id = f.subject AND b.account IN (SELECT id FROM %1$s))"""),
    OBJECT("EXISTS (SELECT 1 FROM resources r WHERE r.id = f.subject AND r.owner IN (SELECT id FROM %1$s))");

    private final String belongsTo;

    Subject(String belongsTo) {
      this.belongsTo = belongsTo;
    }

    /** True when the finding {@code f} is about a row of the accounts in the CTE {@code accounts}. */
    String belongsTo(String accounts) {
      return belongsTo.formatted(accounts);
    }
  }

  private static final List<Check> CHECKS = List.of(
      new Check("entries_balance", Subject.ENTRY, "every journal entry sums to zero in each currency", """
          SELECT entry_id::text, currency || ' sums to ' || sum(amount) FROM ledger_postings
          GROUP BY entry_id, currency HAVING sum(amount) <> 0"""),
      new Check("balance_postings_belong_to_transactions", Subject.POSTING,
          "every posting to a pending or available balance belongs to a balance transaction of that account", """
          SELECT p.id::text, 'posting to ' || p.account || ' names ' || p.balance_transaction
          FROM ledger_postings p LEFT JOIN ledger_balance_transactions b ON b.id = p.balance_transaction
          WHERE p.bucket IN ('pending', 'available') AND (b.id IS NULL OR b.account <> p.account OR b.currency <> p.currency)"""),
      new Check("transactions_equal_their_postings", Subject.BALANCE_TRANSACTION,
          "each balance transaction's postings add up to its net, in pending until it is available and in available after", """
          SELECT b.id, 'net ' || b.net || ', status ' || b.status || ', postings: pending ' || coalesce(sum(p.amount) FILTER
                 (WHERE p.bucket = 'pending'), 0) || ', available ' || coalesce(sum(p.amount) FILTER (WHERE p.bucket = 'available'), 0)
          FROM ledger_balance_transactions b LEFT JOIN ledger_postings p ON p.balance_transaction = b.id
          GROUP BY b.id, b.net, b.status
          HAVING coalesce(sum(p.amount), 0) <> b.net
              OR (b.status = 'pending' AND coalesce(sum(p.amount) FILTER (WHERE p.bucket = 'available'), 0) <> 0)
              OR (b.status = 'available' AND coalesce(sum(p.amount) FILTER (WHERE p.bucket = 'pending'), 0) <> 0)"""),
      new Check("transaction_documents_agree", Subject.BALANCE_TRANSACTION,
          "each BalanceTransaction object shows its ledger row: net = amount − fee = Σ fee_details", """
          SELECT b.id, CASE WHEN r.id IS NULL THEN 'no BalanceTransaction object'
                 ELSE 'object: amount ' || (r.body ->> 'amount') || ', fee ' || (r.body ->> 'fee') || ', net ' || (r.body ->> 'net')
                      || ', status ' || (r.body ->> 'status') || '; ledger: net ' || b.net || ', status ' || b.status END
          FROM ledger_balance_transactions b
          LEFT JOIN resources r ON r.id = b.id AND r.owner = b.account AND r.object = 'balance_transaction'
          WHERE r.id IS NULL OR (r.body ->> 'net')::bigint <> b.net OR r.body ->> 'status' <> b.status
             OR (r.body ->> 'amount')::bigint - (r.body ->> 'fee')::bigint <> b.net
             OR (r.body ->> 'fee')::bigint <> (SELECT coalesce(sum((d ->> 'amount')::bigint), 0)
                                               FROM jsonb_array_elements(r.body -> 'fee_details') d)"""),
      new Check("balances_equal_transactions", Subject.ACCOUNT,
          "each account's pending and available balance (the sum of its postings) equals the sum of its balance transactions", """
          WITH postings AS (
              SELECT account, currency, bucket, sum(amount) AS amount FROM ledger_postings
              WHERE bucket IN ('pending', 'available') GROUP BY account, currency, bucket),
            transactions AS (
              SELECT account, currency, status AS bucket, sum(net) AS amount FROM ledger_balance_transactions
              GROUP BY account, currency, status)
          SELECT coalesce(p.account, t.account), coalesce(p.currency, t.currency) || ' ' || coalesce(p.bucket, t.bucket)
                 || ': postings ' || coalesce(p.amount, 0) || ', transactions ' || coalesce(t.amount, 0)
          FROM postings p FULL JOIN transactions t USING (account, currency, bucket)
          WHERE coalesce(p.amount, 0) <> coalesce(t.amount, 0)"""),
      // The Balance is read from sums kept beside the postings (V27_1); they must be the postings' sums, key for key.
      new Check("balance_sums_equal_postings", Subject.ACCOUNT,
          "each account's kept balance sums (what GET /v1/balance reads) equal the sums of its postings, per currency, bucket and source type", """
          WITH postings AS (
              SELECT account, currency, bucket, source_type, sum(amount) AS amount FROM ledger_postings
              WHERE bucket IN ('pending', 'available') GROUP BY account, currency, bucket, source_type),
            kept AS (
              SELECT account, currency, bucket, source_type, sum(amount) AS amount FROM ledger_balance_sums
              GROUP BY account, currency, bucket, source_type)
          SELECT coalesce(p.account, k.account), coalesce(p.currency, k.currency) || ' ' || coalesce(p.bucket, k.bucket) || ' '
                 || coalesce(p.source_type, k.source_type) || ': postings ' || coalesce(p.amount::text, 'none')
                 || ', kept sum ' || coalesce(k.amount::text, 'none')
          FROM postings p FULL JOIN kept k USING (account, currency, bucket, source_type)
          WHERE p.amount IS DISTINCT FROM k.amount"""),
      // The Dashboard's Home charts sums kept by day (V27_1); they must be the balance transactions' sums.
      new Check("daily_volume_equals_transactions", Subject.ACCOUNT,
          "the kept daily sums the Dashboard charts equal the amounts and counts of the balance transactions of each day", """
          WITH transactions AS (
              SELECT coalesce(a.platform_id, a.id) AS platform, a.platform_id IS NOT NULL AS connected, t.type, t.currency,
                     floor(t.created / 86400.0)::bigint AS day, sum(coalesce(t.amount, 0)) AS amount, count(*) AS count
              FROM ledger_balance_transactions t JOIN accounts a ON a.id = t.account GROUP BY 1, 2, 3, 4, 5),
            kept AS (
              SELECT platform, connected, type, currency, day, sum(amount) AS amount, sum(count) AS count FROM ledger_daily_volume
              GROUP BY 1, 2, 3, 4, 5 HAVING sum(count) <> 0 OR sum(amount) <> 0)
          SELECT coalesce(t.platform, k.platform), coalesce(t.type, k.type) || ' ' || coalesce(t.currency, k.currency) || ' day '
                 || coalesce(t.day, k.day) || (CASE WHEN coalesce(t.connected, k.connected) THEN ' (connected accounts)' ELSE '' END)
                 || ': transactions ' || coalesce(t.amount, 0) || ' in ' || coalesce(t.count, 0)
                 || ', kept ' || coalesce(k.amount, 0) || ' in ' || coalesce(k.count, 0)
          FROM transactions t FULL JOIN kept k USING (platform, connected, type, currency, day)
          WHERE coalesce(t.amount, 0) <> coalesce(k.amount, 0) OR coalesce(t.count, 0) <> coalesce(k.count, 0)"""),
      new Check("succeeded_charges_booked_once", Subject.OBJECT,
          "every succeeded charge has exactly one charge or payment balance transaction, and it is the charge's", """
          SELECT c.id, count(b.id) || ' balance transactions; the charge names ' || coalesce(c.body ->> 'balance_transaction', 'none')
          FROM resources c LEFT JOIN ledger_balance_transactions b ON b.source = c.id AND b.type IN ('charge', 'payment')
          WHERE c.object = 'charge' AND c.body ->> 'status' = 'succeeded'
          GROUP BY c.id, c.body
          HAVING count(b.id) <> 1 OR min(b.id) IS DISTINCT FROM c.body ->> 'balance_transaction'
             OR min(b.account) IS DISTINCT FROM min(c.owner)"""),
      new Check("charge_transactions_have_charges", Subject.BALANCE_TRANSACTION,
          "every charge balance transaction is of a succeeded charge", """
          SELECT b.id, 'source ' || b.source || ' is ' || coalesce(c.body ->> 'status', 'missing')
          FROM ledger_balance_transactions b
          LEFT JOIN resources c ON c.id = b.source AND c.object = 'charge' AND c.owner = b.account
          WHERE b.type IN ('charge', 'payment') AND c.body ->> 'status' IS DISTINCT FROM 'succeeded'"""),
      new Check("application_fees_match_charges", Subject.OBJECT,
          "a succeeded charge has one application fee exactly when its application_fee_amount is positive, for that amount", """
          SELECT c.id, 'application_fee_amount ' || coalesce(c.body ->> 'application_fee_amount', 'null') || ', '
                 || count(f.id) || ' application fees (' || coalesce(string_agg(f.body ->> 'amount', ', '), '') || '), charge names '
                 || coalesce(c.body ->> 'application_fee', 'none')
          FROM resources c LEFT JOIN resources f ON f.object = 'application_fee' AND f.body ->> 'charge' = c.id
          WHERE c.object = 'charge' AND c.body ->> 'status' = 'succeeded'
          GROUP BY c.id, c.body
          HAVING count(f.id) > 1
              OR (count(f.id) = 1) <> (coalesce((c.body ->> 'application_fee_amount')::bigint, 0) > 0)
              OR (count(f.id) = 1 AND (min(f.body ->> 'amount')::bigint <> (c.body ->> 'application_fee_amount')::bigint
                                       OR min(f.id) IS DISTINCT FROM c.body ->> 'application_fee'))"""),
      new Check("refunds_add_up", Subject.OBJECT, "a charge's amount_refunded is the sum of its pending and succeeded refunds", """
          SELECT c.id, 'amount_refunded ' || coalesce(c.body ->> 'amount_refunded', '0') || ', refunds ' || coalesce(sum((r.body ->> 'amount')::bigint), 0)
          FROM resources c LEFT JOIN resources r ON r.object = 'refund' AND r.owner = c.owner AND r.body ->> 'charge' = c.id
               AND r.body ->> 'status' IN ('pending', 'succeeded')
          WHERE c.object = 'charge'
          GROUP BY c.id, c.body
          HAVING coalesce((c.body ->> 'amount_refunded')::bigint, 0) <> coalesce(sum((r.body ->> 'amount')::bigint), 0)
              OR coalesce((c.body ->> 'amount_refunded')::bigint, 0) > (c.body ->> 'amount')::bigint"""),
      new Check("fee_refunds_add_up", Subject.OBJECT, "an application fee's amount_refunded is the sum of its fee refunds, at most its amount", """
          SELECT f.id, 'amount_refunded ' || (f.body ->> 'amount_refunded') || ', fee refunds ' || coalesce(sum((r.body ->> 'amount')::bigint), 0)
          FROM resources f LEFT JOIN resources r ON r.object = 'fee_refund' AND r.owner = f.owner AND r.body ->> 'fee' = f.id
          WHERE f.object = 'application_fee'
          GROUP BY f.id, f.body
          HAVING (f.body ->> 'amount_refunded')::bigint <> coalesce(sum((r.body ->> 'amount')::bigint), 0)
              OR (f.body ->> 'amount_refunded')::bigint > (f.body ->> 'amount')::bigint"""),
      new Check("clearing_accounts_settle", Subject.OBJECT,
          "money in flight is held exactly while its payout or refund is in flight, and nothing is left once it lands", """
          WITH clearing AS (SELECT ref, bucket, sum(amount) AS amount FROM ledger_postings WHERE account = 'clearing' GROUP BY ref, bucket),
            flights AS (
              SELECT id, object, body ->> 'status' AS status,
                     CASE WHEN object = 'payout' AND body ->> 'status' IN ('pending', 'in_transit') THEN (body ->> 'amount')::bigint
                          WHEN object = 'refund' AND body ->> 'status' = 'pending' THEN (body ->> 'amount')::bigint
                          ELSE 0 END AS in_flight
              FROM resources WHERE object IN ('payout', 'refund'))
          SELECT coalesce(c.ref, f.id), coalesce(f.object || ' ' || f.status, 'no payout or refund') || ' should hold ' || coalesce(f.in_flight, 0)
                 || ', clearing holds ' || coalesce(c.amount, 0)
          FROM clearing c FULL JOIN flights f ON f.id = c.ref
          WHERE coalesce(c.amount, 0) <> coalesce(f.in_flight, 0)"""),
      new Check("payouts_sum_to_their_transactions", Subject.OBJECT,
          "the balance transactions an automatic payout paid out add up to its amount (with its own, to zero)", """
          SELECT p.id, 'amount ' || (p.body ->> 'amount') || ', its transactions net ' || coalesce(sum(b.net), 0)
                 || ' besides its own ' || coalesce(sum(b.net) FILTER (WHERE b.type = 'payout' AND b.source = p.id), 0)
          FROM resources p LEFT JOIN ledger_balance_transactions b ON b.payout = p.id
          WHERE p.object = 'payout' AND (p.body ->> 'automatic')::boolean
          GROUP BY p.id, p.body
          HAVING coalesce(sum(b.net), 0) <> 0
              OR coalesce(sum(b.net) FILTER (WHERE b.type = 'payout' AND b.source = p.id), 0) <> -(p.body ->> 'amount')::bigint"""),
      // Sandboxes (issue #17) share the outside, processor and clearing accounts but nothing else:
      // an entry moving two sandboxes' money would let one sandbox's deletion unbalance the other.
      new Check("entries_within_one_sandbox", Subject.ENTRY, "every journal entry moves the money of one sandbox only", """
          SELECT p.entry_id::text, 'touches the accounts of ' || count(DISTINCT coalesce(a.platform_id, a.id)) || ' sandboxes'
          FROM ledger_postings p JOIN accounts a ON a.id = p.account
          GROUP BY p.entry_id
          HAVING count(DISTINCT coalesce(a.platform_id, a.id)) > 1"""));

  /**
   * A check's findings, leaving out what belongs to a deleted sandbox: its rows are removed in the
   * background in batches (sandboxes/SandboxPurge), and what is left of it until the last batch is
   * no longer part of anyone's books. A finding is its when its subject, of the kind its check
   * declares, is one of its accounts or a row of theirs.
   */
  private static String withoutDeletedSandboxes(Check check) {
    return """
        WITH gone AS (
          SELECT a.id FROM accounts a JOIN sandboxes s ON s.account_id = coalesce(a.platform_id, a.id)
          WHERE s.deleted_at IS NOT NULL),
        %s
        SELECT f.subject, f.detail FROM (
          -- CASE, not AND, guards the cast: PostgreSQL may evaluate an index condition before a filter.
          SELECT c.subject, c.detail, CASE WHEN c.subject ~ '^[0-9]{1,18}$' THEN c.subject::bigint END AS number
          FROM (%s) AS c (subject, detail)) AS f
        WHERE (NOT EXISTS (SELECT 1 FROM gone) OR NOT (%s))
          AND (NOT EXISTS (SELECT 1 FROM mine) OR %s)
        LIMIT %d""".formatted(MINE, check.sql(), check.subject().belongsTo("gone"), check.subject().belongsTo("mine"),
        MAX_FINDINGS_PER_CHECK);
  }

  /**
   * The accounts of the sandbox audited ({@code :sandbox}, its platform account): none when it is
   * the default sandbox, whose operator audits the whole processor; a sandbox's own key sees only
   * its own findings and totals, never another tenant's ids or money.
   */
  private static final String MINE = """
      mine AS (
        SELECT a.id FROM accounts a JOIN sandboxes s ON s.account_id = coalesce(a.platform_id, a.id)
        WHERE s.account_id = :sandbox AND NOT s.is_default)""";


  /** Runs every check on one snapshot and returns the report. */
  static ObjectNode audit(Handle h, String sandbox) {
    return h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, tx -> {
      tx.execute("SET TRANSACTION READ ONLY");
      ObjectNode report = Json.object();
      report.put("object", "ledger_audit");
      ArrayNode findings = Json.MAPPER.createArrayNode();
      ArrayNode checks = Json.MAPPER.createArrayNode();
      for (Check check : CHECKS) {
        List<String[]> rows = new ArrayList<>(tx.createQuery(withoutDeletedSandboxes(check)).bind("sandbox", sandbox)
            .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)}).list());
        ObjectNode checked = checks.addObject();
        checked.put("name", check.name());
        checked.put("description", check.description());
        checked.put("findings", rows.size());
        for (String[] row : rows) {
          ObjectNode f = findings.addObject();
          f.put("check", check.name());
          f.put("subject", row[0]);
          f.put("detail", row[1]);
        }
      }
      report.put("ok", findings.isEmpty());
      report.set("checks", checks);
      report.set("findings", findings);
      report.set("totals", totals(tx, sandbox));
      return report;
    });
  }

  /** What the world outside, the processor and the clearing accounts hold, per currency: the other side of every balance. */
  private static ArrayNode totals(Handle h, String sandbox) {
    ArrayNode totals = Json.MAPPER.createArrayNode();
    h.createQuery("""
            WITH %s
            SELECT account, bucket, currency, sum(amount) FROM ledger_postings
            WHERE account IN ('outside', 'processor', 'clearing')
              AND (NOT EXISTS (SELECT 1 FROM mine)
                   OR entry_id IN (SELECT entry_id FROM ledger_postings WHERE account IN (SELECT id FROM mine))
                   -- a payout or refund landing moves clearing to outside alone: its ref is the sandbox's object
                   OR entry_id IN (SELECT p.entry_id FROM ledger_postings p JOIN resources r ON r.id = p.ref
                                   WHERE p.account = 'clearing' AND r.owner IN (SELECT id FROM mine)))
            GROUP BY account, bucket, currency ORDER BY 1, 2, 3""".formatted(MINE))
        .bind("sandbox", sandbox)
        .map((rs, c) -> Json.object().put("account", rs.getString(1)).put("bucket", rs.getString(2))
            .put("currency", rs.getString(3)).put("amount", rs.getLong(4)))
        .forEach(totals::add);
    return totals;
  }

}

package com.comptoir.processor.sandboxes;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * One batch of a deleted sandbox's removal, in the caller's transaction: the rows of one of its
 * accounts (connected accounts first, the platform last), at most {@code batchRows} of a kind,
 * each found through an index by its account, its object id or its ledger entry.
 */
final class SandboxPurge {
  private final Handle h;
  private final String platform;
  private final int batchRows;

  SandboxPurge(Handle h, String platform, int batchRows) {
    this.h = h;
    this.platform = platform;
    this.batchRows = batchRows;
  }

  /** Deletes one batch; false when nothing of the sandbox is left but its {@code sandboxes} row. */
  boolean step() {
    String account = h.createQuery("SELECT id FROM accounts WHERE platform_id = :p LIMIT 1").bind("p", platform)
        .mapTo(String.class).findOne().orElse(null);
    if (account != null) {
      return ofAccount(account) || deleteAccount(account);
    }
    if (h.createQuery("SELECT count(*) FROM accounts WHERE id = :p").bind("p", platform).mapTo(Integer.class).one() == 0) {
      return false;
    }
    return ofAccount(platform)
        || deleted("DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE sandbox = :a LIMIT :n)", platform)
        || deleted("DELETE FROM api_request_logs WHERE id IN (SELECT id FROM api_request_logs WHERE platform_id = :a LIMIT :n)", platform)
        || deleteAccount(platform);
  }

  /** One batch of what belongs to {@code account}; false when nothing does any more. */
  private boolean ofAccount(String account) {
    return ledger(account)
        // Balance transactions no posting names: those of net 0 (fees that take all of a charge),
        // whose journal entry keeps no posting of 0, so no entry leads to them.
        || deleted("DELETE FROM ledger_balance_transactions WHERE id IN (SELECT id FROM ledger_balance_transactions WHERE account = :a LIMIT :n)",
            account)
        || endpoints(account)
        || resources(account)
        // Idempotency keys are scoped platform/account (api/Idempotency).
        || deleted("DELETE FROM idempotency_keys WHERE (scope, key) IN (SELECT scope, key FROM idempotency_keys WHERE scope = :a LIMIT :n)",
            platform + "/" + account)
        || deleted("DELETE FROM login_links WHERE account_id = :a", account)
        || deleted("DELETE FROM capability_requests WHERE account_id = :a", account)
        || deleted("DELETE FROM onboarding_sessions WHERE account_id = :a", account)
        || deleted("DELETE FROM account_links WHERE account_id = :a", account)
        || deleted("DELETE FROM dashboard_sessions WHERE account_id = :a", account)
        || deleted("DELETE FROM dashboard_logins WHERE account_id = :a", account)
        || deleted("DELETE FROM api_keys WHERE account_id = :a", account);
  }

  /**
   * Whole ledger entries that touch the account, with every entry settling the same payouts and
   * refunds through the clearing account or moving the same balance transactions: what is left
   * still balances entry by entry, and every balance transaction keeps all its postings.
   */
  private boolean ledger(String account) {
    List<Long> entries = h.createQuery("SELECT DISTINCT entry_id FROM ledger_postings WHERE account = :a LIMIT :n")
        .bind("a", account).bind("n", batchRows).mapTo(Long.class).list();
    if (entries.isEmpty()) {
      return false;
    }
    // The closure: entries sharing a payout's or refund's clearing reference, or a balance
    // transaction (its pending posting and the later entry that makes it available), go together,
    // so no posting is ever left naming a transaction already gone (the auditor checks it).
    Long[] ids = entries.toArray(Long[]::new);
    for (int grown = ids.length, before = 0; grown != before; before = grown, grown = ids.length) {
      ids = h.createQuery("""
              SELECT DISTINCT p.entry_id FROM ledger_postings p
              WHERE p.entry_id = ANY(:ids)
                 OR p.ref IN (SELECT ref FROM ledger_postings WHERE entry_id = ANY(:ids) AND ref IS NOT NULL)
                 OR p.balance_transaction IN (
                     SELECT balance_transaction FROM ledger_postings WHERE entry_id = ANY(:ids) AND balance_transaction IS NOT NULL)""")
          .bind("ids", ids).mapTo(Long.class).list().toArray(Long[]::new);
    }
    h.createUpdate("""
            DELETE FROM ledger_balance_transactions WHERE id IN (
                SELECT balance_transaction FROM ledger_postings WHERE entry_id = ANY(:ids) AND balance_transaction IS NOT NULL)""")
        .bind("ids", ids).execute();
    h.createUpdate("DELETE FROM ledger_postings WHERE entry_id = ANY(:ids)").bind("ids", ids).execute();
    h.createUpdate("DELETE FROM ledger_entries WHERE id = ANY(:ids)").bind("ids", ids).execute();
    return true;
  }

  /** The account's webhook endpoints, each with its deliveries and their attempts. */
  private boolean endpoints(String account) {
    String endpoint = h.createQuery("SELECT id FROM webhook_endpoints WHERE owner = :a LIMIT 1").bind("a", account)
        .mapTo(String.class).findOne().orElse(null);
    if (endpoint == null) {
      return false;
    }
    int attempts = h.createUpdate("""
            DELETE FROM webhook_attempts WHERE delivery_id IN (
                SELECT d.id FROM webhook_deliveries d WHERE d.endpoint_id = :e
                  AND EXISTS (SELECT 1 FROM webhook_attempts a WHERE a.delivery_id = d.id) LIMIT :n)""")
        .bind("e", endpoint).bind("n", batchRows).execute();
    if (attempts > 0) {
      return true;
    }
    int deliveries = h.createUpdate("DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = :e LIMIT :n)")
        .bind("e", endpoint).bind("n", batchRows).execute();
    if (deliveries == 0) {
      h.createUpdate("DELETE FROM webhook_endpoints WHERE id = :e").bind("e", endpoint).execute();
    }
    return true;
  }

  /** A batch of the account's objects, with the rows kept beside them by object id. */
  private boolean resources(String account) {
    String[] ids = h.createQuery("SELECT id FROM resources WHERE owner = :a LIMIT :n").bind("a", account).bind("n", batchRows)
        .mapTo(String.class).list().toArray(String[]::new);
    if (ids.length == 0) {
      return false;
    }
    h.createUpdate("""
            DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE event_id = ANY(:ids))""")
        .bind("ids", ids).execute();
    h.createUpdate("DELETE FROM webhook_deliveries WHERE event_id = ANY(:ids)").bind("ids", ids).execute();
    h.createUpdate("DELETE FROM payment_actions WHERE payment_intent = ANY(:ids)").bind("ids", ids).execute();
    h.createUpdate("DELETE FROM checkout_session_private WHERE id = ANY(:ids)").bind("ids", ids).execute();
    h.createUpdate("DELETE FROM payment_method_instruments WHERE id = ANY(:ids)").bind("ids", ids).execute();
    h.createUpdate("DELETE FROM file_contents WHERE id = ANY(:ids)").bind("ids", ids).execute();
    h.createUpdate("DELETE FROM resources WHERE id = ANY(:ids)").bind("ids", ids).execute();
    return true;
  }

  private boolean deleteAccount(String account) {
    h.createUpdate("DELETE FROM accounts WHERE id = :a").bind("a", account).execute();
    return true;
  }

  private boolean deleted(String sql, String account) {
    var update = h.createUpdate(sql).bind("a", account);
    if (sql.contains(":n")) {
      update.bind("n", batchRows);
    }
    return update.execute() > 0;
  }
}

package com.comptoir.processor.sandboxes;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code sandboxes} table, with each live sandbox's keys and Dashboard e-mail. */
final class SandboxRows {
  private SandboxRows() {}

  private static final String SELECT = """
      SELECT s.id, s.account_id, s.is_default, s.name, s.created, s.seq,
             (SELECT k.secret FROM api_keys k WHERE k.account_id = s.account_id AND k.kind = 'secret'
              ORDER BY k.created DESC, k.secret LIMIT 1) AS secret_key,
             (SELECT k.secret FROM api_keys k WHERE k.account_id = s.account_id AND k.kind = 'publishable'
              ORDER BY k.created DESC, k.secret LIMIT 1) AS publishable_key,
             (SELECT l.email FROM dashboard_logins l WHERE l.account_id = s.account_id) AS email,
             (SELECT r.body #>> '{settings,branding,primary_color}' FROM resources r WHERE r.id = s.account_id) AS primary_color,
             (SELECT r.body ->> 'country' FROM resources r WHERE r.id = s.account_id) AS country
      FROM sandboxes s WHERE s.deleted_at IS NULL""";

  static void insert(Handle h, String id, String accountId, String name, long nowSeconds) {
    h.createUpdate("""
            INSERT INTO sandboxes (id, account_id, name, created, last_used) VALUES (:id, :account, :name, :now, :now)""")
        .bind("id", id).bind("account", accountId).bind("name", name).bind("now", nowSeconds).execute();
  }

  /** Live sandboxes besides the default: what the limit counts. */
  static int countLive(Handle h) {
    return h.createQuery("SELECT count(*) FROM sandboxes WHERE deleted_at IS NULL AND NOT is_default").mapTo(Integer.class).one();
  }

  static Optional<Sandbox> find(Handle h, String id) {
    return h.createQuery(SELECT + " AND s.id = :id").bind("id", id).map((rs, c) -> Sandbox.of(rs)).findOne();
  }

  static Optional<Sandbox> findForUpdate(Handle h, String id) {
    return h.createQuery(SELECT + " AND s.id = :id FOR UPDATE OF s").bind("id", id).map((rs, c) -> Sandbox.of(rs)).findOne();
  }

  static Optional<Long> seqOf(Handle h, String id) {
    return h.createQuery("SELECT seq FROM sandboxes WHERE id = :id AND deleted_at IS NULL").bind("id", id).mapTo(Long.class).findOne();
  }

  /** Newest first, after or before the cursor's {@code seq}; {@code ascending} for {@code ending_before}'s pages. */
  static List<Sandbox> page(Handle h, Long cursorSeq, boolean after, boolean ascending, int limit) {
    String sql = SELECT + (cursorSeq == null ? "" : after ? " AND s.seq < :cursor" : " AND s.seq > :cursor")
        + (ascending ? " ORDER BY s.seq ASC" : " ORDER BY s.seq DESC") + " LIMIT :limit";
    var q = h.createQuery(sql).bind("limit", limit);
    if (cursorSeq != null) {
      q.bind("cursor", cursorSeq);
    }
    return q.map((rs, c) -> Sandbox.of(rs)).list();
  }

  /** Marks the sandbox deleted and revokes its keys; its rows go in the background ({@link SandboxCleanup}). */
  static void markDeleted(Handle h, Sandbox row, long nowSeconds) {
    markDeleted(h, row.id(), row.accountId(), nowSeconds);
  }

  static void markDeleted(Handle h, String id, String accountId, long nowSeconds) {
    h.createUpdate("UPDATE sandboxes SET deleted_at = :now WHERE id = :id").bind("now", nowSeconds).bind("id", id).execute();
    Sandboxes.revokeKeys(h, accountId);
    h.execute("NOTIFY " + SandboxCleanup.CHANNEL);
  }

  /**
   * Deletes the sandboxes (never the default) whose keys have made no request since
   * {@code cutoffSeconds}; returns their ids. A sandbox's last use is read from the request log
   * (the newest request its keys made, kept there for minutes at least) into {@code last_used}
   * first, so no write is added to the requests themselves.
   */
  static List<String> deleteIdle(Handle h, long cutoffSeconds, long nowSeconds) {
    h.execute("SELECT pg_advisory_xact_lock(hashtext('comptoir.sandboxes'))");
    h.createUpdate("""
            UPDATE sandboxes s SET last_used = greatest(s.last_used, coalesce((
                SELECT l.created_ms / 1000 FROM api_request_logs l WHERE l.platform_id = s.account_id ORDER BY l.id DESC LIMIT 1), 0))
            WHERE s.deleted_at IS NULL AND NOT s.is_default""").execute();
    List<String[]> idle = h.createQuery("""
            SELECT id, account_id FROM sandboxes WHERE deleted_at IS NULL AND NOT is_default AND last_used < :cutoff FOR UPDATE""")
        .bind("cutoff", cutoffSeconds).map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    for (String[] s : idle) {
      markDeleted(h, s[0], s[1], nowSeconds);
    }
    return idle.stream().map(s -> s[0]).toList();
  }
}

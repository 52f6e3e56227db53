package com.comptoir.processor.store;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code NOTIFY} sent once a transaction has committed, not inside it. PostgreSQL serialises the
 * commits of notifying transactions on one lock held through their WAL flush, so a NOTIFY inside
 * every account update or event made those commits wait for each other one fsync at a time (the
 * webhook benchmark's updates queued for pooled connections behind it). A notification here is
 * only a hint, a cache to drop or a worker to wake: what it points at has committed already, and
 * every listener also looks again on its own, so its own statement commits without waiting for
 * the disk ({@code synchronous_commit} off for that statement alone), and a lost one costs a
 * moment, not data.
 */
public final class Notify {
  private static final Logger LOG = LoggerFactory.getLogger(Notify.class);

  private Notify() {}

  /** Notifies {@code channel} with {@code payload} after {@code h}'s transaction commits (at once outside one). */
  public static void afterCommit(Handle h, String channel, String payload) {
    if (!h.isInTransaction()) {
      send(h, channel, payload);
      return;
    }
    h.afterCommit(() -> send(h, channel, payload));
  }

  private static void send(Handle h, String channel, String payload) {
    try {
      h.createQuery("SELECT set_config('synchronous_commit', 'off', true), pg_notify(:channel, :payload)")
          .bind("channel", channel).bind("payload", payload).mapToMap().one();
    } catch (RuntimeException e) {
      // The change committed; the listeners' own polling and expiry catch up without this hint.
      LOG.warn("NOTIFY {} after commit failed: {}", channel, e.toString());
    }
  }
}

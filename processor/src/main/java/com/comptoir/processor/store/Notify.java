package com.comptoir.processor.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;
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
 *
 * <p>All the notifications of one transaction go in that one statement (an account update names
 * the account to the caches and wakes the webhook workers: one round trip, not two), each once.
 */
public final class Notify {
  private static final Logger LOG = LoggerFactory.getLogger(Notify.class);

  private Notify() {}

  /** A notification waiting for its transaction's commit. */
  private record Note(String channel, String payload) {}

  /** What one handle's open transaction will notify: each handle gets its own set. */
  public static final class Pending implements JdbiConfig<Pending> {
    private final Set<Note> notes = new LinkedHashSet<>();

    public Pending() {}

    @Override
    public Pending createCopy() {
      return new Pending();
    }
  }

  /** Notifies {@code channel} with {@code payload} after {@code h}'s transaction commits (at once outside one). */
  public static void afterCommit(Handle h, String channel, String payload) {
    if (!h.isInTransaction()) {
      send(h, List.of(new Note(channel, payload)));
      return;
    }
    Set<Note> notes = h.getConfig(Pending.class).notes;
    if (notes.isEmpty()) {
      // The first of this transaction: one callback sends them all; a rollback drops them.
      h.afterCommit(() -> {
        List<Note> all = new ArrayList<>(notes);
        notes.clear();
        send(h, all);
      });
      h.afterRollback(notes::clear);
    }
    notes.add(new Note(channel, payload));
  }

  private static void send(Handle h, List<Note> notes) {
    try {
      h.createQuery("""
              SELECT set_config('synchronous_commit', 'off', true), count(pg_notify(n.channel, n.payload))
              FROM unnest(:channels, :payloads) AS n (channel, payload)""")
          .bind("channels", notes.stream().map(Note::channel).toArray(String[]::new))
          .bind("payloads", notes.stream().map(Note::payload).toArray(String[]::new))
          .mapToMap().one();
    } catch (RuntimeException e) {
      // The change committed; the listeners' own polling and expiry catch up without this hint.
      LOG.warn("NOTIFY {} after commit failed: {}", notes.get(0).channel(), e.toString());
    }
  }
}

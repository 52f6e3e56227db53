package com.comptoir.processor.events;

import com.comptoir.processor.store.Notify;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;
import org.jdbi.v3.core.statement.Update;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Writes the events a transaction published, and their deliveries, in one statement each just
 * before it commits, instead of one insert per event as they happen: a card payment publishes five.
 *
 * <p>Nothing is lost by waiting: the events are written inside the transaction, before its commit,
 * so they still commit with the change or not at all. A rollback (or a rollback to a savepoint
 * taken after them) drops them. Nothing reads an event in the transaction that publishes it.
 * On a {@link Jdbi} without this handler, or outside a transaction, {@link Events#publish} writes
 * at once, as before.
 */
public final class PublishOnCommit extends DelegatingTransactionHandler {
  /** Makes {@code jdbi}'s transactions write their published events on commit. */
  public static void install(Jdbi jdbi) {
    jdbi.setTransactionHandler(new PublishOnCommit(jdbi.getTransactionHandler()));
  }

  static boolean installedOn(Handle h) {
    return h.getJdbi().getTransactionHandler() instanceof PublishOnCommit;
  }

  private PublishOnCommit(TransactionHandler delegate) {
    super(delegate);
  }

  /** JDBI binds a handler to each handle; the bound one must keep writing on commit too. */
  @Override
  public TransactionHandler specialize(Handle h) throws java.sql.SQLException {
    return new PublishOnCommit(getDelegate().specialize(h));
  }

  @Override
  public <R, X extends Exception> R inTransaction(Handle h, HandleCallback<R, X> callback) throws X {
    return super.inTransaction(h, inner -> {
      R result = callback.withHandle(inner);
      flush(inner);
      return result;
    });
  }

  @Override
  public <R, X extends Exception> R inTransaction(Handle h, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
    return super.inTransaction(h, level, inner -> {
      R result = callback.withHandle(inner);
      flush(inner);
      return result;
    });
  }

  @Override
  public void commit(Handle h) {
    flush(h);
    super.commit(h);
  }

  @Override
  public void rollback(Handle h) {
    pending(h).clear();
    super.rollback(h);
  }

  @Override
  public void savepoint(Handle h, String name) {
    flush(h); // so that a rollback to it drops exactly what was published after it
    super.savepoint(h, name);
  }

  @Override
  public void rollbackToSavepoint(Handle h, String name) {
    pending(h).clear();
    super.rollbackToSavepoint(h, name);
  }

  /** One published event, waiting for its transaction's commit. */
  record Pending(String id, String account, long created, String body, List<String> endpoints, long dueMillis) {}

  /** The events one handle's open transaction has published: each handle gets its own list. */
  public static final class Queue implements JdbiConfig<Queue> {
    private final List<Pending> events = new ArrayList<>();

    public Queue() {}

    @Override
    public Queue createCopy() {
      return new Queue();
    }

    void clear() {
      events.clear();
    }
  }

  static Queue pending(Handle h) {
    return h.getConfig(Queue.class);
  }

  static void add(Handle h, Pending event) {
    pending(h).events.add(event);
  }

  /** Writes what is waiting: the events in the order published, then their deliveries. */
  static void flush(Handle h) {
    Queue queue = pending(h);
    if (queue.events.isEmpty()) {
      return;
    }
    List<Pending> events = List.copyOf(queue.events);
    queue.clear();
    write(h, events);
  }

  /**
   * Writes the events waiting now in the same statement as the insert of {@code object} (as
   * {@link ResourceStore#INSERT} stores it, {@code json} its text): a create and its
   * {@code *.created} event were two round trips. Events published after this wait for the commit
   * as before.
   */
  static void flushWith(Handle h, String owner, ObjectNode object, String json) {
    Queue queue = pending(h);
    List<Pending> events = List.copyOf(queue.events);
    queue.clear();
    write(h, events, new Stored(owner, object, json));
  }

  /** An object stored by the events' own statement. */
  private record Stored(String owner, ObjectNode object, String json) {}

  static void write(Handle h, List<Pending> events) {
    write(h, events, null);
  }

  private static void write(Handle h, List<Pending> events, Stored stored) {
    int n = events.size();
    String[] ids = new String[n];
    String[] owners = new String[n];
    long[] created = new long[n];
    String[] bodies = new String[n];
    List<String> deliveryEvents = new ArrayList<>();
    List<String> deliveryEndpoints = new ArrayList<>();
    List<Long> deliveryDue = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Pending p = events.get(i);
      ids[i] = p.id();
      owners[i] = p.account();
      created[i] = p.created();
      bodies[i] = p.body();
      for (String endpoint : p.endpoints()) {
        deliveryEvents.add(ids[i]);
        deliveryEndpoints.add(endpoint);
        deliveryDue.add(p.dueMillis());
      }
    }
    // One statement, one round trip: the object created with them (if any), the events, and their
    // deliveries. WITH ORDINALITY keeps the published order in seq, which is the order events are
    // listed in.
    List<String> parts = new ArrayList<>();
    if (stored != null) {
      parts.add("stored AS (" + ResourceStore.INSERT + ")");
    }
    String insertEvents = """
        INSERT INTO resources (id, owner, object, created, body)
        SELECT e.id, e.owner, 'event', e.created, CAST(e.body AS jsonb)
        FROM unnest(:event_ids, :event_owners, :event_created, :event_bodies) WITH ORDINALITY AS e (id, owner, created, body, n)
        ORDER BY e.n""";
    String last = insertEvents;
    if (!deliveryEvents.isEmpty()) {
      parts.add("events AS (" + insertEvents + ")");
      last = """
          INSERT INTO webhook_deliveries (event_id, endpoint_id, status, first_due_ms, next_attempt_ms, committed_at_ms)
          SELECT d.event, d.endpoint, 'pending', d.due, d.due, :wall
          FROM unnest(:events, :endpoints, :due) WITH ORDINALITY AS d (event, endpoint, due, n)
          ORDER BY d.n""";
    }
    Update insert = h.createUpdate((parts.isEmpty() ? "" : "WITH " + String.join(", ", parts) + " ") + last)
        .bind("event_ids", ids).bind("event_owners", owners).bind("event_created", created).bind("event_bodies", bodies);
    if (stored != null) {
      insert.bind("id", stored.object().get("id").asText()).bind("owner", stored.owner()).bind("object", stored.object().get("object").asText())
          .bind("created", stored.object().path("created").asLong()).bind("body", stored.json());
    }
    if (!deliveryEvents.isEmpty()) {
      insert.bind("events", deliveryEvents.toArray(String[]::new))
          .bind("endpoints", deliveryEndpoints.toArray(String[]::new))
          .bind("due", deliveryDue.stream().mapToLong(Long::longValue).toArray())
          .bind("wall", System.currentTimeMillis());
      Notify.afterCommit(h, Events.WEBHOOK_CHANNEL, "");
    }
    insert.execute();
  }
}

package com.comptoir.processor.events;

import com.comptoir.processor.store.Notify;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;

/**
 * Writes the events a transaction published, and their deliveries, in one statement each just
 * before it commits, instead of one insert per event as they happen: a card payment publishes five.
 * That last statement also carries the COMMIT, so a transaction's final write and its commit are one
 * round trip, not two: at one client the second round trip was a fifth of a Product create's time
 * (bench {@code creates}: a create's two rows replayed took 0.71 ms p50 committed apart, 0.51 ms in
 * autocommit), and at 16 clients a quarter of PostgreSQL's CPU per create.
 *
 * <p>An object created with its event ({@link Events#insertAndPublish}) waits with the events: it is
 * written by the transaction's next statement's round trip (just before that statement runs, so
 * whatever the transaction does next sees it) or, when nothing follows, with the events and the
 * COMMIT. pgjdbc then finds the transaction already ended and sends no COMMIT of its own.
 *
 * <p>Nothing is lost by waiting: the events are written inside the transaction, before its commit,
 * so they still commit with the change or not at all. A rollback (or a rollback to a savepoint
 * taken after them) drops them. Nothing reads an event in the transaction that publishes it.
 * On a {@link Jdbi} without this handler, or outside a transaction, {@link Events#publish} writes
 * at once, as before.
 */
public final class PublishOnCommit extends DelegatingTransactionHandler {
  /**
   * The handles whose created object is still waiting, by their connection: a statement customizer
   * is shown the connection, not the handle. An entry lives from the create to the handle's next
   * statement, commit or rollback.
   */
  private static final Map<Connection, Handle> WAITING = new ConcurrentHashMap<>();

  /** Makes {@code jdbi}'s transactions write their published events on commit. */
  public static void install(Jdbi jdbi) {
    jdbi.setTransactionHandler(new PublishOnCommit(jdbi.getTransactionHandler()));
    jdbi.addCustomizer(new StatementCustomizer() {
      @Override
      public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
        Handle h = WAITING.remove(ctx.getConnection());
        if (h != null) {
          flush(h); // the waiting create goes first: the statement about to run may read it
        }
      }
    });
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

  /** JDBI's transactions end here ({@code Handle.commit}, also from {@code inTransaction}). */
  @Override
  public void commit(Handle h) {
    WAITING.remove(h.getConnection());
    writeWaiting(h, true);
    super.commit(h); // pgjdbc sends no COMMIT when the transaction has already ended
  }

  @Override
  public void rollback(Handle h) {
    forget(h);
    super.rollback(h);
  }

  @Override
  public void savepoint(Handle h, String name) {
    flush(h); // so that a rollback to it drops exactly what was published after it
    super.savepoint(h, name);
  }

  @Override
  public void rollbackToSavepoint(Handle h, String name) {
    forget(h);
    super.rollbackToSavepoint(h, name);
  }

  private static void forget(Handle h) {
    WAITING.remove(h.getConnection());
    pending(h).clear();
  }

  /** One published event, waiting for its transaction's commit. */
  record Pending(String id, String account, long created, String body, List<String> endpoints, long dueMillis) {}

  /** The events one handle's open transaction has published: each handle gets its own list. */
  public static final class Queue implements JdbiConfig<Queue> {
    private final List<Pending> events = new ArrayList<>();
    /** The object created with the events, waiting with them; at most one. */
    private Stored stored;
    /** A create's own statement ({@link #deferWrite}), waiting; at most one. */
    private Deferred deferred;

    public Queue() {}

    @Override
    public Queue createCopy() {
      return new Queue();
    }

    void clear() {
      events.clear();
      stored = null;
      deferred = null;
    }

    boolean isEmpty() {
      return events.isEmpty() && stored == null && deferred == null;
    }
  }

  static Queue pending(Handle h) {
    return h.getConfig(Queue.class);
  }

  static void add(Handle h, Pending event) {
    pending(h).events.add(event);
  }

  /** Writes what is waiting now (the created object, the events in the order published, their deliveries), the transaction left open. */
  static void flush(Handle h) {
    WAITING.remove(h.getConnection());
    writeWaiting(h, false);
  }

  /**
   * Writes what {@code h}'s transaction has waiting: a deferred statement first, then the created
   * object, the events and their deliveries; with {@code commit}, the COMMIT goes with the last.
   */
  private static void writeWaiting(Handle h, boolean commit) {
    Queue queue = pending(h);
    if (queue.isEmpty()) {
      return;
    }
    List<Pending> events = List.copyOf(queue.events);
    Stored stored = queue.stored;
    Deferred deferred = queue.deferred;
    queue.clear();
    boolean more = !events.isEmpty() || stored != null;
    if (deferred != null) {
      deferred.execute(h, commit && !more);
    }
    if (more) {
      write(h, events, stored, commit);
    }
  }

  /**
   * Runs {@code sql}, bound by {@code binds}, as late as it can: just before the transaction's
   * next statement (which may read what it writes), or with its COMMIT in one round trip. A create
   * that publishes no event (an account, a Checkout Session) ends with one write; sent alone, its
   * COMMIT was a second round trip, as it was for products before their write went with the
   * events'. Outside a transaction, or on a {@link Jdbi} without this handler, it runs at once.
   * Events published before it are written after it: nothing reads them in between.
   */
  public static void deferWrite(Handle h, String sql, Consumer<Update> binds) {
    Deferred deferred = new Deferred(sql, binds);
    if (!(h.isInTransaction() && installedOn(h))) {
      deferred.execute(h, false);
      return;
    }
    Queue queue = pending(h);
    if (queue.stored != null || queue.deferred != null) {
      flush(h); // one statement waits at a time, so writes keep their order
    }
    queue.deferred = deferred;
    WAITING.put(h.getConnection(), h);
  }

  /** A statement waiting for the transaction's next statement or its commit. */
  private record Deferred(String sql, Consumer<Update> binds) {
    void execute(Handle h, boolean withCommit) {
      Update update = h.createUpdate(sql + (withCommit ? ";\nCOMMIT" : ""));
      binds.accept(update);
      update.execute();
    }
  }

  /**
   * Stores {@code object} (as {@link ResourceStore#INSERT} stores it, {@code json} its text) in the
   * same statement as the events: at the handle's next statement or its commit, whichever comes
   * first. A create and its {@code *.created} event were two round trips, and its commit a third.
   */
  static void flushWith(Handle h, String owner, ObjectNode object, String json) {
    Queue queue = pending(h);
    if (queue.stored != null || queue.deferred != null) {
      flush(h); // one object per statement: the one waiting goes first
    }
    queue.stored = new Stored(owner, object, json);
    WAITING.put(h.getConnection(), h);
  }

  /** An object stored by the events' own statement. */
  private record Stored(String owner, ObjectNode object, String json) {}

  static void write(Handle h, List<Pending> events) {
    write(h, events, null, false);
  }

  /**
   * At most this many bind parameters in one statement (PostgreSQL's protocol allows 65,535): a
   * transaction that publishes thousands of events, such as a test clock's advance, writes them in
   * several statements.
   */
  private static final int MAX_PARAMETERS = 30_000;
  /** The columns {@link ResourceStore#INSERT} fills, for rows bound by position. */
  private static final String INSERT_RESOURCES = "INSERT INTO resources (id, owner, object, created, body) VALUES ";

  /** {@link #writeStatement} for each part of {@code events} that fits in one statement; the last carries {@code stored} and the COMMIT. */
  private static void write(Handle h, List<Pending> events, Stored stored, boolean commit) {
    int from = 0;
    int parameters = 0;
    for (int i = 0; i < events.size(); i++) {
      int own = 4 + 5 * events.get(i).endpoints().size();
      if (parameters + own > MAX_PARAMETERS && i > from) {
        writeStatement(h, events.subList(from, i), null, false);
        from = i;
        parameters = 0;
      }
      parameters += own;
    }
    writeStatement(h, events.subList(from, events.size()), stored, commit);
  }

  /**
   * One statement: {@code stored} if any, the events, their deliveries; with {@code commit}, the
   * COMMIT in the same round trip. Plain JDBC with a row of values per event: every write of the
   * API ends here. It bound an array per column through JDBI, so pgjdbc escaped each JSON body into
   * an array literal and PostgreSQL parsed it back; the binding alone was a tenth of the processor's
   * CPU in a product create (async-profiler, 16 clients), and product creates went from 1,923–2,169
   * to 2,420–2,896 a second with this (wrk, 16 clients, the two builds alternated).
   */
  private static void writeStatement(Handle h, List<Pending> events, Stored stored, boolean commit) {
    int deliveries = 0;
    for (Pending p : events) {
      deliveries += p.endpoints().size();
    }
    // The rows are inserted in the order of their values, so seq keeps the published order,
    // which is the order events are listed in. Every insert but the last is a CTE of the last,
    // in the order they are bound below.
    List<String> inserts = new ArrayList<>(3);
    if (stored != null) {
      inserts.add(INSERT_RESOURCES + "(?, ?, ?, ?, CAST(? AS jsonb))");
    }
    if (!events.isEmpty()) {
      inserts.add(rows(INSERT_RESOURCES, events.size(), "(?, ?, 'event', ?, CAST(? AS jsonb))"));
    }
    if (deliveries > 0) {
      inserts.add(rows("INSERT INTO webhook_deliveries (event_id, endpoint_id, status, first_due_ms, next_attempt_ms, committed_at_ms) VALUES ",
          deliveries, "(?, ?, 'pending', ?, ?, ?)"));
    }
    if (inserts.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder(256);
    for (int i = 0; i < inserts.size() - 1; i++) {
      sql.append(i == 0 ? "WITH " : ", ").append("w").append(i).append(" AS (").append(inserts.get(i)).append(")");
    }
    // pgjdbc sends a text of two statements as two queries in one round trip (one Sync): when the
    // first fails, the server skips the COMMIT and the transaction stays failed, to be rolled back.
    sql.append(inserts.size() > 1 ? " " : "").append(inserts.getLast()).append(commit ? ";\nCOMMIT" : "");
    try (PreparedStatement statement = h.getConnection().prepareStatement(sql.toString())) {
      int i = 1;
      if (stored != null) {
        statement.setString(i++, stored.object().get("id").asText());
        statement.setString(i++, stored.owner());
        statement.setString(i++, stored.object().get("object").asText());
        statement.setLong(i++, stored.object().path("created").asLong());
        statement.setString(i++, stored.json());
      }
      for (Pending p : events) {
        statement.setString(i++, p.id());
        statement.setString(i++, p.account());
        statement.setLong(i++, p.created());
        statement.setString(i++, p.body());
      }
      if (deliveries > 0) {
        long wall = System.currentTimeMillis();
        for (Pending p : events) {
          for (String endpoint : p.endpoints()) {
            statement.setString(i++, p.id());
            statement.setString(i++, endpoint);
            statement.setLong(i++, p.dueMillis());
            statement.setLong(i++, p.dueMillis());
            statement.setLong(i++, wall);
          }
        }
        Notify.afterCommit(h, Events.WEBHOOK_CHANNEL, "");
      }
      statement.execute();
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
  }

  private static String rows(String insert, int n, String row) {
    StringBuilder sql = new StringBuilder(insert.length() + n * (row.length() + 2)).append(insert);
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "" : ", ").append(row);
    }
    return sql.toString();
  }
}

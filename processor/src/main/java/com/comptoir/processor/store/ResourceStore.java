package com.comptoir.processor.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Stripe objects as JSON documents, each owned by exactly one account. Every read names the
 * owner: another account's object is simply not found (a 404, as on Stripe).
 *
 * <p>Plain storage: what else must follow a write (an account's cached copy dropped through
 * {@link HotCache#changed}) is the writer's business.
 */
public final class ResourceStore {
  private ResourceStore() {}

  /**
   * How an object is stored (named parameters id, owner, object, created, body): public so that a
   * create writing several rows in one statement stores its object exactly as {@link #insert} does.
   */
  public static final String INSERT =
      "INSERT INTO resources (id, owner, object, created, body) VALUES (:id, :owner, :object, :created, CAST(:body AS jsonb))";
  /** Replaces only an object of the same owner and kind: an id never moves between accounts. */
  private static final String UPSERT = INSERT + " ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body"
      + " WHERE resources.owner = EXCLUDED.owner AND resources.object = EXCLUDED.object";

  /**
   * Stores a new object; returns the JSON text stored, which a create can send as its answer
   * (serialised once) as long as it changes nothing after this.
   */
  public static String insert(Handle h, String owner, ObjectNode body) {
    String json = Json.write(body);
    write(h, INSERT, owner, body, json);
    return json;
  }

  private static int write(Handle h, String sql, String owner, ObjectNode body) {
    return write(h, sql, owner, body, Json.write(body));
  }

  private static int write(Handle h, String sql, String owner, ObjectNode body, String json) {
    return h.createUpdate(sql)
        .bind("id", body.get("id").asText())
        .bind("owner", owner)
        .bind("object", body.get("object").asText())
        .bind("created", body.path("created").asLong())
        .bind("body", json)
        .execute();
  }

  /**
   * Inserts the object, or replaces the stored one with the same id, owner and kind: one round trip
   * for code that does not know whether it was stored yet (an intent's first move).
   */
  public static void save(Handle h, String owner, ObjectNode body) {
    int rows = write(h, UPSERT, owner, body);
    if (rows != 1) {
      throw new IllegalStateException(body.get("id").asText() + " belongs to another owner or is another kind of object");
    }
  }

  /**
   * Stores the new object {@code inserted} and saves {@code saved} (as {@link #save} does), both
   * owned by {@code owner}, in one statement: a move that makes a charge stores the charge and its
   * PaymentIntent together, one round trip instead of two.
   */
  public static void insertThenSave(Handle h, String owner, ObjectNode inserted, ObjectNode saved) {
    int rows = h.createUpdate("WITH inserted AS (INSERT INTO resources (id, owner, object, created, body)"
            + " VALUES (:inserted_id, :owner, :inserted_object, :inserted_created, CAST(:inserted_body AS jsonb))) " + UPSERT)
        .bind("inserted_id", inserted.get("id").asText())
        .bind("inserted_object", inserted.get("object").asText())
        .bind("inserted_created", inserted.path("created").asLong())
        .bind("inserted_body", Json.write(inserted))
        .bind("id", saved.get("id").asText())
        .bind("owner", owner)
        .bind("object", saved.get("object").asText())
        .bind("created", saved.path("created").asLong())
        .bind("body", Json.write(saved))
        .execute();
    if (rows != 1) {
      throw new IllegalStateException(saved.get("id").asText() + " belongs to another owner or is another kind of object");
    }
  }

  public static Optional<ObjectNode> find(Handle h, String owner, String id) {
    return findJson(h, owner, id).map(Json::parseObject);
  }

  /** The stored JSON text, for responses that need no change to it. */
  public static Optional<String> findJson(Handle h, String owner, String id) {
    return h.createQuery("SELECT body::text FROM resources WHERE id = :id AND owner = :owner")
        .bind("id", id)
        .bind("owner", owner)
        .mapTo(String.class)
        .findOne();
  }

  /** The stored JSON of an object of the given kind ({@code "event"}, {@code "price"}, …). */
  public static Optional<String> findJson(Handle h, String owner, String id, String object) {
    return findJson(h, owner, id, object, "");
  }

  private static Optional<String> findJson(Handle h, String owner, String id, String object, String lock) {
    return h.createQuery("SELECT body::text FROM resources WHERE id = :id AND owner = :owner AND object = :object" + lock)
        .bind("id", id)
        .bind("owner", owner)
        .bind("object", object)
        .mapTo(String.class)
        .findOne();
  }

  /** Reads and row-locks the object for a read-modify-write inside the caller's transaction. */
  public static Optional<ObjectNode> findForUpdate(Handle h, String owner, String id) {
    return h.createQuery("SELECT body::text FROM resources WHERE id = :id AND owner = :owner FOR UPDATE")
        .bind("id", id)
        .bind("owner", owner)
        .mapTo(String.class)
        .findOne()
        .map(Json::parseObject);
  }

  /** Reads and row-locks an object of the given kind, as {@link #findForUpdate(Handle, String, String)}. */
  public static Optional<ObjectNode> findForUpdate(Handle h, String owner, String id, String object) {
    return findJson(h, owner, id, object, " FOR UPDATE").map(Json::parseObject);
  }

  /** Any object by id within the given owners: used by expansion, which may cross to the platform. */
  public static Optional<ObjectNode> findAmong(Handle h, String id, String ownerA, String ownerB) {
    return h.createQuery("SELECT body::text FROM resources WHERE id = :id AND owner IN (:a, :b)")
        .bind("id", id)
        .bind("a", ownerA)
        .bind("b", ownerB)
        .mapTo(String.class)
        .findOne()
        .map(Json::parseObject);
  }

  /**
   * How an object is replaced (named parameters id, body): public so that a statement writing
   * several rows replaces its object exactly as {@link #update} does.
   */
  public static final String UPDATE = "UPDATE resources SET body = CAST(:body AS jsonb) WHERE id = :id";

  public static void update(Handle h, ObjectNode body) {
    int rows = h.createUpdate(UPDATE)
        .bind("id", body.get("id").asText())
        .bind("body", Json.write(body))
        .execute();
    if (rows != 1) {
      throw new IllegalStateException("updated " + rows + " rows for " + body.get("id"));
    }
  }

  public static void delete(Handle h, String owner, String id) {
    h.createUpdate("DELETE FROM resources WHERE id = :id AND owner = :owner").bind("id", id).bind("owner", owner).execute();
  }
}

package com.comptoir.processor.api;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Stripe list objects over the resource store (fact sheet §1.7): newest first, {@code limit}
 * 1–100 (default 10), cursors {@code starting_after} / {@code ending_before}, {@code created}
 * ranges, {@code has_more}.
 */
public final class Lists {
  static final long DEFAULT_LIMIT = 10;

  private Lists() {}

  /** The parameters every list endpoint takes; add an endpoint's own filters with {@code field}. */
  public static Shape.ObjectShape params() {
    return Shape.object()
        .field("limit", Shape.integer().min(1).max(100))
        .field("starting_after", Shape.string())
        .field("ending_before", Shape.string())
        .field("created", Shape.timestampRange())
        .field("expand", Shape.array(Shape.string()));
  }

  /** An extra SQL condition on {@code resources} (aliased {@code r}) with its named bindings. */
  public record Filter(String sql, Map<String, Object> bindings) {
    public static final Filter NONE = new Filter("", Map.of());

    public Filter and(String moreSql) {
      return new Filter(sql + " AND " + moreSql, bindings);
    }

    public Filter and(String moreSql, String name, Object value) {
      var b = new java.util.HashMap<>(bindings);
      b.put(name, value);
      return new Filter(sql + " AND " + moreSql, b);
    }

    /** Each of {@code fields} the request gives keeps only objects whose top-level field has that value ({@code ?charge=ch_...}). */
    public Filter andEqual(Params params, String... fields) {
      Filter filter = this;
      for (String field : fields) {
        if (params.string(field) != null) {
          filter = filter.and("(r.body ->> '" + field + "') = :eq_" + field, "eq_" + field, params.string(field));
        }
      }
      return filter;
    }
  }

  public static ObjectNode page(Handle h, Params params, String owner, String object, String url, Filter filter) {
    long limit = params.integer("limit") == null ? DEFAULT_LIMIT : params.integer("limit");
    String after = params.string("starting_after");
    String before = params.string("ending_before");
    if (after != null && before != null) {
      throw StripeError.invalidRequest("parameters_exclusive", "ending_before",
          "You may only specify one of these parameters: starting_after, ending_before.");
    }
    StringBuilder sql = new StringBuilder("SELECT r.body::text FROM resources r WHERE r.owner = :owner AND r.object = :object");
    sql.append(filter.sql());
    Params created = params.object("created");
    if (created != null) {
      for (String op : List.of("gt", "gte", "lt", "lte")) {
        if (created.integer(op) != null) {
          sql.append(" AND r.created ").append(Map.of("gt", ">", "gte", ">=", "lt", "<", "lte", "<=").get(op)).append(" :created_").append(op);
        }
      }
    }
    String cursor = after != null ? after : before;
    if (cursor != null) {
      sql.append(after != null ? " AND r.seq < :cursor_seq" : " AND r.seq > :cursor_seq");
    }
    sql.append(before != null ? " ORDER BY r.seq ASC" : " ORDER BY r.seq DESC").append(" LIMIT :limit");

    Query q = h.createQuery(sql.toString()).bind("owner", owner).bind("object", object).bind("limit", limit + 1);
    filter.bindings().forEach(q::bind);
    if (created != null) {
      for (String op : List.of("gt", "gte", "lt", "lte")) {
        if (created.integer(op) != null) {
          q.bind("created_" + op, created.integer(op));
        }
      }
    }
    if (cursor != null) {
      Long seq = h.createQuery("SELECT seq FROM resources WHERE id = :id AND owner = :owner AND object = :object")
          .bind("id", cursor).bind("owner", owner).bind("object", object)
          .mapTo(Long.class).findOne()
          .orElseThrow(() -> StripeError.noSuch(object, cursor, after != null ? "starting_after" : "ending_before"));
      q.bind("cursor_seq", seq);
    }
    List<String> rows = new ArrayList<>(q.mapTo(String.class).list());
    boolean hasMore = rows.size() > limit;
    if (hasMore) {
      rows = rows.subList(0, (int) limit);
    }
    if (before != null) {
      Collections.reverse(rows);
    }
    ObjectNode list = Json.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    rows.forEach(r -> data.add(Json.parseObject(r)));
    list.put("has_more", hasMore);
    list.put("url", url);
    return list;
  }
}

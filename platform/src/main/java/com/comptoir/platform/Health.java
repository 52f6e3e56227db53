package com.comptoir.platform;

import io.javalin.http.Context;
import org.jdbi.v3.core.Jdbi;

/** {@code GET /healthz}: 200 once migrations are done and the database answers, 503 otherwise. */
final class Health {
  private final Jdbi jdbi;

  Health(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void handle(Context ctx) {
    boolean up;
    try {
      up = jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      up = false;
    }
    ctx.status(up ? 200 : 503)
        .contentType("application/json")
        .result("{\"status\":\"" + (up ? "ok" : "unavailable") + "\",\"system\":\"platform\"}");
  }
}

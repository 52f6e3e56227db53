package com.comptoir.processor.dashboard;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Where a newest-first list of the platform's Dashboard is, by the id of a row: {@code after} opens
 * the page of rows older than that one, {@code before} the page of newer ones (read oldest first,
 * so the nearest come first, then turned). A list reads one row more than a page, so it knows
 * whether another page follows.
 */
record IdCursor(String after, String before) {

  /** A page of rows as shown, with the links to the older and the newer page (null where there is none). */
  record Page<T>(List<T> rows, String olderUrl, String newerUrl) {}

  /** The request's cursor; {@code after} wins when both are given. */
  static IdCursor of(Context ctx) {
    String after = DashboardFilters.text(ctx.queryParam("after"));
    return new IdCursor(after, after.isEmpty() ? DashboardFilters.text(ctx.queryParam("before")) : "");
  }

  /**
   * The page from {@code read} (at most {@code pageSize} + 1 rows, in the order the query read
   * them), its links made of {@code pathAndQuery} (ending in {@code ?} or {@code &}) and the cursor.
   */
  <T> Page<T> page(List<T> read, int pageSize, Function<T, String> id, String pathAndQuery) {
    boolean more = read.size() > pageSize;
    List<T> shown = new ArrayList<>(read.subList(0, Math.min(read.size(), pageSize)));
    if (!before.isEmpty()) {
      Collections.reverse(shown); // a page before the cursor was read oldest first
    }
    if (shown.isEmpty()) {
      return new Page<>(shown, null, null);
    }
    // Older: after the last row shown, if there are more; newer: before the first, unless this is the newest page.
    boolean older = !before.isEmpty() || more;
    boolean newer = before.isEmpty() ? !after.isEmpty() : more;
    return new Page<>(shown, older ? pathAndQuery + "after=" + id.apply(shown.getLast()) : null,
        newer ? pathAndQuery + "before=" + id.apply(shown.getFirst()) : null);
  }
}

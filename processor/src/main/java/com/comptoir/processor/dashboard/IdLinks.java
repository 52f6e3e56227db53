package com.comptoir.processor.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where an object id links to in the platform's Dashboard, read from its prefix: the object's own
 * page where there is one, else the search box's answer, which says what it is and where it is.
 */
public final class IdLinks {
  private IdLinks() {}

  /** The Dashboard path that shows {@code id}; ids of no known kind go to the search box. */
  public static String href(String id) {
    if (id == null || id.isEmpty()) {
      return "/dashboard";
    }
    String prefix = id.indexOf('_') > 0 ? id.substring(0, id.indexOf('_') + 1) : "";
    String page = switch (prefix) {
      case "acct_" -> "/dashboard/accounts/";
      case "pi_", "ch_", "py_" -> "/dashboard/payments/";
      case "evt_" -> "/dashboard/events/";
      case "req_" -> "/dashboard/logs/";
      default -> null;
    };
    return page != null && id.matches("[A-Za-z0-9_]{1,255}") ? page + id
        : "/dashboard/search?q=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.logs.RequestLog;
import com.comptoir.processor.logs.RequestLog.Retention;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Settings → Logs of the platform's Dashboard: how many API requests, and for how many days,
 * Developers → Logs keeps ({@link RequestLog#save}); every instance's log writer prunes to it
 * within seconds. Until it is set here, the log keeps what the processor was started with.
 */
public final class LogRetentionPage {
  static final String PATH = "/dashboard/settings/logs";

  private final Jdbi jdbi;

  private LogRetentionPage(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static void install(JavalinConfig config, Jdbi jdbi, PlatformPages platform) {
    LogRetentionPage page = new LogRetentionPage(jdbi);
    config.routes.get(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> page.render(ctx, 200, nav,
        "saved".equals(ctx.queryParam("done")) ? "The log's retention is saved; older requests are removed within a minute." : null, null, Map.of())));
    config.routes.post(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> page.save(ctx, nav)));
  }

  private void save(Context ctx, PlatformNav nav) {
    Map<String, String> typed = new LinkedHashMap<>();
    typed.put("max_requests", value(ctx, "max_requests"));
    typed.put("max_age_days", value(ctx, "max_age_days"));
    Map<String, String> errors = new LinkedHashMap<>();
    long requests = number(typed.get("max_requests"));
    long days = number(typed.get("max_age_days"));
    if (requests < 1 || requests > Retention.MAX_REQUESTS) {
      errors.put("max_requests", "Enter a whole number of requests from 1 to 1,000,000.");
    }
    if (days < 1 || days > Retention.MAX_AGE.toDays()) {
      errors.put("max_age_days", "Enter a whole number of days from 1 to " + Retention.MAX_AGE.toDays() + ".");
    }
    if (!errors.isEmpty()) {
      render(ctx, 400, nav, null, typed, errors);
      return;
    }
    jdbi.useHandle(h -> RequestLog.save(h, new Retention((int) requests, Duration.ofDays(days))));
    ctx.redirect(PATH + "?done=saved", HttpStatus.SEE_OTHER);
  }

  private static String value(Context ctx, String field) {
    String v = ctx.formParam(field);
    return v == null ? "" : v.strip();
  }

  /** A whole number as people type it ("10,000" too), or -1. */
  private static long number(String typed) {
    String digits = typed.replace(",", "").replace(" ", "");
    return digits.matches("[0-9]{1,9}") ? Long.parseLong(digits) : -1;
  }

  private void render(Context ctx, int status, PlatformNav nav, String notice, Map<String, String> typed, Map<String, String> errors) {
    Retention current = jdbi.withHandle(h -> RequestLog.current(h, Retention.DEFAULT));
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("notice", notice);
    params.put("errors", errors);
    params.put("maxRequests", typed != null ? typed.get("max_requests") : String.valueOf(current.maxRequests()));
    params.put("maxAgeDays", typed != null ? typed.get("max_age_days") : String.valueOf(current.maxAge().toDays()));
    Pages.render(ctx, status, "dashboard/platform/log_retention.jte", params);
  }
}

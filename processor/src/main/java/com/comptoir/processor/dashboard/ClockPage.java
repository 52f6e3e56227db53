package com.comptoir.processor.dashboard;

import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.time.ClockApi;
import com.comptoir.processor.time.Jobs;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Developers → Test clock of the platform's Dashboard: the processor clock's now, buttons that
 * advance it by an hour, a day, three days or a week, or by a typed amount, through
 * {@link ClockApi#advance} (what {@code POST /v1/test_helpers/clock/advance} runs), saying how
 * much due work ran. The ledger auditor's verdict is on its own page ({@link AuditPage}), run on request.
 */
public final class ClockPage {
  private final Jdbi jdbi;
  private final ProcessorClock clock;
  private final Jobs jobs;

  private ClockPage(Jdbi jdbi, ProcessorClock clock, Jobs jobs) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.jobs = jobs;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, Jobs jobs, PlatformPages platform) {
    ClockPage page = new ClockPage(jdbi, clock, jobs);
    config.routes.get("/dashboard/clock", ctx -> platform.withPlatform(ctx, "/dashboard/clock",
        (s, nav) -> page.render(ctx, 200, s.accountId(), nav, notice(ctx.queryParam("ran"), ctx.queryParam("by")), null, "", "days")));
    config.routes.post("/dashboard/clock/advance", ctx -> platform.withPlatform(ctx, "/dashboard/clock", (s, nav) -> page.advance(ctx, s, nav)));
  }

  public record Option(String value, String label) {}

  public static final List<Option> STEPS = List.of(new Option("hour", "Advance 1 hour"), new Option("day", "Advance 1 day"),
      new Option("3days", "Advance 3 days"), new Option("week", "Advance 1 week"));

  public static final List<Option> UNITS = List.of(new Option("minutes", "minutes"), new Option("hours", "hours"),
      new Option("days", "days"));

  private void advance(Context ctx, Session s, PlatformNav nav) {
    String by = ctx.formParam("by");
    String amount = ctx.formParam("amount") == null ? "" : ctx.formParam("amount").strip();
    String unit = ctx.formParam("unit") == null ? "days" : ctx.formParam("unit");
    long seconds;
    switch (by == null ? "" : by) {
      case "hour" -> seconds = Duration.ofHours(1).toSeconds();
      case "day" -> seconds = Duration.ofDays(1).toSeconds();
      case "3days" -> seconds = Duration.ofDays(3).toSeconds();
      case "week" -> seconds = Duration.ofDays(7).toSeconds();
      case "amount" -> {
        long perUnit = switch (unit) {
          case "minutes" -> 60;
          case "hours" -> 3_600;
          case "days" -> 86_400;
          default -> 0;
        };
        if (perUnit == 0 || !amount.matches("[0-9]{1,6}") || Long.parseLong(amount) < 1
            || Long.parseLong(amount) * perUnit > ClockApi.maxAdvanceSeconds()) {
          render(ctx, 400, s.accountId(), nav, null, "Enter a whole number of " + (perUnit == 0 ? "days" : unit)
              + ", 1 or more, up to a year in all.", amount, unit);
          return;
        }
        seconds = Long.parseLong(amount) * perUnit;
      }
      default -> {
        render(ctx, 400, s.accountId(), nav, null, "Choose how far to advance the clock.", amount, unit);
        return;
      }
    }
    // The signed-in platform is a sandbox: only its clock moves.
    int ran = ClockApi.advance(clock, jobs, s.accountId(), seconds);
    // The session's hour is on the default sandbox's clock: the one who moved it stays signed in.
    if (s.accountId().equals(clock.defaultSandbox())) {
      jdbi.useHandle(h -> h.createUpdate("UPDATE dashboard_sessions SET expires_at = expires_at + :s WHERE id = :id")
          .bind("s", seconds).bind("id", s.id()).execute());
    }
    ctx.redirect("/dashboard/clock?by=" + seconds + "&ran=" + ran, HttpStatus.SEE_OTHER);
  }

  /** After an advance's redirect: how far the clock moved and how many jobs ran (numbers only are echoed). */
  private static String notice(String ran, String by) {
    if (ran == null || by == null || !ran.matches("[0-9]{1,9}") || !by.matches("[0-9]{1,9}")) {
      return null;
    }
    long seconds = Long.parseLong(by);
    String moved = seconds % 86_400 == 0 ? seconds / 86_400 + (seconds == 86_400 ? " day" : " days")
        : seconds % 3_600 == 0 ? seconds / 3_600 + (seconds == 3_600 ? " hour" : " hours") : seconds / 60 + " minutes";
    int jobsRan = Integer.parseInt(ran);
    return "The clock moved forward " + moved + "; " + (jobsRan == 0 ? "no scheduled work was due."
        : jobsRan + (jobsRan == 1 ? " scheduled job" : " scheduled jobs") + " ran (expiries, settlements, funds becoming available,"
            + " payouts, webhook retries).");
  }

  private void render(Context ctx, int status, String sandbox, PlatformNav nav, String notice, String error, String amount, String unit) {
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("now", DashboardLinks.time(clock.now(sandbox)));
    params.put("offsetDays", String.format(java.util.Locale.ROOT, "%.2f", clock.offsetSeconds(sandbox) / 86_400.0));
    params.put("notice", notice);
    params.put("error", error);
    params.put("amount", amount);
    params.put("unit", unit);
    Pages.render(ctx, status, "dashboard/platform/clock.jte", params);
  }
}

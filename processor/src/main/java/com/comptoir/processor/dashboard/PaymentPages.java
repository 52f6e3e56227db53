package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Payments in the platform's Dashboard: the PaymentIntents of the platform and of every connected
 * account, newest first, paged by cursor and filtered by account, status and currency; and a
 * payment's page, its whole timeline ({@link PaymentTimeline}), opened by its PaymentIntent's id
 * or by the id of one of its charges.
 */
public final class PaymentPages {
  static final int PAGE_SIZE = 25;
  static final String PATH = "/dashboard/payments";

  private final Jdbi jdbi;

  private PaymentPages(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, PlatformPages platform) {
    PaymentPages pages = new PaymentPages(jdbi);
    config.routes.get(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.list(ctx, s.accountId(), nav)));
    config.routes.get(PATH + "/{id}", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.show(ctx, s.accountId(), nav)));
  }

  public record Row(String id, String status, String amount, String account, String customer, String method, String created) {}

  public record Option(String value, String label) {}

  /** PaymentIntent's statuses, as Stripe names them, with the words the Dashboard shows. */
  public static final List<Option> STATUSES = List.of(new Option("", "All"), new Option("succeeded", "Succeeded"),
      new Option("processing", "Processing"), new Option("requires_payment_method", "Incomplete: needs a payment method"),
      new Option("requires_confirmation", "Incomplete: needs confirming"), new Option("requires_action", "Incomplete: needs the customer"),
      new Option("requires_capture", "Uncaptured"), new Option("canceled", "Canceled"));

  /** The words for a status (the wire name for one we do not know). */
  public static String statusLabel(String status) {
    return STATUSES.stream().filter(o -> o.value().equals(status) && !status.isEmpty()).map(Option::label).findFirst().orElse(status);
  }

  private void list(Context ctx, String platformId, PlatformNav nav) {
    String account = DashboardFilters.text(ctx.queryParam("account"));
    String status = DashboardFilters.text(ctx.queryParam("status"));
    String currency = DashboardFilters.text(ctx.queryParam("currency")).toLowerCase(java.util.Locale.ROOT);
    IdCursor cursor = IdCursor.of(ctx);
    IdCursor.Page<Row> page = cursor.page(jdbi.withHandle(h -> page(h, platformId, account, status, currency, cursor.after(), cursor.before())),
        PAGE_SIZE, Row::id, PATH + "?" + DashboardLinks.query("account", account, "status", status, "currency", currency));
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("rows", page.rows());
    params.put("account", account);
    params.put("status", status);
    params.put("currency", currency);
    params.put("olderUrl", page.olderUrl());
    params.put("newerUrl", page.newerUrl());
    Pages.render(ctx, 200, "dashboard/platform/payments.jte", params);
  }

  /**
   * One more row than a page, so the page knows whether another follows. Newest first by
   * {@code seq} through the partial indexes of V25_1 (all accounts, or by status) or the owner's
   * index (one account); the method is the latest charge's, else the first the intent allows.
   */
  static List<Row> page(Handle h, String platformId, String account, String status, String currency, String after, String before) {
    StringBuilder sql = new StringBuilder("""
        SELECT r.id, r.owner, r.created, r.body ->> 'status' AS status, (r.body ->> 'amount')::bigint AS amount,
               r.body ->> 'currency' AS currency, r.body ->> 'customer' AS customer,
               coalesce(c.body #>> '{payment_method_details,type}', r.body #>> '{payment_method_types,0}') AS method
        FROM resources r LEFT JOIN resources c ON c.id = r.body ->> 'latest_charge' AND c.owner = r.owner
        WHERE r.object = 'payment_intent' AND r.owner IN (SELECT id FROM accounts WHERE id = :platform OR platform_id = :platform)""");
    if (!account.isEmpty()) {
      sql.append(" AND r.owner = :account");
    }
    if (!status.isEmpty()) {
      sql.append(" AND (r.body ->> 'status') = :status");
    }
    if (!currency.isEmpty()) {
      sql.append(" AND (r.body ->> 'currency') = :currency");
    }
    if (!after.isEmpty()) {
      sql.append(" AND r.seq < (SELECT seq FROM resources WHERE id = :after AND object = 'payment_intent') ORDER BY r.seq DESC");
    } else if (!before.isEmpty()) {
      sql.append(" AND r.seq > (SELECT seq FROM resources WHERE id = :before AND object = 'payment_intent') ORDER BY r.seq ASC");
    } else {
      sql.append(" ORDER BY r.seq DESC");
    }
    sql.append(" LIMIT ").append(PAGE_SIZE + 1);
    return h.createQuery(sql.toString()).bind("platform", platformId).bind("account", account).bind("status", status)
        .bind("currency", currency).bind("after", after).bind("before", before)
        .map((rs, c) -> new Row(rs.getString("id"), rs.getString("status"),
            Currencies.format(rs.getLong("amount"), rs.getString("currency")), rs.getString("owner"), rs.getString("customer"),
            rs.getString("method"), DashboardLinks.time(rs.getLong("created"))))
        .list();
  }

  private void show(Context ctx, String platformId, PlatformNav nav) {
    String id = DashboardFilters.text(ctx.pathParam("id"));
    if (id.startsWith("ch_") || id.startsWith("py_")) {
      // A charge opens its payment's page: the timeline is the PaymentIntent's, the charge one step of it.
      Optional<String> intent = jdbi.withHandle(h -> PaymentTimeline.intentOfCharge(h, platformId, id));
      if (intent.isPresent()) {
        ctx.redirect(PATH + "/" + intent.get() + "#" + id, HttpStatus.SEE_OTHER);
        return;
      }
    }
    Optional<PaymentTimeline> timeline = jdbi.withHandle(h -> PaymentTimeline.load(h, platformId, id));
    if (timeline.isEmpty()) {
      Pages.message(ctx, 404, "There is no such payment", "No payment " + id + " belongs to your platform or its connected accounts.",
          PATH, "All payments");
      return;
    }
    Pages.render(ctx, 200, "dashboard/platform/payment.jte", Map.of("nav", nav, "p", timeline.get()));
  }
}

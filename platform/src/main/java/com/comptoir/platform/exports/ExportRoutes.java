package com.comptoir.platform.exports;

import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.stripe.StripeApi;
import com.comptoir.platform.web.Chrome;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import com.stripe.exception.StripeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV exports for the merchant's accountant, for days they choose: {@code /exports/orders.csv}
 * (orders with their fee breakdown) and {@code /exports/payouts.csv} (payouts with the orders
 * they paid). Streamed as they are read; RFC 4180 with a header row, UTF-8. Always the session's
 * store: nothing in the address names one. A GET that changes nothing, so no CSRF token is needed.
 */
public final class ExportRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ExportRoutes.class);

  /** The form: the range as typed (or last month by default) and why it was refused, if it was. */
  public record ExportsPage(Chrome chrome, String from, String to, String problem) {}

  @FunctionalInterface
  private interface CsvBody {
    void write(CSVPrinter out, Jdbi jdbi, StripeApi stripe, Store store, ExportRange range) throws IOException, StripeException;
  }

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final StripeApi stripe;

  public ExportRoutes(Jdbi jdbi, Sessions sessions, Pages pages, StripeApi stripe) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.stripe = stripe;
  }

  public void register(RoutesConfig routes) {
    routes.get("/exports", ctx -> {
      sessions.requireMerchant(ctx);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      pages.render(ctx, "exports/exports.jte", new ExportsPage(sessions.chrome(ctx, "merchant"), today.minusDays(29).toString(),
          today.toString(), null));
    });
    routes.get("/exports/orders.csv", ctx -> export(ctx, "orders", OrdersCsv::write));
    routes.get("/exports/payouts.csv", ctx -> export(ctx, "payouts", PayoutsCsv::write));
  }

  private void export(Context ctx, String what, CsvBody body) throws IOException {
    long merchantId = sessions.requireMerchant(ctx);
    Store store = jdbi.withHandle(h -> Stores.ofMerchant(h, merchantId));
    ExportRange range;
    try {
      range = ExportRange.parse(ctx.queryParam("from"), ctx.queryParam("to"));
    } catch (ExportRange.InvalidRange e) {
      refuse(ctx, 422, e.getMessage());
      return;
    }
    ctx.contentType("text/csv; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"" + what + "_" + range.fileSuffix() + ".csv\"");
    ctx.header("Cache-Control", "no-store");
    Writer writer = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
    try (CSVPrinter out = new CSVPrinter(writer, CSVFormat.RFC4180)) {
      body.write(out, jdbi, stripe, store, range);
    } catch (StripeException e) {
      LOG.warn("{} export of store {} stopped: {}", what, store.id(), StripeApi.describe(e));
      if (ctx.res().isCommitted()) {
        throw new IOException("Stripe stopped answering during the export", e); // the download ends short, not silently complete
      }
      ctx.res().resetBuffer();
      refuse(ctx, 502, "Stripe did not answer just now (" + StripeApi.describe(e) + "). Try the export again in a moment.");
    }
  }

  private void refuse(Context ctx, int status, String problem) {
    ctx.header("Content-Disposition", "inline");
    pages.render(ctx, status, "exports/exports.jte", new ExportsPage(sessions.chrome(ctx, "merchant"),
        ctx.queryParam("from"), ctx.queryParam("to"), problem));
  }
}

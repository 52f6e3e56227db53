package com.comptoir.processor.payments;

import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Stripe's test pages for {@code next_action.redirect_to_url}: the 3-D Secure challenge ("Complete"
 * or "Fail") and the bank redirect ("Authorize test payment" or "Fail test payment", fact sheet
 * §6.5). The answer moves the PaymentIntent, then the customer goes to {@code return_url} with
 * {@code payment_intent}, {@code payment_intent_client_secret} and {@code redirect_status}.
 */
public final class PaymentActionPages {
  private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

  private PaymentActionPages() {}

  public static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, PaymentIntents intents) {
    config.routes.get("/payments/authorize/{token}", ctx -> show(ctx, jdbi));
    config.routes.post("/payments/authorize/{token}", ctx -> decide(ctx, jdbi, clock, intents));
  }

  private record Action(String accountId, String platformId, String intentId, String kind, String returnUrl, Long usedAt) {}

  private static Optional<Action> action(org.jdbi.v3.core.Handle h, String token, boolean lock) {
    return h.createQuery("SELECT account_id, platform_id, payment_intent, kind, return_url, used_at FROM payment_actions WHERE token = :t"
            + (lock ? " FOR UPDATE" : ""))
        .bind("t", token)
        .map((rs, c) -> new Action(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            (Long) rs.getObject(6)))
        .findOne();
  }

  private static void show(Context ctx, Jdbi jdbi) {
    ctx.header("Cache-Control", "no-store");
    String token = ctx.pathParam("token");
    var found = jdbi.withHandle(h -> action(h, token, false).map(a -> Map.entry(a,
        ResourceStore.findJson(h, a.accountId(), a.intentId(), "payment_intent").map(Json::parseObject).orElseThrow())));
    if (found.isEmpty()) {
      ctx.status(404).contentType("text/html").result(render(new AuthorizeView("Stripe", "This page is not valid",
          "Go back to the shop and try again.", "—", "—", null, null, null)));
      return;
    }
    Action a = found.get().getKey();
    ObjectNode pi = found.get().getValue();
    String merchant = jdbi.withHandle(h -> h.createQuery("SELECT body -> 'business_profile' ->> 'name' FROM resources WHERE id = :id")
        .bind("id", a.accountId()).mapTo(String.class).findOne().orElse(null));
    String amount = Currencies.format(pi.get("amount").asLong(), pi.get("currency").asText());
    boolean secure = "three_d_secure".equals(a.kind());
    String method = pi.path("payment_method_types").size() > 0 ? bankName(jdbi, a, pi) : "your bank";
    AuthorizeView view = secure
        ? new AuthorizeView("3D Secure test page", "Authenticate this payment",
            "This is a test 3D Secure page. Complete to authenticate the payment, or fail to see what a customer sees when authentication fails.",
            merchant == null ? a.accountId() : merchant, amount, a.usedAt() == null ? "/payments/authorize/" + token : null,
            "Complete", "Fail")
        : new AuthorizeView(method + " test payment page", "Authorize the payment at " + method,
            "This is a test page: no money moves. Authorize to pay, or fail to see what a customer sees when their bank refuses.",
            merchant == null ? a.accountId() : merchant, amount, a.usedAt() == null ? "/payments/authorize/" + token : null,
            "Authorize test payment", "Fail test payment");
    ctx.contentType("text/html; charset=utf-8").result(render(view));
  }

  private static String bankName(Jdbi jdbi, Action a, ObjectNode pi) {
    String pm = pi.path("payment_method").asText();
    String type = jdbi.withHandle(h -> h.createQuery("SELECT body ->> 'type' FROM resources WHERE id = :id").bind("id", pm)
        .mapTo(String.class).findOne().orElse("bank"));
    return switch (type) {
      case "ideal" -> "iDEAL";
      case "bancontact" -> "Bancontact";
      case "eps" -> "EPS";
      case "p24" -> "Przelewy24";
      case "sofort" -> "Sofort";
      default -> "your bank";
    };
  }

  private static void decide(Context ctx, Jdbi jdbi, ProcessorClock clock, PaymentIntents intents) {
    String token = ctx.pathParam("token");
    boolean authorized = "authorize".equals(ctx.formParam("decision"));
    Optional<String> redirect = jdbi.inTransaction(h -> {
      Optional<Action> a = action(h, token, true);
      if (a.isEmpty() || a.get().usedAt() != null) {
        return Optional.<String>empty();
      }
      long nowMillis = clock.nowMillis(a.get().platformId());
      h.createUpdate("UPDATE payment_actions SET used_at = :now WHERE token = :t").bind("now", Math.floorDiv(nowMillis, 1000)).bind("t", token).execute();
      ObjectNode pi = ResourceStore.findForUpdate(h, a.get().accountId(), a.get().intentId()).orElseThrow();
      intents.completeAction(h, EventContext.automatic(a.get().platformId(), nowMillis), a.get().accountId(), pi, a.get().kind(), authorized,
          Math.floorDiv(nowMillis, 1000));
      String url = a.get().returnUrl();
      if (url == null) {
        return Optional.of("");
      }
      PaymentIntentStatus reached = PaymentIntentStatus.of(pi);
      String status = reached == PaymentIntentStatus.SUCCEEDED || reached == PaymentIntentStatus.PROCESSING ? "succeeded" : "failed";
      return Optional.of(url + (url.contains("?") ? "&" : "?") + "payment_intent=" + pi.get("id").asText()
          + "&payment_intent_client_secret=" + URLEncoder.encode(pi.get("client_secret").asText(), StandardCharsets.UTF_8)
          + "&redirect_status=" + status);
    });
    if (redirect.isEmpty()) {
      ctx.status(410).contentType("text/html").result(render(new AuthorizeView("Stripe", "This payment page has been used",
          "Go back to the shop to see how the payment went.", "—", "—", null, null, null)));
    } else if (redirect.get().isEmpty()) {
      ctx.contentType("text/html").result(render(new AuthorizeView("Stripe", authorized ? "Authorized" : "Failed",
          "You can close this page.", "—", "—", null, null, null)));
    } else {
      ctx.redirect(redirect.get());
    }
  }

  private static String render(AuthorizeView view) {
    StringOutput out = new StringOutput();
    TEMPLATES.render("payments/authorize.jte", view, out);
    return out.toString();
  }
}

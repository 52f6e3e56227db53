package com.comptoir.processor.dashboard;

import com.comptoir.processor.accounts.ConnectActions;
import com.comptoir.processor.api.Caller;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.dashboard.Sessions.Session;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.time.ProcessorClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The actions on a connected account's page, each through {@link ConnectActions} (the code of the
 * endpoints): create an account link and show it to copy, reject the account with a reason, make a
 * login link into an Express holder's dashboard. Stripe's own refusals are shown as they are
 * worded, with what was typed kept.
 */
final class AccountActions {
  /** Who the Dashboard acts as: the platform, with no API key of its own (the session stands for it). */
  private static final String DASHBOARD_KEY = "the platform's Dashboard";

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  AccountActions(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  private static Caller platform(Session s) {
    return new Caller(s.accountId(), s.accountId(), DASHBOARD_KEY);
  }

  void accountLink(Context ctx, Session s, PlatformNav nav) {
    String id = ctx.pathParam("id");
    Map<String, String> typed = new LinkedHashMap<>();
    for (String field : new String[] {"type", "refresh_url", "return_url"}) {
      typed.put(field, DashboardFilters.text(ctx.formParam(field)));
    }
    String type = "account_update".equals(typed.get("type")) ? "account_update" : "account_onboarding";
    act(ctx, s, nav, id, typed, () -> jdbi.inTransaction(h -> {
      requireOwn(h, s, id);
      ObjectNode link = ConnectActions.createAccountLink(h, platform(s), id, type, typed.get("refresh_url"), typed.get("return_url"),
          clock.now(s.accountId()), AccountView.origin(ctx));
      return new AccountView.Outcome("The account link is ready. It works once, for five minutes: send it to the account's holder.",
          null, "Account link", link.get("url").asText(), typed);
    }));
  }

  void reject(Context ctx, Session s, PlatformNav nav) {
    String id = ctx.pathParam("id");
    String reason = DashboardFilters.text(ctx.formParam("reason"));
    act(ctx, s, nav, id, Map.of("reason", reason), () -> jdbi.inTransaction(h -> {
      requireOwn(h, s, id);
      ConnectActions.reject(h, platform(s), EventContext.automatic(s.accountId(), clock.nowMillis(s.accountId())), id, reason);
      return new AccountView.Outcome("The account is rejected: its charges and payouts are off for good.", null, null, null, Map.of());
    }));
  }

  void loginLink(Context ctx, Session s, PlatformNav nav) {
    String id = ctx.pathParam("id");
    act(ctx, s, nav, id, Map.of(), () -> jdbi.inTransaction(h -> {
      requireOwn(h, s, id);
      ObjectNode link = ConnectActions.createLoginLink(h, platform(s), id, clock.now(s.accountId()), AccountView.origin(ctx));
      return new AccountView.Outcome("The login link is ready. It works once, for five minutes; opening it in this browser signs you"
          + " out of your platform Dashboard and into the holder's.", null, "Login link", link.get("url").asText(), Map.of());
    }));
  }

  /** A connected account of another platform is not found, whatever the action: the API would say 403, the page 404. */
  private static void requireOwn(org.jdbi.v3.core.Handle h, Session s, String id) {
    if (AccountPages.find(h, s.accountId(), DashboardFilters.text(id)).isEmpty()) {
      throw new NotFound();
    }
  }

  private static final class NotFound extends RuntimeException {
    NotFound() {
      super(null, null, false, false);
    }
  }

  @FunctionalInterface
  private interface Action {
    AccountView.Outcome run();
  }

  private void act(Context ctx, Session s, PlatformNav nav, String id, Map<String, String> typed, Action action) {
    AccountView.Outcome outcome;
    try {
      try {
        outcome = action.run();
      } catch (RuntimeException e) {
        // a transaction callback's exception may come back wrapped
        throw e.getCause() instanceof StripeError || e.getCause() instanceof NotFound ? (RuntimeException) e.getCause() : e;
      }
    } catch (NotFound e) {
      Pages.message(ctx, 404, "There is no such connected account", "No connected account " + DashboardFilters.text(id)
          + " belongs to your platform.", AccountPages.PATH, "All connected accounts");
      return;
    } catch (StripeError e) {
      AccountView.render(ctx, jdbi, 400, s.accountId(), nav, id, new AccountView.Outcome(null, e.getMessage(), null, null, typed));
      return;
    }
    AccountView.render(ctx, jdbi, 200, s.accountId(), nav, id, outcome);
  }
}

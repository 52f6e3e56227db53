package com.comptoir.processor.dashboard;

import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A connected account's page in the platform's Dashboard: where it stands and what it still needs
 * (in words), its capabilities, persons, bank accounts, balance, recent payouts and payments, and
 * the forms of its actions, with what an action answered ({@link Outcome}).
 */
public record AccountView(String id, String name, String type, String country, String email, String created, boolean chargesEnabled,
    boolean payoutsEnabled, String state, boolean rejected, List<String> currentlyDue, List<String> pastDue, List<String> eventuallyDue,
    String currentDeadline, List<Pair> capabilities, List<Person> persons, List<Bank> banks, List<BalanceRow> balance,
    List<Payout> payouts, List<PaymentPages.Row> payments) {

  public record Pair(String name, String value) {}

  public record Person(String id, String name, String relationship, String email, String verification) {}

  public record Bank(String id, String bank, String last4, String country, String currency, String status, boolean isDefault) {}

  public record Payout(String id, String amount, String status, String arrivalDate, String created, boolean automatic) {}

  /**
   * What an action left to show: a confirmation, an error (with the form's typed values kept), or a
   * link made (an account link or a login link) for the platform to copy.
   */
  public record Outcome(String notice, String error, String linkLabel, String link, Map<String, String> typed) {
    static final Outcome NONE = new Outcome(null, null, null, null, Map.of());

    public String typed(String name, String otherwise) {
      return typed.getOrDefault(name, otherwise);
    }
  }

  static final int RECENT = 10;

  static void render(Context ctx, Jdbi jdbi, int status, String platformId, PlatformNav nav, String id, Outcome outcome) {
    Optional<AccountView> view = jdbi.inTransaction(h -> load(h, platformId, DashboardFilters.text(id)));
    if (view.isEmpty()) {
      Pages.message(ctx, 404, "There is no such connected account", "No connected account " + DashboardFilters.text(id)
          + " belongs to your platform.", AccountPages.PATH, "All connected accounts");
      return;
    }
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("a", view.get());
    params.put("outcome", outcome);
    params.put("origin", origin(ctx));
    Pages.render(ctx, status, "dashboard/platform/account.jte", params);
  }

  /** Where this Dashboard is reached: the links it makes are for the same processor. */
  static String origin(Context ctx) {
    return ctx.scheme() + "://" + ctx.host();
  }

  static Optional<AccountView> load(Handle h, String platformId, String id) {
    return AccountPages.find(h, platformId, id).map(a -> of(h, platformId, a));
  }

  private static AccountView of(Handle h, String platformId, ObjectNode a) {
    String id = a.path("id").asText();
    JsonNode req = a.path("requirements");
    List<Pair> capabilities = new ArrayList<>();
    a.path("capabilities").properties().forEach(e -> capabilities.add(new Pair(e.getKey(), e.getValue().asText())));
    List<Bank> banks = new ArrayList<>();
    for (JsonNode b : a.at("/external_accounts/data")) {
      banks.add(new Bank(b.path("id").asText(), b.path("bank_name").asText(""), b.path("last4").asText(""),
          b.path("country").asText(""), b.path("currency").asText("").toUpperCase(), b.path("status").asText(""),
          b.path("default_for_currency").asBoolean()));
    }
    long deadline = req.path("current_deadline").asLong(0);
    return new AccountView(id, Overview.businessName(a), a.path("type").asText(), a.path("country").asText(),
        a.path("email").asText(null), DashboardLinks.time(a.path("created").asLong()), a.path("charges_enabled").asBoolean(),
        a.path("payouts_enabled").asBoolean(), AccountPages.state(a), req.path("disabled_reason").asText("").startsWith("rejected."),
        RequirementWords.fields(req.path("currently_due")), RequirementWords.fields(req.path("past_due")),
        RequirementWords.fields(req.path("eventually_due")), deadline == 0 ? null : DashboardLinks.time(deadline), capabilities,
        persons(h, id), banks, BalanceRow.of(Ledger.balance(h, id)), payouts(h, id),
        PaymentPages.page(h, platformId, id, "", "", "", "").stream().limit(RECENT).toList());
  }

  private static List<Person> persons(Handle h, String accountId) {
    return h.createQuery("SELECT body::text FROM resources WHERE owner = :id AND object = 'person' ORDER BY seq")
        .bind("id", accountId).mapTo(String.class).map(Json::parseObject).map(p -> {
          List<String> roles = new ArrayList<>();
          p.path("relationship").properties().forEach(e -> {
            if (e.getValue().asBoolean(false)) {
              roles.add(e.getKey());
            }
          });
          String name = (p.path("first_name").asText("") + " " + p.path("last_name").asText("")).strip();
          return new Person(p.path("id").asText(), name.isEmpty() ? "(no name yet)" : name, String.join(", ", roles),
              p.path("email").asText(null), p.at("/verification/status").asText(""));
        }).list();
  }

  /** The account's newest payouts, through its (owner, object, seq) index. */
  private static List<Payout> payouts(Handle h, String accountId) {
    return h.createQuery("SELECT body::text FROM resources WHERE owner = :id AND object = 'payout' ORDER BY seq DESC LIMIT " + RECENT)
        .bind("id", accountId).mapTo(String.class).map(Json::parseObject)
        .map(p -> new Payout(p.path("id").asText(), Currencies.format(p.path("amount").asLong(), p.path("currency").asText()),
            p.path("status").asText(), java.time.LocalDate.ofEpochDay(Math.floorDiv(p.path("arrival_date").asLong(), 86_400)).toString(),
            DashboardLinks.time(p.path("created").asLong()), p.path("automatic").asBoolean()))
        .list();
  }
}

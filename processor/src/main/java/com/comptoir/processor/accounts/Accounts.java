package com.comptoir.processor.accounts;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.ApiResponse;
import com.comptoir.processor.api.Caller;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.events.PublishOnCommit;
import com.comptoir.processor.store.HotCache;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.time.ProcessorClock;
import com.comptoir.processor.paymentmethods.MethodCatalog;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** {@code /v1/accounts}: the platform's connected accounts (fact sheet §3). */
public final class Accounts {
  /** Parameters with behaviour of their own, not merged into the document as they are. */
  private static final List<String> SPECIAL = List.of(
      "type", "country", "controller", "capabilities", "external_account", "account_token", "documents", "expand");

  private Accounts() {}

  /**
   * The accounts API, account links into hosted onboarding at {@code baseUrl}, and the hosted
   * onboarding pages themselves.
   */
  public static void register(StripeApi api, Supplier<String> baseUrl) {
    register(api);
    AccountLinks.register(api, baseUrl);
    LoginLinks.register(api, baseUrl);
  }

  public static void installPages(JavalinConfig config, Jdbi jdbi, ProcessorClock clock) {
    HostedOnboarding.install(config, jdbi, clock);
  }

  static void register(StripeApi api) {
    api.post("/v1/accounts", AccountParams.CREATE, Accounts::create);
    api.get("/v1/accounts", AccountParams.LIST, Accounts::list);
    api.get("/v1/accounts/{account}", AccountParams.RETRIEVE, (r, h) -> ApiResponse.raw(findJson(h, r.caller(), r.pathParam("account"))));
    api.get("/v1/account", AccountParams.RETRIEVE, (r, h) -> ApiResponse.raw(findJson(h, r.caller(), r.caller().accountId())));
    api.post("/v1/accounts/{account}", AccountParams.UPDATE, Accounts::update);
    api.delete("/v1/accounts/{account}", AccountParams.RETRIEVE, Accounts::delete);
    PersonsApi.register(api);
    Capabilities.register(api);
    ExternalAccounts.register(api);
    AccountRejection.register(api);
  }

  private static ApiResponse create(ApiRequest r, Handle h) {
    Caller caller = r.caller();
    if (caller.actsAsConnectedAccount()) {
      throw StripeError.invalid(null, "Connected accounts cannot create accounts: send this request without the Stripe-Account header.");
    }
    Params p = r.params();
    String country = p.string("country") == null ? "US" : p.string("country").toUpperCase();
    if (!Countries.supported(country)) {
      throw StripeError.invalidRequest("country_unsupported", "country",
          "Connected accounts cannot be created in " + country + " on this platform. Supported countries: " + String.join(", ", Countries.DEFAULT_CURRENCY.keySet().stream().sorted().toList()) + ".");
    }
    if (p.string("account_token") != null) {
      throw StripeError.noSuch("token", p.string("account_token"), "account_token");
    }
    String id = Ids.account();
    ObjectNode account = AccountDocument.blank(id, typeOf(p), country, r.now());
    AccountDocument.merge(account, p, SPECIAL);
    AccountDocument.normalizePayoutSchedule(account);
    requestCapabilities(account, p, true);
    addExternalAccount(account, p);
    // The document is finished in memory and written once: a new account has no persons and no
    // stored identity numbers yet, so reading it back (as an update does) would only return what
    // was just built. No cache can hold a fresh random id, so there is nothing to evict either.
    AccountState state = AccountState.fresh(account);
    state.normalizeIdentity();
    Requirements.refresh(new Requirements.Inputs(state.account, state.persons, state.sensitive));
    // One statement for the account's two rows (they were two round trips): its row in accounts and
    // the object as ResourceStore stores it; sent with the COMMIT.
    String json = Json.write(state.account);
    String sensitive = Json.write(state.sensitive);
    PublishOnCommit.deferWrite(h, "WITH held AS (INSERT INTO accounts (id, platform_id, created, sensitive) "
            + "VALUES (:id, :owner, :created, CAST(:sensitive AS jsonb))) " + ResourceStore.INSERT,
        update -> update.bind("id", id).bind("owner", caller.platformId()).bind("object", "account").bind("created", r.now())
            .bind("sensitive", sensitive).bind("body", json));
    return ApiResponse.raw(json); // the account as stored: serialised once, nothing changed it since
  }

  /** {@code type}, or for newer API versions the controller properties (fact sheet §3.3). */
  private static String typeOf(Params p) {
    if (p.string("type") != null) {
      if (p.has("controller")) {
        throw StripeError.invalidRequest("parameters_exclusive", "controller", "You cannot specify both type and controller.");
      }
      return p.string("type");
    }
    Params controller = p.object("controller");
    if (controller == null) {
      return "standard"; // the guide's "default settings"
    }
    Params dashboard = controller.object("stripe_dashboard");
    String dashboardType = dashboard == null ? null : dashboard.string("type");
    if ("express".equals(dashboardType)) {
      return "express";
    }
    if ("none".equals(dashboardType) || "application".equals(controller.string("requirement_collection"))) {
      return "custom";
    }
    return "standard";
  }

  private static void requestCapabilities(ObjectNode account, Params p, boolean creating) {
    String type = account.get("type").asText();
    Params requested = p.object("capabilities");
    if (requested != null && "standard".equals(type)) {
      // Stripe decides a Standard account's capabilities (fact sheet §3.2).
      throw StripeError.invalid("capabilities", "You cannot request capabilities for a Standard account; Stripe manages them.");
    }
    String country = account.get("country").asText();
    if (creating && "standard".equals(type)) {
      // Stripe decides a Standard account's capabilities; they turn active with the account, and
      // its holder chooses which methods to show.
      MethodCatalog.standardCapabilitiesIn(country).forEach(name -> CapabilityStatus.move(account, name, CapabilityStatus.INACTIVE));
    } else if (creating && requested == null) {
      CapabilityStatus.move(account, "card_payments", CapabilityStatus.INACTIVE);
      CapabilityStatus.move(account, "transfers", CapabilityStatus.INACTIVE);
    }
    if (requested != null) {
      for (String name : requested.names()) {
        Boolean on = requested.object(name) == null ? null : requested.object(name).bool("requested");
        if (Boolean.TRUE.equals(on) && MethodCatalog.unavailableIn(name, country)) {
          throw StripeError.invalid("capabilities[" + name + "]", "The `" + name + "` capability is not available for accounts in " + country + ".");
        }
        // A new request starts inactive; saving derives every requested capability's status afresh.
        if (Boolean.TRUE.equals(on) && CapabilityStatus.of(account, name) == CapabilityStatus.UNREQUESTED) {
          CapabilityStatus.move(account, name, CapabilityStatus.INACTIVE);
        } else if (Boolean.FALSE.equals(on)) {
          CapabilityStatus.move(account, name, CapabilityStatus.UNREQUESTED);
        }
      }
    }
  }

  private static void addExternalAccount(ObjectNode account, Params p) {
    if (!p.has("external_account")) {
      return;
    }
    Object raw = p.raw("external_account");
    if (raw instanceof String token) {
      throw StripeError.noSuch("token", token, "external_account");
    }
    Params bank = p.object("external_account");
    ObjectNode ba = BankAccounts.create(account.get("id").asText(), account.get("country").asText(), bank, "external_account");
    ArrayNode data = (ArrayNode) account.get("external_accounts").get("data");
    // A new account for a currency replaces the default for that currency.
    for (int i = data.size() - 1; i >= 0; i--) {
      if (data.get(i).path("currency").asText().equals(ba.get("currency").asText())) {
        data.remove(i);
      }
    }
    data.add(ba);
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Lists.Filter connectedOnly = new Lists.Filter(" AND r.id <> r.owner", Map.of());
    return Lists.page(h, r.params(), r.caller().accountId(), "account", "/v1/accounts", connectedOnly);
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    AccountState state = AccountState.load(h, r.caller(), r.pathParam("account"));
    Params p = r.params();
    refuseHolderManagedPayouts(r.caller(), state.account, p);
    refuseAfterOnboardingStarted(state, p);
    AccountDocument.merge(state.account, p, SPECIAL);
    AccountDocument.normalizePayoutSchedule(state.account);
    requestCapabilities(state.account, p, false);
    addExternalAccount(state.account, p);
    state.normalizeIdentity();
    state.save(h, EventContext.of(r));
    return state.account;
  }

  /**
   * A Standard account's holder manages its payouts in their own Dashboard; the platform cannot
   * change {@code settings[payouts]} on it (fact sheet §3.4, §7.7), but newer API versions say so
   * with {@code not_allowed_on_standard_account}. At creation the platform may still prefill them,
   * as it prefills the rest, and the platform's own account is its own to manage.
   */
  private static void refuseHolderManagedPayouts(Caller caller, ObjectNode account, Params p) {
    Params settings = p.object("settings");
    if (settings == null || !settings.has("payouts") || !"standard".equals(account.path("type").asText())
        || account.get("id").asText().equals(caller.platformId())) {
      return;
    }
    String param = "settings[payouts]";
    Object value = settings.raw("payouts");
    // name the first field sent, as Stripe names the offending parameter in full
    while (value instanceof Map<?, ?> fields && !fields.isEmpty()) {
      Map.Entry<?, ?> first = fields.entrySet().iterator().next();
      param += "[" + first.getKey() + "]";
      value = first.getValue();
    }
    throw StripeError.invalidRequest("not_allowed_on_standard_account", param,
        "You cannot set " + param + " on " + account.get("id").asText() + ": it is a Standard account, whose holder manages"
            + " their payouts (schedule, debits of negative balances, statement descriptor) in their own Stripe Dashboard."
            + " The platform can set payout settings on Express and Custom accounts.");
  }

  /** Identity and legal details a Standard or Express holder gives Stripe themselves (fact sheet §3.4). */
  private static final List<String> HOLDER_OWNED = List.of("business_type", "company", "individual", "tos_acceptance", "external_account");

  /**
   * The guide's rule: a platform prefills a Standard or Express account until it sends the holder
   * to onboarding; from the first account link on, those details are the holder's to give.
   */
  private static void refuseAfterOnboardingStarted(AccountState state, Params p) {
    String type = state.account.path("type").asText();
    if ("custom".equals(type) || !state.onboardingStarted) {
      return;
    }
    for (String field : HOLDER_OWNED) {
      if (p.has(field)) {
        throw StripeError.invalidRequest("standard".equals(type) ? "not_allowed_on_standard_account" : null, field,
            "You cannot update " + field + " on this " + type + " account: onboarding has begun, so the account holder"
                + " provides it to Stripe. Send them an account link of type account_onboarding instead.");
      }
    }
  }

  /** Stores a changed account and tells its platform, in the same transaction ({@code account.updated}). */
  static void save(Handle h, EventContext context, ObjectNode before, ObjectNode after) {
    ObjectNode previous = PreviousAttributes.of(before, after);
    if (previous.isEmpty()) {
      return;
    }
    ResourceStore.update(h, after);
    HotCache.changed(h, after.get("id").asText());
    Events.publish(h, context, after.get("id").asText(), "account.updated", after, previous);
  }

  private static ObjectNode delete(ApiRequest r, Handle h) {
    String id = r.pathParam("account");
    ObjectNode account = findForUpdate(h, r.caller(), id);
    if (id.equals(r.caller().platformId())) {
      throw StripeError.invalid("account", "The platform account cannot delete itself.");
    }
    h.createUpdate("UPDATE accounts SET deleted = true WHERE id = :id").bind("id", id).execute();
    ResourceStore.delete(h, r.caller().platformId(), id);
    HotCache.changed(h, id);
    ObjectNode deleted = Json.object();
    deleted.put("id", account.get("id").asText());
    deleted.put("object", "account");
    deleted.put("deleted", true);
    return deleted;
  }

  /** The caller's own account, or one of its connected accounts; anything else is refused as Stripe does. */
  static String findJson(Handle h, Caller caller, String id) {
    return HotCache.account(h, id)
        .filter(a -> a.owner().equals(caller.accountId()) || id.equals(caller.accountId()))
        .map(HotCache.Account::json)
        .orElseThrow(() -> noAccess(caller, id));
  }

  static ObjectNode findForUpdate(Handle h, Caller caller, String id) {
    return h.createQuery("SELECT body::text FROM resources WHERE id = :id AND object = 'account' AND (owner = :caller OR id = :caller) FOR UPDATE")
        .bind("id", id).bind("caller", caller.accountId())
        .mapTo(String.class).findOne()
        .map(Json::parseObject)
        .orElseThrow(() -> noAccess(caller, id));
  }

  private static StripeError noAccess(Caller caller, String id) {
    return new StripeError(403, "invalid_request_error", "account_invalid", null,
        "The provided key '" + Caller.mask(caller.apiKey()) + "' does not have access to account '" + id
            + "' (or that account does not exist). Application access may have been revoked.");
  }
}

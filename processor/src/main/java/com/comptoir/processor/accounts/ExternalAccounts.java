package com.comptoir.processor.accounts;

import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Caller;
import com.comptoir.processor.api.Metadata;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * {@code /v1/accounts/{account}/external_accounts} (fact sheet §3.1): the bank accounts payouts go
 * to, kept in the account document's {@code external_accounts.data}. Each currency has one
 * default, the first account added in it unless another is made the default. Every change also
 * changes the account, so it publishes {@code account.external_account.*} and {@code account.updated}.
 */
final class ExternalAccounts {
  /** Bounds the account document: every read of the account carries its external accounts. */
  static final int MAX_PER_ACCOUNT = 100;
  private static final List<String> CARD_ONLY = List.of(
      "address_city", "address_country", "address_line1", "address_line2", "address_state", "address_zip", "exp_month", "exp_year", "name");

  private static final ObjectShape CREATE = object()
      .required("external_account", new ExternalAccountShape())
      .field("default_for_currency", bool())
      .field("metadata", metadata());
  private static final ObjectShape LIST = EmbeddedLists.params().field("object", oneOf("bank_account", "card"));
  private static final ObjectShape UPDATE = cardFields(object())
      .field("account_holder_name", string().emptyable())
      .field("account_holder_type", oneOf("company", "individual").emptyable())
      .field("account_type", oneOf("checking", "futsu", "savings", "toza"))
      .field("default_for_currency", bool())
      .field("metadata", metadata());

  private ExternalAccounts() {}

  private static ObjectShape cardFields(ObjectShape shape) {
    CARD_ONLY.forEach(f -> shape.field(f, string().emptyable()));
    return shape;
  }

  static void register(StripeApi api) {
    String path = "/v1/accounts/{account}/external_accounts";
    api.post(path, CREATE, ExternalAccounts::create);
    api.get(path, LIST, ExternalAccounts::list);
    api.get(path + "/{id}", object(), (r, h) -> find(account(h, r), r.pathParam("id")));
    api.post(path + "/{id}", UPDATE, ExternalAccounts::update);
    api.delete(path + "/{id}", object(), ExternalAccounts::delete);
    api.expander().register("bank_account", "account");
  }

  private static ObjectNode account(Handle h, ApiRequest r) {
    return Json.parseObject(Accounts.findJson(h, r.caller(), r.pathParam("account")));
  }

  /** The account, locked, if the caller may change its external accounts. */
  private static AccountState accountToChange(Handle h, ApiRequest r) {
    AccountState state = AccountState.load(h, r.caller(), r.pathParam("account"));
    checkPlatformMayWrite(h, r.caller(), state.account);
    return state;
  }

  /**
   * The rule of account updates (fact sheet §3.4): a platform sets up the bank account of a
   * Standard or Express account until it sends the holder to onboarding; from then on the holder
   * gives it to Stripe. The platform's own account is its own to manage.
   */
  private static void checkPlatformMayWrite(Handle h, Caller caller, ObjectNode account) {
    String type = account.get("type").asText();
    String id = account.get("id").asText();
    if ("custom".equals(type) || id.equals(caller.platformId())) {
      return;
    }
    boolean started = h.createQuery("SELECT onboarding_started FROM accounts WHERE id = :id").bind("id", id).mapTo(Boolean.class).one();
    if (started) {
      throw StripeError.invalidRequest("standard".equals(type) ? "not_allowed_on_standard_account" : null, "external_account",
          "You cannot change the external accounts of this " + type + " account: onboarding has begun, so the account holder"
              + " provides their bank details to Stripe. Send them an account link instead.");
    }
  }

  private static ArrayNode data(ObjectNode account) {
    return (ArrayNode) account.get("external_accounts").get("data");
  }

  private static ObjectNode create(ApiRequest r, Handle h) {
    AccountState state = accountToChange(h, r);
    ObjectNode account = state.account;
    Params p = r.params();
    if (p.raw("external_account") instanceof String token) {
      throw StripeError.noSuch("token", token, "external_account");
    }
    ArrayNode data = data(account);
    if (data.size() >= MAX_PER_ACCOUNT) {
      throw StripeError.invalid("external_account", "An account can have at most " + MAX_PER_ACCOUNT + " external accounts; delete one first.");
    }
    Params given = p.object("external_account");
    String accountId = account.get("id").asText();
    ObjectNode ba = BankAccounts.create(accountId, account.get("country").asText(), given, "external_account");
    Metadata.apply(ba, p);
    String currency = ba.get("currency").asText();
    boolean firstInCurrency = inCurrency(data, currency).isEmpty();
    boolean makeDefault = firstInCurrency || Boolean.TRUE.equals(p.bool("default_for_currency"))
        || Boolean.TRUE.equals(given.bool("default_for_currency"));
    ba.put("default_for_currency", makeDefault);

    ObjectNode before = account.deepCopy();
    EventContext context = EventContext.of(r);
    if (makeDefault) {
      clearDefault(h, context, account, currency);
    }
    data.add(ba);
    Events.publish(h, context, accountId, "account.external_account.created", ba, null);
    saveAccount(h, context, state, before);
    return ba;
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    ObjectNode account = account(h, r);
    // Newest first, as every Stripe list; the document keeps them in the order they were added.
    List<JsonNode> all = new ArrayList<>();
    data(account).forEach(ba -> all.add(0, ba));
    String object = r.params().string("object");
    if (object != null) {
      all.removeIf(ba -> !object.equals(ba.path("object").asText()));
    }
    return EmbeddedLists.page(all, r.params(), "external account", "/v1/accounts/" + account.get("id").asText() + "/external_accounts");
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    AccountState state = accountToChange(h, r);
    ObjectNode account = state.account;
    ObjectNode ba = find(account, r.pathParam("id"));
    Params p = r.params();
    for (String field : CARD_ONLY) {
      if (p.has(field)) {
        throw StripeError.invalid(field, field + " can only be updated on a card; " + ba.get("id").asText() + " is a bank account.");
      }
    }
    if (Boolean.FALSE.equals(p.bool("default_for_currency")) && ba.get("default_for_currency").asBoolean()) {
      throw StripeError.invalid("default_for_currency", "You cannot set default_for_currency to false on the default bank account for "
          + ba.get("currency").asText() + ". Make another bank account in " + ba.get("currency").asText() + " the default instead.");
    }
    ObjectNode before = account.deepCopy();
    ObjectNode old = ba.deepCopy();
    EventContext context = EventContext.of(r);
    if (Boolean.TRUE.equals(p.bool("default_for_currency")) && !ba.get("default_for_currency").asBoolean()) {
      clearDefault(h, context, account, ba.get("currency").asText());
      ba.put("default_for_currency", true);
    }
    for (String field : List.of("account_holder_name", "account_holder_type", "account_type")) {
      if (p.has(field)) {
        ba.put(field, p.isUnset(field) ? null : p.string(field));
      }
    }
    Metadata.apply(ba, p);
    if (!old.equals(ba)) {
      Events.publish(h, context, account.get("id").asText(), "account.external_account.updated", ba, PreviousAttributes.of(old, ba));
      saveAccount(h, context, state, before);
    }
    return ba;
  }

  private static ObjectNode delete(ApiRequest r, Handle h) {
    AccountState state = accountToChange(h, r);
    ObjectNode account = state.account;
    ObjectNode ba = find(account, r.pathParam("id"));
    String currency = ba.get("currency").asText();
    boolean wasDefault = ba.get("default_for_currency").asBoolean();
    if (wasDefault && currency.equals(account.path("default_currency").asText())) {
      // Stripe keeps a payout destination for the account's own currency.
      throw StripeError.invalid("id", "You cannot delete the default bank account for your default currency. Please make another bank account"
          + " the default using the `default_for_currency` param, and then delete this one.");
    }
    ObjectNode before = account.deepCopy();
    EventContext context = EventContext.of(r);
    ArrayNode data = data(account);
    for (int i = 0; i < data.size(); i++) {
      if (data.get(i) == ba) {
        data.remove(i);
        break;
      }
    }
    List<ObjectNode> rest = inCurrency(data, currency);
    if (wasDefault && !rest.isEmpty()) {
      // The newest remaining account in the currency takes over its payouts.
      ObjectNode heir = rest.get(rest.size() - 1);
      ObjectNode old = heir.deepCopy();
      heir.put("default_for_currency", true);
      Events.publish(h, context, account.get("id").asText(), "account.external_account.updated", heir, PreviousAttributes.of(old, heir));
    }
    Events.publish(h, context, account.get("id").asText(), "account.external_account.deleted", ba, null);
    saveAccount(h, context, state, before);
    ObjectNode deleted = Json.object();
    deleted.put("id", ba.get("id").asText());
    deleted.put("object", "bank_account");
    deleted.put("currency", currency);
    deleted.put("deleted", true);
    return deleted;
  }

  /** Takes the default flag off the current default in {@code currency}, telling the platform. */
  private static void clearDefault(Handle h, EventContext context, ObjectNode account, String currency) {
    for (ObjectNode other : inCurrency(data(account), currency)) {
      if (other.get("default_for_currency").asBoolean()) {
        ObjectNode old = other.deepCopy();
        other.put("default_for_currency", false);
        Events.publish(h, context, account.get("id").asText(), "account.external_account.updated", other, PreviousAttributes.of(old, other));
      }
    }
  }

  /** Requirements follow the bank accounts (external_account is due without one); then account.updated. */
  private static void saveAccount(Handle h, EventContext context, AccountState state, ObjectNode before) {
    state.save(h, context);
  }


  private static List<ObjectNode> inCurrency(ArrayNode data, String currency) {
    List<ObjectNode> out = new ArrayList<>();
    data.forEach(ba -> {
      if (currency.equals(ba.path("currency").asText())) {
        out.add((ObjectNode) ba);
      }
    });
    return out;
  }

  private static ObjectNode find(ObjectNode account, String id) {
    for (JsonNode ba : data(account)) {
      if (id.equals(ba.path("id").asText())) {
        return (ObjectNode) ba;
      }
    }
    throw StripeError.noSuch("external account", id, "id");
  }
}

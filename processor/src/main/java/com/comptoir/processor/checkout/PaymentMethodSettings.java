package com.comptoir.processor.checkout;

import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Which payment methods an account offers in Checkout (Stripe's {@code payment_method_configurations}):
 * cards on by default; Bancontact, EPS, iDEAL, Przelewy24, SEPA Direct Debit and Sofort turned on
 * and off per account. Checkout offers those that fit the currency, most relevant first for the
 * customer's country.
 */
public final class PaymentMethodSettings {
  /** The methods, in Stripe's order; each with the currencies it can charge. */
  static final Map<String, List<String>> CURRENCIES = Map.of(
      "card", List.of(), "bancontact", List.of("eur"), "eps", List.of("eur"), "ideal", List.of("eur"),
      "p24", List.of("eur", "pln"), "sepa_debit", List.of("eur"), "sofort", List.of("eur"));
  static final List<String> METHODS = List.of("card", "bancontact", "eps", "ideal", "p24", "sepa_debit", "sofort");

  /** The local method customers of a country expect first (fact sheet §6.5). */
  private static final Map<String, String> LOCAL = Map.of("NL", "ideal", "BE", "bancontact", "AT", "eps", "PL", "p24", "DE", "sofort");

  private static final ObjectShape UPDATE;

  static {
    ObjectShape shape = object();
    for (String method : METHODS) {
      shape.field(method, object().field("display_preference", object().field("preference", oneOf("on", "off", "none"))));
    }
    UPDATE = shape.field("active", com.comptoir.processor.api.Shape.bool()).field("name", com.comptoir.processor.api.Shape.string(100));
  }

  private PaymentMethodSettings() {}

  public static void register(StripeApi api) {
    api.get("/v1/payment_method_configurations", com.comptoir.processor.api.Lists.params()
        .field("application", com.comptoir.processor.api.Shape.string().emptyable()), (r, h) -> {
          ObjectNode list = Json.object();
          list.put("object", "list");
          list.putArray("data").add(load(h, r.caller().accountId(), r.now()));
          list.put("has_more", false);
          list.put("url", "/v1/payment_method_configurations");
          return list;
        });
    api.get("/v1/payment_method_configurations/{id}", object(), (r, h) -> find(h, r));
    api.post("/v1/payment_method_configurations/{id}", UPDATE, PaymentMethodSettings::update);
  }

  private static ObjectNode find(Handle h, ApiRequest r) {
    ObjectNode config = load(h, r.caller().accountId(), r.now());
    if (!config.get("id").asText().equals(r.pathParam("id"))) {
      throw StripeError.noSuch("payment method configuration", r.pathParam("id"), "id");
    }
    return config;
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    ObjectNode config = find(h, r);
    for (String method : METHODS) {
      var params = r.params().object(method);
      if (params != null && params.object("display_preference") != null) {
        prefer(config, method, params.object("display_preference").string("preference"));
      }
    }
    if (r.params().string("name") != null) {
      config.put("name", r.params().string("name"));
    }
    ResourceStore.update(h, config);
    return config;
  }

  /** Sets a method's {@code display_preference}; {@code none} leaves the default (cards on, the rest off). */
  private static void prefer(ObjectNode config, String method, String preference) {
    ObjectNode pref = (ObjectNode) config.get(method).get("display_preference");
    pref.put("preference", preference);
    pref.put("value", "on".equals(preference) || ("none".equals(preference) && "card".equals(method)) ? "on" : "off");
  }

  /** Every method Stripe offers here, in Stripe's order, with whether the account has it on. */
  public static Map<String, Boolean> choices(Handle h, String accountId, long now) {
    ObjectNode config = load(h, accountId, now);
    Map<String, Boolean> on = new LinkedHashMap<>();
    for (String method : METHODS) {
      on.put(method, "on".equals(config.at("/" + method + "/display_preference/value").asText()));
    }
    return on;
  }

  /**
   * The holder's choice from the dashboard: the methods in {@code on} turned on, every other one
   * off, saved as {@code POST /v1/payment_method_configurations/{id}} saves a preference.
   */
  public static void choose(Handle h, String accountId, Set<String> on, long now) {
    if (!METHODS.containsAll(on)) {
      throw new IllegalArgumentException("unknown payment methods in " + on);
    }
    ObjectNode config = load(h, accountId, now);
    for (String method : METHODS) {
      prefer(config, method, on.contains(method) ? "on" : "off");
    }
    ResourceStore.update(h, config);
  }

  /** The account's configuration, made on first use with cards on and the rest off. */
  static ObjectNode load(Handle h, String accountId, long now) {
    return h.createQuery("SELECT body::text FROM resources WHERE owner = :o AND object = 'payment_method_configuration' LIMIT 1")
        .bind("o", accountId).mapTo(String.class).findOne().map(Json::parseObject)
        .orElseGet(() -> {
          ObjectNode c = Json.object();
          c.put("id", Ids.next("pmc_"));
          c.put("object", "payment_method_configuration");
          c.put("active", true);
          c.putNull("application");
          c.put("created", now);
          c.put("is_default", true);
          c.put("livemode", false);
          c.put("name", "Default");
          c.putNull("parent");
          for (String method : METHODS) {
            ObjectNode m = c.putObject(method);
            m.put("available", true);
            ObjectNode pref = m.putObject("display_preference");
            pref.putNull("overridable");
            boolean on = "card".equals(method);
            pref.put("preference", on ? "on" : "off");
            pref.put("value", on ? "on" : "off");
          }
          ResourceStore.insert(h, accountId, c);
          return c;
        });
  }

  static boolean fitsCurrency(String method, String currency) {
    List<String> currencies = CURRENCIES.get(method);
    return currencies.isEmpty() || currencies.contains(currency);
  }

  /** The enabled methods that can charge {@code currency}. */
  static List<String> enabled(Handle h, String accountId, String currency, long now) {
    ObjectNode config = load(h, accountId, now);
    List<String> out = new ArrayList<>();
    for (String method : METHODS) {
      if ("on".equals(config.at("/" + method + "/display_preference/value").asText()) && fitsCurrency(method, currency)) {
        out.add(method);
      }
    }
    return out;
  }

  /** {@code methods} ordered for a customer in {@code country}: their local method, then cards, then the rest. */
  static List<String> forCustomer(List<String> methods, String country) {
    String local = LOCAL.get(country);
    List<String> ordered = new ArrayList<>(methods);
    ordered.sort(Comparator.comparingInt((String m) -> m.equals(local) ? 0 : "card".equals(m) ? 1
        : "sepa_debit".equals(m) ? 2 : 3 + METHODS.indexOf(m)));
    return ordered;
  }
}

package com.comptoir.processor.paymentmethods;

import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * {@code /v1/payment_method_configurations} (Stripe API 2023-10-16 and later; stripe-java's
 * {@code PaymentMethodConfiguration}) and the one place that decides which payment methods a
 * payment offers: see {@link #select}. The layers are in {@link Configurations}.
 */
public final class PaymentMethodConfigurations {
  private static final ObjectShape METHOD_PARAMS = object().field("display_preference", object().field("preference", oneOf("none", "off", "on")));
  private static final ObjectShape CREATE = methods(object().field("name", string(100)).field("expand", com.comptoir.processor.api.Shape.array(string())));
  private static final ObjectShape UPDATE = methods(object().field("name", string(100)).field("active", bool())
      .field("expand", com.comptoir.processor.api.Shape.array(string())));

  private PaymentMethodConfigurations() {}

  private static ObjectShape methods(ObjectShape shape) {
    MethodCatalog.TYPES.forEach(type -> shape.field(type, METHOD_PARAMS));
    return shape;
  }

  public static void register(StripeApi api) {
    api.get("/v1/payment_method_configurations", Lists.params().field("application", string().emptyable()), PaymentMethodConfigurations::list);
    api.post("/v1/payment_method_configurations", CREATE, PaymentMethodConfigurations::create);
    api.get("/v1/payment_method_configurations/{id}", object(), (r, h) -> retrieve(h, r.caller().accountId(), r.pathParam("id"), r.now()));
    api.post("/v1/payment_method_configurations/{id}", UPDATE, PaymentMethodConfigurations::update);
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    String account = r.caller().accountId();
    String application = r.params().string("application");
    long limit = r.params().integer("limit") == null ? 10 : r.params().integer("limit");
    ObjectNode list = Json.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    List<ObjectNode> all = Configurations.of(h, account, r.now()).stream()
        .filter(c -> application == null || application.isEmpty() || application.equals(c.path("application").asText(null)))
        .toList();
    all.stream().limit(limit).forEach(c -> data.add(Configurations.render(h, account, c, r.now())));
    list.put("has_more", all.size() > limit);
    list.put("url", "/v1/payment_method_configurations");
    return list;
  }

  private static ObjectNode retrieve(Handle h, String account, String id, long now) {
    ObjectNode stored = Configurations.find(h, account, id, now)
        .orElseThrow(() -> StripeError.noSuch("payment method configuration", id, "configuration"));
    return Configurations.render(h, account, stored, now);
  }

  private static ObjectNode create(ApiRequest r, Handle h) {
    String account = r.caller().accountId();
    Configurations.of(h, account, r.now()); // the defaults exist before any other
    String name = r.params().string("name") == null ? "Custom" : r.params().string("name");
    ObjectNode c = Configurations.blank(Ids.next("pmc_"), name, false, null, null, "off", r.now());
    prefer(c, r.params());
    ResourceStore.insert(h, account, c);
    ConfigurationCache.changed(h, account);
    return Configurations.render(h, account, c, r.now());
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    String account = r.caller().accountId();
    String id = r.pathParam("id");
    ObjectNode c = Configurations.find(h, account, id, r.now())
        .orElseThrow(() -> StripeError.noSuch("payment method configuration", id, "configuration"));
    Params p = r.params();
    if (p.bool("active") != null) {
      if (!p.bool("active") && c.get("is_default").asBoolean()) {
        throw StripeError.invalid("active", "The default payment method configuration cannot be deactivated.");
      }
      c.put("active", p.bool("active"));
    }
    if (p.string("name") != null) {
      c.put("name", p.string("name"));
    }
    prefer(c, p);
    ResourceStore.update(h, c);
    ConfigurationCache.changed(h, account);
    return Configurations.render(h, account, c, r.now());
  }

  private static void prefer(ObjectNode c, Params p) {
    for (String type : MethodCatalog.TYPES) {
      Params method = p.object(type);
      if (method != null && method.object("display_preference") != null && method.object("display_preference").string("preference") != null) {
        setPreference(c, type, method.object("display_preference").string("preference"));
      }
    }
  }

  /** {@code <type>[display_preference][preference]} of a stored configuration, as an update sets it. */
  private static void setPreference(ObjectNode c, String type, String preference) {
    ((ObjectNode) c.get(type).get("display_preference")).put("preference", preference);
  }

  /**
   * Each method, in Stripe's order, with whether the platform's "Connected accounts" configuration
   * (the parent of its connected accounts' defaults) has it on: the platform Dashboard's Settings →
   * Connect → Payment methods.
   */
  public static Map<String, Boolean> connectedAccountsChoices(Handle h, String platformId, long now) {
    ObjectNode config = Configurations.render(h, platformId, Configurations.connectedAccounts(h, platformId, now), now);
    Map<String, Boolean> on = new LinkedHashMap<>();
    for (String type : MethodCatalog.TYPES) {
      on.put(type, "on".equals(config.get(type).get("display_preference").get("value").asText()));
    }
    return on;
  }

  /**
   * The platform's choice from its Dashboard: the methods in {@code on} turned on in its "Connected
   * accounts" configuration and every other one off, exactly as {@code POST
   * /v1/payment_method_configurations/{id}} with each {@code <type>[display_preference][preference]}
   * sets them; a connected account's Checkout follows at its next payment, unless its holder chose
   * otherwise where the configuration lets them.
   */
  public static void chooseForConnectedAccounts(Handle h, String platformId, Set<String> on, long now) {
    if (!MethodCatalog.TYPES.containsAll(on)) {
      throw new IllegalArgumentException("unknown payment methods in " + on);
    }
    ObjectNode config = Configurations.connectedAccounts(h, platformId, now);
    for (String type : MethodCatalog.TYPES) {
      setPreference(config, type, on.contains(type) ? "on" : "off");
    }
    ResourceStore.update(h, config);
    ConfigurationCache.changed(h, platformId); // and so every connected account's default that follows it
  }

  /** The methods a payment offers and, when they came from a configuration, which one ({@code payment_method_configuration_details}). */
  public record Selection(List<String> types, ObjectNode details) {}

  /**
   * The payment methods a Checkout Session or PaymentIntent on {@code account} in {@code currency}
   * offers. With {@code explicit} types (Stripe: {@code payment_method_types}) only the account's
   * capability and the currency decide, and each failing entry is refused by its index. Without,
   * the methods on in the account's configuration ({@code configurationId}, else its default) whose
   * capability is active and that fit the currency, in Stripe's order.
   */
  public static Selection select(Handle h, String account, List<String> explicit, String configurationId, String currency, long now) {
    if (explicit != null && configurationId != null) {
      throw StripeError.invalidRequest("parameters_exclusive", "payment_method_configuration",
          "You may only specify one of these parameters: payment_method_configuration, payment_method_types.");
    }
    if (explicit != null) {
      AccountCapabilities capabilities = AccountCapabilities.of(h, account);
      for (int i = 0; i < explicit.size(); i++) {
        String type = explicit.get(i);
        MethodCatalog.Method method = MethodCatalog.method(type).orElseThrow();
        if (!method.fits(currency)) {
          throw StripeError.invalid("payment_method_types[" + i + "]", "The payment method `" + type + "` does not support the currency " + currency + ".");
        }
        if (!capabilities.active(method)) {
          throw StripeError.invalid("payment_method_types[" + i + "]", "The payment method type provided: " + type + " is invalid. Please ensure"
              + " the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is"
              + " enabled for any preview features that you are trying to use.");
        }
      }
      return new Selection(List.copyOf(explicit), null);
    }
    Offered offered = configurationId == null
        ? ConfigurationCache.defaultOffered(h, account, () -> cacheableDefault(h, account, now)).orElseGet(() -> offeredDefault(h, account, now))
        : offered(h, account, configurationId, now);
    List<String> types = offered.types(currency);
    if (types.isEmpty()) {
      throw StripeError.invalid("payment_method_types", "No valid payment method types for this payment. Please ensure that you have activated"
          + " payment methods compatible with your chosen currency (" + currency + ") in your dashboard.");
    }
    return new Selection(types, offered.details());
  }

  /** {@code account}'s default configuration as offered, made on first use. */
  private static Offered offeredDefault(Handle h, String account, long now) {
    Configurations.Defaults read = Configurations.defaults(h, account);
    return Offered.of(Configurations.render(h, account, read, Configurations.defaultOf(h, account, read, now), now));
  }

  /**
   * The same for {@link ConfigurationCache}, from one read that makes nothing: empty when the
   * account's default or its parent is still to be made (or made before configurations were
   * layered), which {@link #offeredDefault} then does in the caller's transaction.
   */
  private static Optional<ConfigurationCache.Entry> cacheableDefault(Handle h, String account, long now) {
    Configurations.Defaults read = Configurations.defaults(h, account);
    ObjectNode own = read.ownDefault();
    boolean made = own != null && (read.platform().isEmpty() ? own.path("parent").isNull() : !own.path("parent").isNull() && read.connected() != null);
    if (!made) {
      return Optional.empty();
    }
    return Optional.of(new ConfigurationCache.Entry(Offered.of(Configurations.render(h, account, read, own, now)), read.platform().orElse(null)));
  }

  /** The configuration {@code configurationId} of {@code account} as offered, if it is active. */
  private static Offered offered(Handle h, String account, String configurationId, long now) {
    Configurations.Defaults read = Configurations.defaults(h, account);
    ObjectNode stored = Configurations.find(h, account, configurationId, now)
        .orElseThrow(() -> StripeError.noSuch("payment method configuration", configurationId, "payment_method_configuration"));
    if (!stored.get("active").asBoolean()) {
      throw StripeError.invalid("payment_method_configuration", "The payment method configuration " + configurationId + " is not active.");
    }
    return Offered.of(Configurations.render(h, account, read, stored, now));
  }

  /** Each method, in Stripe's order, with whether the account's default configuration has it on (the holder's Dashboard). */
  public static Map<String, Boolean> choices(Handle h, String account, long now) {
    ObjectNode config = Configurations.render(h, account, Configurations.defaultOf(h, account, now), now);
    Map<String, Boolean> on = new LinkedHashMap<>();
    for (String type : MethodCatalog.TYPES) {
      on.put(type, "on".equals(config.get(type).get("display_preference").get("value").asText()));
    }
    return on;
  }

  /**
   * The holder's choice from their Dashboard: the methods in {@code on} turned on and every other
   * one off, kept as the account's own preference, which wins over the platform's where the
   * platform lets it ({@code overridable}).
   */
  public static void choose(Handle h, String account, Set<String> on, long now) {
    if (!MethodCatalog.TYPES.containsAll(on)) {
      throw new IllegalArgumentException("unknown payment methods in " + on);
    }
    ObjectNode config = Configurations.defaultOf(h, account, now);
    for (String type : MethodCatalog.TYPES) {
      ((ObjectNode) config.get(type).get("display_preference")).put("preference", on.contains(type) ? "on" : "off");
    }
    ResourceStore.update(h, config);
    ConfigurationCache.changed(h, account);
  }
}

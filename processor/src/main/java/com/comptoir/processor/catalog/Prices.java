package com.comptoir.processor.catalog;

import static com.comptoir.processor.api.Shape.array;
import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.CurrencyParam;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Metadata;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.jdbi.v3.core.Handle;

/**
 * {@code /v1/prices}: one-time prices in minor units. A price's amount and currency never change;
 * a new amount is a new price (Stripe's rule), and an old one is archived with {@code active=false}.
 */
public final class Prices {
  private static final ObjectShape CREATE = object()
      .required("currency", string())
      .field("product", string())
      .field("product_data", object()
          .required("name", string())
          .field("active", bool()).field("id", string()).field("metadata", metadata())
          .field("statement_descriptor", string(22)).field("tax_code", string()).field("unit_label", string(12)))
      .field("unit_amount", integer().min(0).max(Currencies.MAX_AMOUNT))
      .field("unit_amount_decimal", string().matching("[0-9]{1,12}(\\.[0-9]{1,12})?", "Invalid decimal: %s"))
      .field("active", bool())
      .field("billing_scheme", oneOf("per_unit"))
      .field("lookup_key", string(200))
      .field("metadata", metadata())
      .field("nickname", string())
      .field("tax_behavior", oneOf("exclusive", "inclusive", "unspecified"))
      .field("transfer_lookup_key", bool())
      .field("recurring", object().required("interval", oneOf("day", "week", "month", "year")).field("interval_count", integer().min(1)));
  private static final ObjectShape UPDATE = object()
      .field("active", bool()).field("lookup_key", string(200).emptyable()).field("metadata", metadata())
      .field("nickname", string().emptyable()).field("tax_behavior", oneOf("exclusive", "inclusive", "unspecified"))
      .field("transfer_lookup_key", bool());
  private static final ObjectShape LIST = Lists.params()
      .field("active", bool()).field("currency", string()).field("product", string()).field("type", oneOf("one_time", "recurring"))
      .field("lookup_keys", array(string(), 10));

  private Prices() {}

  public static void register(StripeApi api) {
    api.post("/v1/prices", CREATE, Prices::create);
    api.get("/v1/prices", LIST, Prices::list);
    api.get("/v1/prices/{price}", object(), (r, h) -> find(h, r.caller().accountId(), r.pathParam("price"), "price"));
    api.post("/v1/prices/{price}", UPDATE, Prices::update);
    api.expander().register("price", "product");
  }

  /** A price of this account, or the 404 Stripe gives for it, naming {@code param}. */
  public static ObjectNode find(Handle h, String owner, String id, String param) {
    return ResourceStore.findJson(h, owner, id, "price").map(Json::parseObject)
        .orElseThrow(() -> StripeError.noSuch("price", id, param));
  }

  private static ObjectNode create(ApiRequest r, Handle h) {
    Params p = r.params();
    String owner = r.caller().accountId();
    if (p.has("recurring")) {
      throw StripeError.invalid("recurring", "Recurring prices are not supported by this processor yet: Comptoir sells one-time payments.");
    }
    if (p.string("product") != null && p.has("product_data")) {
      throw StripeError.invalidRequest("parameters_exclusive", "product_data", "You may only specify one of these parameters: product, product_data.");
    }
    String productId;
    ObjectNode newProduct = null;
    if (p.string("product") != null) {
      productId = Products.find(h, owner, p.string("product")).get("id").asText();
    } else if (p.object("product_data") != null) {
      Params data = p.object("product_data");
      productId = data.string("id") != null ? data.string("id") : Ids.next("prod_");
      newProduct = Products.newProduct(productId, data.string("name"), r.now());
      if (Boolean.FALSE.equals(data.bool("active"))) {
        newProduct.put("active", false);
      }
      Metadata.apply(newProduct, data);
    } else {
      throw StripeError.missing("product");
    }
    ObjectNode price = newPrice(productId, p, r.now(), null);
    if (newProduct != null) {
      ResourceStore.insert(h, owner, newProduct);
      Events.publish(h, EventContext.of(r), owner, "product.created", newProduct, null);
    }
    ResourceStore.insert(h, owner, price);
    Events.publish(h, EventContext.of(r), owner, "price.created", price, null);
    return price;
  }

  /** A one-time price from {@code currency} and {@code unit_amount} (or {@code unit_amount_decimal}). */
  static ObjectNode newPrice(String productId, Params p, long now, String paramPrefix) {
    String prefix = paramPrefix == null ? "" : paramPrefix + "[";
    String suffix = paramPrefix == null ? "" : "]";
    String currency = CurrencyParam.check(p.string("currency"), prefix + "currency" + suffix);
    Long amount = p.integer("unit_amount");
    if (amount == null && p.string("unit_amount_decimal") != null) {
      BigDecimal decimal = new BigDecimal(p.string("unit_amount_decimal"));
      if (decimal.stripTrailingZeros().scale() > 0) {
        throw StripeError.invalid(prefix + "unit_amount_decimal" + suffix,
            "Fractional minor units cannot be charged: unit_amount_decimal must be a whole number of minor units here.");
      }
      amount = decimal.longValueExact();
    }
    if (amount == null) {
      throw StripeError.missing(prefix + "unit_amount" + suffix);
    }
    ObjectNode price = Json.object();
    price.put("id", Ids.next("price_"));
    price.put("object", "price");
    price.put("active", !Boolean.FALSE.equals(p.bool("active")));
    price.put("billing_scheme", "per_unit");
    price.put("created", now);
    price.put("currency", currency);
    price.putNull("custom_unit_amount");
    price.put("livemode", false);
    price.put("lookup_key", p.string("lookup_key"));
    price.putObject("metadata");
    price.put("nickname", p.string("nickname"));
    price.put("product", productId);
    price.putNull("recurring");
    price.put("tax_behavior", p.string("tax_behavior") != null ? p.string("tax_behavior") : "unspecified");
    price.putNull("tiers_mode");
    price.putNull("transform_quantity");
    price.put("type", "one_time");
    price.put("unit_amount", amount);
    price.put("unit_amount_decimal", Long.toString(amount));
    Metadata.apply(price, p);
    return price;
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    String owner = r.caller().accountId();
    ObjectNode price = ResourceStore.findForUpdate(h, owner, r.pathParam("price"))
        .filter(o -> "price".equals(o.path("object").asText()))
        .orElseThrow(() -> StripeError.noSuch("price", r.pathParam("price"), "price"));
    ObjectNode before = price.deepCopy();
    Params p = r.params();
    if (p.bool("active") != null) {
      price.put("active", p.bool("active"));
    }
    for (String field : new String[] {"lookup_key", "nickname", "tax_behavior"}) {
      if (p.isUnset(field)) {
        price.putNull(field);
      } else if (p.string(field) != null) {
        price.put(field, p.string(field));
      }
    }
    Metadata.apply(price, p);
    ObjectNode previous = PreviousAttributes.of(before, price);
    ResourceStore.update(h, price);
    PriceCache.changed(h, owner);
    Events.publish(h, EventContext.of(r), owner, "price.updated", price, previous);
    return price;
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Params p = r.params();
    Lists.Filter filter = Lists.Filter.NONE;
    if (p.bool("active") != null) {
      filter = filter.and("(r.body ->> 'active')::boolean = :active", "active", p.bool("active"));
    }
    if (p.string("currency") != null) {
      filter = filter.and("(r.body ->> 'currency') = :currency", "currency", p.string("currency").toLowerCase());
    }
    filter = filter.andEqual(p, "product", "type");
    if (p.has("lookup_keys")) {
      filter = filter.and("(r.body ->> 'lookup_key') = ANY (:keys)", "keys", p.strings("lookup_keys").toArray(String[]::new));
    }
    return Lists.page(h, p, r.caller().accountId(), "price", "/v1/prices", filter);
  }
}

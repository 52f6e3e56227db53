package com.comptoir.processor.catalog;

import static com.comptoir.processor.api.Shape.array;
import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.ApiResponse;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Metadata;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** {@code /v1/products} on any account; with {@code Stripe-Account}, the connected account's catalogue. */
public final class Products {
  private static final ObjectShape WRITE = object()
      .field("active", bool())
      .field("description", string(40000).emptyable())
      .field("images", array(string(2048), 8).emptyable())
      .field("metadata", metadata())
      .field("statement_descriptor", string(22).emptyable())
      .field("tax_code", string().emptyable())
      .field("unit_label", string(12).emptyable())
      .field("url", string().emptyable())
      .field("shippable", bool());
  private static final ObjectShape CREATE = object().fields(WRITE)
      .required("name", string())
      .field("id", string().matching("[A-Za-z0-9_-]{1,200}", "Invalid id: %s"))
      .field("default_price_data", object()
          .required("currency", string())
          .field("unit_amount", integer().min(0).max(com.comptoir.processor.store.Currencies.MAX_AMOUNT))
          .field("unit_amount_decimal", string())
          .field("tax_behavior", com.comptoir.processor.api.Shape.oneOf("exclusive", "inclusive", "unspecified")));
  private static final ObjectShape UPDATE = object().fields(WRITE).field("name", string()).field("default_price", string().emptyable());
  private static final ObjectShape LIST = Lists.params()
      .field("active", bool()).field("ids", array(string(), 100)).field("shippable", bool()).field("url", string());

  private Products() {}

  public static void register(StripeApi api) {
    api.post("/v1/products", CREATE, Products::create);
    api.get("/v1/products", LIST, Products::list);
    api.get("/v1/products/{id}", object(), (r, h) -> find(h, r.caller().accountId(), r.pathParam("id")));
    api.post("/v1/products/{id}", UPDATE, Products::update);
    api.delete("/v1/products/{id}", object(), Products::delete);
    api.expander().register("product", "default_price");
  }

  static ObjectNode find(Handle h, String owner, String id) {
    return ResourceStore.findJson(h, owner, id, "product").map(Json::parseObject)
        .orElseThrow(() -> StripeError.noSuch("product", id, "id"));
  }

  private static ApiResponse create(ApiRequest r, Handle h) {
    Params p = r.params();
    String owner = r.caller().accountId();
    // Only an id the caller chose can exist already; a generated one is fresh (and the primary key would say otherwise).
    String id = p.string("id") != null ? p.string("id") : Ids.next("prod_");
    if (p.string("id") != null && ResourceStore.findJson(h, owner, id, "product").isPresent()) {
      throw StripeError.invalidRequest("resource_already_exists", "id", "Product already exists.");
    }
    ObjectNode product = newProduct(id, p.string("name"), r.now());
    apply(product, p);
    ObjectNode price = null;
    Params priceData = p.object("default_price_data");
    if (priceData != null) {
      price = Prices.newPrice(id, priceData, r.now(), "default_price_data");
      product.put("default_price", price.get("id").asText());
    }
    String json = Events.insertAndPublish(h, EventContext.of(r), owner, "product.created", product);
    if (price != null) {
      ResourceStore.insert(h, owner, price);
      Events.publish(h, EventContext.of(r), owner, "price.created", price, null);
    }
    return ApiResponse.raw(json); // the product as stored: serialised once, nothing changed it since
  }

  /** A product as Stripe renders it, every field present. */
  static ObjectNode newProduct(String id, String name, long now) {
    ObjectNode product = Json.object();
    product.put("id", id);
    product.put("object", "product");
    product.put("active", true);
    product.put("created", now);
    product.putNull("default_price");
    product.putNull("description");
    product.putArray("features");
    product.putArray("images");
    product.put("livemode", false);
    product.putObject("metadata");
    product.put("name", name);
    product.putNull("package_dimensions");
    product.putNull("shippable");
    product.putNull("statement_descriptor");
    product.putNull("tax_code");
    product.putNull("unit_label");
    product.put("updated", now);
    product.putNull("url");
    return product;
  }

  private static void apply(ObjectNode product, Params p) {
    for (String field : List.of("name", "description", "statement_descriptor", "tax_code", "unit_label", "url")) {
      if (p.isUnset(field)) {
        product.putNull(field);
      } else if (p.string(field) != null) {
        product.put(field, p.string(field));
      }
    }
    if (p.bool("active") != null) {
      product.put("active", p.bool("active"));
    }
    if (p.bool("shippable") != null) {
      product.put("shippable", p.bool("shippable"));
    }
    if (p.has("images")) {
      ArrayNode images = product.putArray("images");
      if (!p.isUnset("images")) {
        p.strings("images").forEach(images::add);
      }
    }
    Metadata.apply(product, p);
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    String owner = r.caller().accountId();
    ObjectNode product = ResourceStore.findForUpdate(h, owner, r.pathParam("id"))
        .filter(o -> "product".equals(o.path("object").asText()))
        .orElseThrow(() -> StripeError.noSuch("product", r.pathParam("id"), "id"));
    ObjectNode before = product.deepCopy();
    Params p = r.params();
    apply(product, p);
    if (p.isUnset("default_price")) {
      product.putNull("default_price");
    } else if (p.string("default_price") != null) {
      ObjectNode price = Prices.find(h, owner, p.string("default_price"), "default_price");
      if (!price.get("product").asText().equals(product.get("id").asText())) {
        throw StripeError.invalid("default_price", "The price " + p.string("default_price") + " belongs to another product.");
      }
      product.put("default_price", price.get("id").asText());
    }
    product.put("updated", r.now());
    ObjectNode previous = PreviousAttributes.of(before, product);
    ResourceStore.update(h, product);
    PriceCache.changed(h, owner); // its prices' line items carry its name
    Events.publish(h, EventContext.of(r), owner, "product.updated", product, previous);
    return product;
  }

  private static ObjectNode delete(ApiRequest r, Handle h) {
    String owner = r.caller().accountId();
    ObjectNode product = find(h, owner, r.pathParam("id"));
    boolean hasPrices = h.createQuery("SELECT EXISTS (SELECT 1 FROM resources WHERE owner = :o AND object = 'price' AND body ->> 'product' = :p)")
        .bind("o", owner).bind("p", product.get("id").asText()).mapTo(Boolean.class).one();
    if (hasPrices) {
      throw StripeError.invalid(null, "This product cannot be deleted because it has one or more user-created prices. Archive it with active=false instead.");
    }
    ResourceStore.delete(h, owner, product.get("id").asText());
    PriceCache.changed(h, owner);
    Events.publish(h, EventContext.of(r), owner, "product.deleted", product, null);
    ObjectNode deleted = Json.object();
    deleted.put("id", product.get("id").asText());
    deleted.put("object", "product");
    deleted.put("deleted", true);
    return deleted;
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Params p = r.params();
    Lists.Filter filter = Lists.Filter.NONE;
    if (p.bool("active") != null) {
      filter = filter.and("(r.body ->> 'active')::boolean = :active", "active", p.bool("active"));
    }
    if (p.bool("shippable") != null) {
      filter = filter.and("(r.body ->> 'shippable')::boolean = :shippable", "shippable", p.bool("shippable"));
    }
    if (p.has("ids")) {
      filter = filter.and("r.id = ANY (:ids)", "ids", p.strings("ids").toArray(String[]::new));
    }
    filter = filter.andEqual(p, "url");
    return Lists.page(h, p, r.caller().accountId(), "product", "/v1/products", filter);
  }
}

package com.comptoir.processor.checkout;

import static com.comptoir.processor.api.Shape.array;
import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.ApiResponse;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.catalog.PriceCache;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PublishOnCommit;
import com.comptoir.processor.payments.PaymentIntentStatus;
import com.comptoir.processor.paymentmethods.MethodCatalog;
import com.comptoir.processor.paymentmethods.PaymentMethodConfigurations;
import com.comptoir.processor.payments.PaymentIntents;
import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.time.Jobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * {@code /v1/checkout/sessions} in payment mode (fact sheet §5.3–5.5): created on the connected
 * account, paid on the processor's hosted page (or the test helper), completed by its PaymentIntent.
 * Status: open → complete (paid, or unpaid until a delayed method settles) or expired.
 */
final class CheckoutSessions {
  static final String EXPIRE_JOB = "checkout.expire";
  static final long MIN_LIFETIME_SECONDS = Duration.ofMinutes(30).toSeconds();
  static final long MAX_LIFETIME_SECONDS = Duration.ofHours(24).toSeconds();

  private static final ObjectShape LINE_ITEM = object()
      .field("price", string())
      .field("price_data", object()
          .required("currency", string())
          .field("product", string())
          .field("product_data", object().required("name", string()).field("description", string()).field("images", array(string(), 8))
              .field("metadata", metadata()).field("tax_code", string()))
          .field("unit_amount", integer().min(0).max(Currencies.MAX_AMOUNT))
          .field("unit_amount_decimal", string())
          .field("tax_behavior", oneOf("exclusive", "inclusive", "unspecified")))
      .field("quantity", integer().min(1).max(999_999))
      .field("adjustable_quantity", object().required("enabled", com.comptoir.processor.api.Shape.bool())
          .field("minimum", integer().min(0)).field("maximum", integer().max(999_999)));
  private static final ObjectShape CREATE = object()
      .field("mode", oneOf("payment", "setup", "subscription"))
      .field("success_url", string())
      .field("cancel_url", string())
      .field("line_items", array(LINE_ITEM, 100))
      .field("currency", string())
      .field("payment_intent_data", object()
          .field("application_fee_amount", integer().min(0))
          .field("capture_method", oneOf("automatic", "automatic_async"))
          .field("description", string(1000))
          .field("metadata", metadata())
          .field("on_behalf_of", string())
          .field("receipt_email", string())
          .field("statement_descriptor", string(22))
          .field("statement_descriptor_suffix", string(22)))
      .field("payment_method_types", array(oneOf(MethodCatalog.TYPES.toArray(String[]::new))))
      .field("payment_method_configuration", string())
      .field("customer_email", string())
      .field("client_reference_id", string(200))
      .field("expires_at", integer())
      .field("locale", oneOf("auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr", "fr-CA", "hr",
          "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr",
          "vi", "zh", "zh-HK", "zh-TW"))
      .field("metadata", metadata())
      .field("submit_type", oneOf("auto", "book", "donate", "pay"))
      .field("customer_creation", oneOf("always", "if_required"))
      .field("billing_address_collection", oneOf("auto", "required"));

  private final Supplier<String> baseUrl;

  public CheckoutSessions(Supplier<String> baseUrl, Jobs jobs, PaymentIntents intents) {
    this.baseUrl = baseUrl;
    jobs.register(EXPIRE_JOB, this::expireJob);
    intents.addListener(this::intentChanged);
  }

  public void register(StripeApi api) {
    api.post("/v1/checkout/sessions", CREATE, this::create);
    api.get("/v1/checkout/sessions", Lists.params().field("payment_intent", string()).field("customer", string())
        .field("customer_details", object().field("email", string())).field("payment_link", string()).field("subscription", string())
        .field("status", oneOf("open", "complete", "expired")), CheckoutSessions::list);
    api.get("/v1/checkout/sessions/{id}", object(), (r, h) -> find(h, r.caller().accountId(), r.pathParam("id")));
    api.post("/v1/checkout/sessions/{id}/expire", object(), this::expire);
    api.get("/v1/checkout/sessions/{id}/line_items", Lists.params(), CheckoutSessions::lineItems);
    api.expander().register("checkout.session", "payment_intent", "customer", "invoice", "payment_link", "setup_intent", "subscription");
    api.expander().register("checkout.session", "line_items", (h, caller, parent, field) ->
        lineItemList(h, parent.get("id").asText(), Params.empty()));
    api.expander().register("item", "price");
  }

  static ObjectNode find(Handle h, String owner, String id) {
    return ResourceStore.findJson(h, owner, id, "checkout.session").map(Json::parseObject)
        .orElseThrow(() -> StripeError.noSuch("checkout.session", id, "session"));
  }

  private ApiResponse create(ApiRequest r, Handle h) {
    Params p = r.params();
    String account = r.caller().accountId();
    if (p.string("mode") == null) {
      throw StripeError.missing("mode");
    }
    if (!"payment".equals(p.string("mode"))) {
      throw StripeError.invalid("mode", "Only mode=payment is supported by this processor: Comptoir sells one-time payments.");
    }
    if (p.string("success_url") == null) {
      throw StripeError.missing("success_url");
    }
    url(p.string("success_url").replace("{CHECKOUT_SESSION_ID}", "cs"), "success_url");
    if (p.string("cancel_url") != null) {
      url(p.string("cancel_url"), "cancel_url");
    }
    if (p.list("line_items").isEmpty()) {
      throw StripeError.missing("line_items");
    }
    String id = "cs_test_" + Ids.random(58);
    List<ObjectNode> items = new ArrayList<>();
    List<Params> lineItems = p.objects("line_items");
    Map<String, PriceCache.Sold> prices = PriceCache.prices(h, account, priceIds(lineItems));
    String currency = null;
    long subtotal = 0;
    for (int i = 0; i < lineItems.size(); i++) {
      ObjectNode item = lineItem(h, r, account, prices, lineItems.get(i), "line_items[" + i + "]");
      if (currency != null && !currency.equals(item.get("currency").asText())) {
        throw StripeError.invalid("line_items[" + i + "]", "All line items must use the same currency; line item " + i + " is in "
            + item.get("currency").asText() + ", not " + currency + ".");
      }
      currency = item.get("currency").asText();
      subtotal = Math.addExact(subtotal, item.get("amount_total").asLong());
      items.add(item);
    }
    if (subtotal < Currencies.minimumCharge(currency)) {
      throw StripeError.invalidRequest("amount_too_small", "line_items",
          "The Checkout Session's total amount must be at least " + Currencies.format(Currencies.minimumCharge(currency), currency) + ".");
    }
    if (subtotal > Currencies.MAX_AMOUNT) {
      throw StripeError.invalidRequest("amount_too_large", "line_items", "The Checkout Session's total amount is too large.");
    }
    Params piData = p.object("payment_intent_data");
    if (piData != null && piData.integer("application_fee_amount") != null) {
      if (!r.caller().actsAsConnectedAccount()) {
        throw StripeError.invalidRequest("application_fees_not_allowed", "payment_intent_data[application_fee_amount]",
            "Application fees can only be set on a direct charge: create the Checkout Session with the Stripe-Account header.");
      }
      if (piData.integer("application_fee_amount") > subtotal) {
        throw StripeError.invalid("payment_intent_data[application_fee_amount]",
            "The application fee must not exceed the total amount of the Checkout Session.");
      }
    }
    if (piData != null && piData.string("on_behalf_of") != null) {
      throw StripeError.invalid("payment_intent_data[on_behalf_of]",
          "on_behalf_of is for destination charges; a direct charge already settles on the connected account.");
    }
    PaymentMethodConfigurations.Selection methods = methods(h, r, account, currency);
    long expiresAt = p.integer("expires_at") == null ? r.now() + MAX_LIFETIME_SECONDS : p.integer("expires_at");
    if (expiresAt < r.now() + MIN_LIFETIME_SECONDS || expiresAt > r.now() + MAX_LIFETIME_SECONDS) {
      throw StripeError.invalid("expires_at", "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.");
    }
    ObjectNode s = SessionDocument.create(id, p, currency, subtotal, methods.types(), expiresAt, r.now(), baseUrl.get());
    s.set("payment_method_configuration_details", methods.details());
    ArrayNode itemArray = Json.MAPPER.createArrayNode();
    items.forEach(itemArray::add);
    String json = Json.write(s);
    // One statement for the session's three rows (they were three round trips): the object as
    // ResourceStore stores it, its private half, and its expiry job as Jobs schedules it; sent with
    // the COMMIT. Expiry is at least 30 minutes away, so the job needs no NOTIFY (see Jobs.SCHEDULE).
    String itemsJson = Json.write(itemArray);
    String piDataJson = Json.write(Json.MAPPER.valueToTree(piData == null ? java.util.Map.of() : piData.asMap()));
    String sandbox = r.caller().platformId();
    long created = s.get("created").asLong();
    PublishOnCommit.deferWrite(h, "WITH stored AS (" + ResourceStore.INSERT + """
            ),
            held AS (
              INSERT INTO checkout_session_private (id, account_id, platform_id, form_token, line_items, payment_intent_data)
              VALUES (:id, :owner, :sandbox, :t, CAST(:items AS jsonb), CAST(:pid AS jsonb)))
            """ + Jobs.SCHEDULE,
        update -> update.bind("id", id).bind("owner", account).bind("object", "checkout.session").bind("created", created)
            .bind("body", json).bind("sandbox", sandbox).bind("t", Ids.random(32))
            .bind("items", itemsJson).bind("pid", piDataJson)
            .bind("kind", EXPIRE_JOB).bind("ref", account + "/" + id).bind("at", expiresAt * 1000));
    return ApiResponse.raw(json); // the session as stored: serialised once, nothing changed it since
  }

  /** What the session offers: {@link PaymentMethodConfigurations#select} decides it for Checkout and PaymentIntents alike. */
  private static PaymentMethodConfigurations.Selection methods(Handle h, ApiRequest r, String account, String currency) {
    Params p = r.params();
    return PaymentMethodConfigurations.select(h, account, p.has("payment_method_types") ? p.strings("payment_method_types") : null,
        p.string("payment_method_configuration"), currency, r.now());
  }

  /** Every {@code line_items[n][price]}, each once. */
  private static Set<String> priceIds(List<Params> lineItems) {
    Set<String> ids = new LinkedHashSet<>();
    for (Params li : lineItems) {
      if (li.string("price") != null) {
        ids.add(li.string("price"));
      }
    }
    return ids;
  }

  private ObjectNode lineItem(Handle h, ApiRequest r, String account, Map<String, PriceCache.Sold> prices, Params li, String param) {
    if (li.string("price") != null && li.has("price_data")) {
      throw StripeError.invalidRequest("parameters_exclusive", param + "[price_data]", "You may only specify one of these parameters: price, price_data.");
    }
    if (li.integer("quantity") == null) {
      throw StripeError.missing(param + "[quantity]");
    }
    JsonNode price; // the price object the line item carries: as stored, or made inline
    String productName;
    String currency;
    long unitAmount;
    if (li.string("price") != null) {
      PriceCache.Sold found = prices.get(li.string("price"));
      if (found == null) {
        throw StripeError.noSuch("price", li.string("price"), param + "[price]");
      }
      if (!found.active()) {
        throw StripeError.invalid(param + "[price]", "The price specified is inactive. This field only accepts active prices.");
      }
      if (!"one_time".equals(found.type())) {
        throw StripeError.invalid(param + "[price]", "You must provide at least one recurring price in `subscription` mode when using prices.");
      }
      if (!found.productActive()) {
        throw StripeError.invalidRequest("product_inactive", param + "[price]", "The product on this price is inactive.");
      }
      productName = found.productName();
      currency = found.currency();
      unitAmount = found.unitAmount();
      price = Json.MAPPER.getNodeFactory().rawValueNode(new RawValue(found.json())); // serialised once, when it was read
    } else if (li.object("price_data") != null) {
      Params data = li.object("price_data");
      String productId;
      if (data.string("product") != null) {
        JsonNode product = ResourceStore.findJson(h, account, data.string("product"), "product").map(Json::parseObject)
            .orElseThrow(() -> StripeError.noSuch("product", data.string("product"), param + "[price_data][product]"));
        productId = product.get("id").asText();
        productName = product.get("name").asText();
      } else if (data.object("product_data") != null) {
        productId = Ids.next("prod_");
        productName = data.object("product_data").string("name");
        ObjectNode product = com.comptoir.processor.catalog.Catalog.product(productId, productName, r.now());
        product.put("active", false); // inline products and prices are not reusable
        if (data.object("product_data").string("description") != null) {
          product.put("description", data.object("product_data").string("description"));
        }
        ResourceStore.insert(h, account, product);
      } else {
        throw StripeError.missing(param + "[price_data][product_data]");
      }
      ObjectNode inline = com.comptoir.processor.catalog.Catalog.inlinePrice(productId, data, r.now(), param + "[price_data]");
      ResourceStore.insert(h, account, inline);
      price = inline;
      currency = inline.get("currency").asText();
      unitAmount = inline.get("unit_amount").asLong();
    } else {
      throw StripeError.missing(param + "[price]");
    }
    long quantity = li.integer("quantity");
    long amount = Math.multiplyExact(unitAmount, quantity);
    ObjectNode item = Json.object();
    item.put("id", "li_" + Ids.random(24));
    item.put("object", "item");
    item.put("amount_discount", 0);
    item.put("amount_subtotal", amount);
    item.put("amount_tax", 0);
    item.put("amount_total", amount);
    item.put("currency", currency);
    item.put("description", productName);
    item.set("price", price);
    item.put("quantity", quantity);
    return item;
  }

  static ObjectNode lineItemList(Handle h, String sessionId, Params p) {
    ArrayNode items = (ArrayNode) Json.parse(h.createQuery("SELECT line_items::text FROM checkout_session_private WHERE id = :id")
        .bind("id", sessionId).mapTo(String.class).one());
    long limit = p.integer("limit") == null ? 10 : p.integer("limit");
    int start = 0;
    if (p.string("starting_after") != null) {
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i).get("id").asText().equals(p.string("starting_after"))) {
          start = i + 1;
        }
      }
    }
    ObjectNode list = Json.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (int i = start; i < items.size() && data.size() < limit; i++) {
      data.add(items.get(i));
    }
    list.put("has_more", start + data.size() < items.size());
    list.put("url", "/v1/checkout/sessions/" + sessionId + "/line_items");
    return list;
  }

  private static ObjectNode lineItems(ApiRequest r, Handle h) {
    ObjectNode s = find(h, r.caller().accountId(), r.pathParam("id"));
    return lineItemList(h, s.get("id").asText(), r.params());
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Lists.Filter filter = Lists.Filter.NONE;
    Params p = r.params();
    filter = filter.andEqual(p, "payment_intent", "status");
    if (p.object("customer_details") != null && p.object("customer_details").string("email") != null) {
      filter = filter.and("(r.body -> 'customer_details' ->> 'email') = :email", "email", p.object("customer_details").string("email"));
    }
    return Lists.page(h, p, r.caller().accountId(), "checkout.session", "/v1/checkout/sessions", filter);
  }

  private ObjectNode expire(ApiRequest r, Handle h) {
    ObjectNode s = ResourceStore.findForUpdate(h, r.caller().accountId(), r.pathParam("id"))
        .filter(o -> "checkout.session".equals(o.path("object").asText()))
        .orElseThrow(() -> StripeError.noSuch("checkout.session", r.pathParam("id"), "session"));
    if (!CheckoutSessionStatus.of(s).canMoveTo(CheckoutSessionStatus.EXPIRED)) {
      throw StripeError.invalid(null, "Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of "
          + CheckoutSessionStatus.of(s).wire() + ".");
    }
    markExpired(h, EventContext.of(r), r.caller().accountId(), s);
    return s;
  }

  private static void markExpired(Handle h, EventContext ctx, String account, ObjectNode s) {
    String event = CheckoutSessionStatus.move(s, CheckoutSessionStatus.EXPIRED);
    s.putNull("url");
    ResourceStore.update(h, s);
    Events.publish(h, ctx, account, event, s, null);
  }

  private void expireJob(Handle h, String ref, long dueMillis) {
    String account = ref.substring(0, ref.indexOf('/'));
    String id = ref.substring(ref.indexOf('/') + 1);
    ResourceStore.findForUpdate(h, account, id).ifPresent(s -> {
      if (CheckoutSessionStatus.of(s).canMoveTo(CheckoutSessionStatus.EXPIRED)) {
        String platform = h.createQuery("SELECT platform_id FROM checkout_session_private WHERE id = :id").bind("id", id).mapTo(String.class).one();
        // A payment waiting on the customer (3-D Secure, a bank page) is given up with the session.
        markExpired(h, EventContext.automatic(platform, dueMillis), account, s);
      }
    });
  }

  /** The session follows its PaymentIntent: complete when paid or processing, async results later. */
  private void intentChanged(Handle h, EventContext ctx, String account, ObjectNode pi) {
    ObjectNode s = SessionsInHand.forIntent(h, pi.get("id").asText());
    if (s == null) {
      String id = h.createQuery("SELECT id FROM checkout_session_private WHERE payment_intent = :pi").bind("pi", pi.get("id").asText())
          .mapTo(String.class).findOne().orElse(null);
      if (id == null) {
        return;
      }
      s = ResourceStore.findForUpdate(h, account, id).orElseThrow();
    }
    CheckoutSessionStatus next = next(CheckoutSessionStatus.of(s), PaymentIntentStatus.of(pi));
    if (next == null) {
      return;
    }
    boolean completes = !CheckoutSessionStatus.of(s).isComplete();
    String event = CheckoutSessionStatus.move(s, next);
    if (completes) {
      s.putNull("url");
      SessionDocument.fillCustomer(h, account, s, pi, SessionsInHand.paymentMethodFor(h, pi.get("id").asText()));
    }
    SessionsInHand.store(h, pi.get("id").asText(), s);
    Events.publish(h, ctx, account, event, s, null);
  }

  /**
   * Where the session goes when its intent reaches {@code outcome}: complete once paid or
   * processing; a processing payment then settles it paid, or leaves it unpaid; null for no move.
   */
  private static CheckoutSessionStatus next(CheckoutSessionStatus session, PaymentIntentStatus outcome) {
    return switch (session) {
      case OPEN -> switch (outcome) {
        case SUCCEEDED -> CheckoutSessionStatus.COMPLETE_PAID;
        case PROCESSING -> CheckoutSessionStatus.COMPLETE_UNPAID;
        default -> null;
      };
      case COMPLETE_UNPAID -> switch (outcome) {
        case SUCCEEDED -> CheckoutSessionStatus.COMPLETE_PAID;
        case REQUIRES_PAYMENT_METHOD -> CheckoutSessionStatus.COMPLETE_UNPAID;
        default -> null;
      };
      default -> null;
    };
  }

  private static void url(String value, String param) {
    try {
      java.net.URI uri = new java.net.URI(value);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
        return;
      }
    } catch (java.net.URISyntaxException e) {
      // answered below
    }
    throw StripeError.invalidRequest("url_invalid", param, "Not a valid URL");
  }
}

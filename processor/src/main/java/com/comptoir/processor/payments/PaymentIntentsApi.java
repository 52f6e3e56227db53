package com.comptoir.processor.payments;

import static com.comptoir.processor.api.Shape.array;
import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.paymentmethods.PaymentMethodConfigurations;
import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.ApiResponse;
import com.comptoir.processor.api.CurrencyParam;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Metadata;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** {@code /v1/payment_intents} for API integrations, and {@code /v1/charges} to read what they made. */
public final class PaymentIntentsApi {
  private static final ObjectShape CONFIRM = object()
      .field("payment_method", string())
      .field("payment_method_data", PaymentMethods.dataShape())
      .field("return_url", string())
      .field("receipt_email", string())
      .field("off_session", bool())
      .field("mandate_data", object().field("customer_acceptance", object().field("type", string())
          .field("online", object().field("ip_address", string()).field("user_agent", string()))));
  private static final ObjectShape CREATE = object().fields(CONFIRM)
      .required("amount", integer().min(0))
      .required("currency", string())
      .field("application_fee_amount", integer().min(0))
      .field("automatic_payment_methods", object().required("enabled", bool()).field("allow_redirects", oneOf("always", "never")))
      .field("capture_method", oneOf("automatic", "automatic_async"))
      .field("confirm", bool())
      .field("confirmation_method", oneOf("automatic"))
      .field("description", string(1000))
      .field("metadata", metadata())
      .field("payment_method_types", array(oneOf(PaymentMethods.TYPES.toArray(String[]::new))))
      .field("payment_method_configuration", string())
      .field("statement_descriptor", string(22))
      .field("statement_descriptor_suffix", string(22));
  private static final ObjectShape UPDATE = object()
      .field("amount", integer().min(0)).field("currency", string()).field("application_fee_amount", integer().min(0).emptyable())
      .field("description", string(1000).emptyable()).field("metadata", metadata()).field("payment_method", string())
      .field("payment_method_types", array(oneOf(PaymentMethods.TYPES.toArray(String[]::new)))).field("receipt_email", string().emptyable())
      .field("statement_descriptor", string(22).emptyable()).field("statement_descriptor_suffix", string(22).emptyable());

  private PaymentIntentsApi() {}

  public static void register(StripeApi api, PaymentIntents intents) {
    api.post("/v1/payment_intents", CREATE, (r, h) -> create(r, h, intents));
    api.get("/v1/payment_intents", Lists.params().field("customer", string()), (r, h) ->
        Lists.page(h, r.params(), r.caller().accountId(), "payment_intent", "/v1/payment_intents", Lists.Filter.NONE));
    api.get("/v1/payment_intents/{id}", object().field("client_secret", string()), (r, h) -> find(h, r, false));
    api.post("/v1/payment_intents/{id}", UPDATE, PaymentIntentsApi::update);
    api.post("/v1/payment_intents/{id}/confirm", CONFIRM, (r, h) -> confirm(r, h, intents, find(h, r, true)));
    api.post("/v1/payment_intents/{id}/cancel", object().field("cancellation_reason",
        oneOf("abandoned", "duplicate", "fraudulent", "requested_by_customer")), (r, h) ->
        intents.cancel(h, EventContext.of(r), r.caller().accountId(), find(h, r, true), r.params().string("cancellation_reason"), r.now()));
    api.get("/v1/charges/{id}", object(), (r, h) -> ResourceStore.findJson(h, r.caller().accountId(), r.pathParam("id"), "charge")
        .map(Json::parseObject).orElseThrow(() -> StripeError.noSuch("charge", r.pathParam("id"), "id")));
    api.get("/v1/charges", Lists.params().field("payment_intent", string()).field("customer", string()).field("transfer_group", string()),
        (r, h) -> Lists.page(h, r.params(), r.caller().accountId(), "charge", "/v1/charges", r.params().string("payment_intent") == null
            ? Lists.Filter.NONE : Lists.Filter.NONE.and("(r.body ->> 'payment_intent') = :pi", "pi", r.params().string("payment_intent"))));
    api.expander().register("payment_intent", "latest_charge", "payment_method", "customer");
    api.expander().register("charge", "payment_intent", "payment_method", "customer");
  }

  private static ObjectNode find(Handle h, ApiRequest r, boolean forUpdate) {
    String id = r.pathParam("id");
    return (forUpdate ? ResourceStore.findForUpdate(h, r.caller().accountId(), id, "payment_intent")
        : ResourceStore.findJson(h, r.caller().accountId(), id, "payment_intent").map(Json::parseObject))
        .orElseThrow(() -> StripeError.noSuch("payment_intent", id, "intent"));
  }

  private static Object create(ApiRequest r, Handle h, PaymentIntents intents) {
    Params p = r.params();
    String currency = CurrencyParam.check(p.string("currency"), "currency");
    PaymentMethodConfigurations.Selection methods = PaymentMethodConfigurations.select(h, r.caller().accountId(),
        p.has("payment_method_types") ? p.strings("payment_method_types") : null, p.string("payment_method_configuration"), currency, r.now());
    ObjectNode pi = PaymentIntents.create(r.caller().accountId(), r.caller().actsAsConnectedAccount(), p.integer("amount"), currency,
        p.integer("application_fee_amount"), methods.types(), r.now(), "");
    pi.set("payment_method_configuration_details", methods.details());
    if (p.object("automatic_payment_methods") != null) {
      ObjectNode apm = pi.putObject("automatic_payment_methods");
      apm.put("allow_redirects", p.object("automatic_payment_methods").string("allow_redirects") == null
          ? "always" : p.object("automatic_payment_methods").string("allow_redirects"));
      apm.put("enabled", p.object("automatic_payment_methods").bool("enabled"));
    }
    applyCommon(pi, p);
    ResourceStore.insert(h, r.caller().accountId(), pi);
    Events.publish(h, EventContext.of(r), r.caller().accountId(), "payment_intent.created", pi, null);
    if (Boolean.TRUE.equals(p.bool("confirm"))) {
      return confirm(r, h, intents, pi);
    }
    return pi;
  }

  private static void applyCommon(ObjectNode pi, Params p) {
    for (String f : List.of("description", "receipt_email", "statement_descriptor", "statement_descriptor_suffix")) {
      if (p.isUnset(f)) {
        pi.putNull(f);
      } else if (p.string(f) != null) {
        pi.put(f, p.string(f));
      }
    }
    Metadata.apply(pi, p);
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    ObjectNode pi = find(h, r, true);
    if (!PaymentIntents.confirmable(pi)) {
      throw PaymentIntents.unexpectedState(pi, "update");
    }
    Params p = r.params();
    if (p.integer("amount") != null) {
      pi.put("amount", p.integer("amount"));
    }
    if (p.string("currency") != null) {
      pi.put("currency", CurrencyParam.check(p.string("currency"), "currency"));
    }
    if (p.isUnset("application_fee_amount")) {
      pi.putNull("application_fee_amount");
    } else if (p.integer("application_fee_amount") != null) {
      if (p.integer("application_fee_amount") > pi.get("amount").asLong()) {
        throw StripeError.invalid("application_fee_amount", "The application fee must not exceed the amount of the charge.");
      }
      pi.put("application_fee_amount", p.integer("application_fee_amount"));
    }
    if (p.has("payment_method_types")) {
      String currency = p.string("currency") == null ? pi.get("currency").asText() : p.string("currency");
      List<String> chosen = PaymentMethodConfigurations.select(h, r.caller().accountId(), p.strings("payment_method_types"), null, currency, r.now()).types();
      ArrayNode types = pi.putArray("payment_method_types");
      chosen.forEach(types::add);
      pi.putNull("payment_method_configuration_details");
    }
    if (p.string("payment_method") != null) {
      pi.put("payment_method", PaymentMethods.resolve(h, r.caller().accountId(), p.string("payment_method"), r.now(), "payment_method").get("id").asText());
      PaymentIntents.awaitConfirmation(pi);
    }
    applyCommon(pi, p);
    ResourceStore.update(h, pi);
    return pi;
  }

  private static Object confirm(ApiRequest r, Handle h, PaymentIntents intents, ObjectNode pi) {
    Params p = r.params();
    String account = r.caller().accountId();
    ObjectNode pm;
    if (p.string("payment_method") != null) {
      pm = PaymentMethods.resolve(h, account, p.string("payment_method"), r.now(), "payment_method");
    } else if (p.object("payment_method_data") != null) {
      pm = PaymentMethods.save(h, account, PaymentMethods.fromData(p.object("payment_method_data"), r.now(), "payment_method_data["));
    } else if (!pi.path("payment_method").isNull()) {
      pm = PaymentMethods.resolve(h, account, pi.get("payment_method").asText(), r.now(), "payment_method");
    } else {
      throw StripeError.invalidRequest("payment_intent_unexpected_state", "payment_method",
          "You cannot confirm this PaymentIntent because it's missing a payment method. Update it with a payment_method and try again.");
    }
    boolean redirects = !"card".equals(pm.get("type").asText()) && !"sepa_debit".equals(pm.get("type").asText());
    if (redirects && p.string("return_url") == null) {
      throw StripeError.missing("return_url");
    }
    PaymentIntents.Attempt attempt = intents.confirm(h, EventContext.of(r), account, pi, pm, p.string("return_url"), r.now());
    if (attempt.decline() != null) {
      // Stripe answers a decline with 402 and keeps what it did: the failed charge, the intent's error.
      return ApiResponse.of(402, attempt.decline().toJson(null));
    }
    return attempt.intent();
  }
}

package com.comptoir.processor.fees;

import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.ApiResponse;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Metadata;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

/**
 * {@code /v1/application_fees} and their refunds (fact sheet §7.1) on the wire. The ledger books a
 * fee with its charge and books a fee refund; this reads them from the store and checks a refund
 * request against what is left to refund.
 */
public final class ApplicationFeesApi {
  private ApplicationFeesApi() {}

  public static void register(StripeApi api) {
    api.get("/v1/application_fees", Lists.params().field("charge", string()), ApplicationFeesApi::list);
    api.get("/v1/application_fees/{id}", object(), (r, h) -> ApiResponse.raw(findJson(h, r, r.pathParam("id"))));
    api.post("/v1/application_fees/{id}/refunds", object().field("amount", integer().min(1)).field("metadata", metadata()),
        (r, h) -> createRefund(r, h, r.pathParam("id")));
    api.post("/v1/application_fees/{id}/refund",
        object().field("amount", integer().min(1)).field("directive", oneOf("void")),
        (r, h) -> {
          createRefund(r, h, r.pathParam("id"));
          return ApiResponse.raw(findJson(h, r, r.pathParam("id")));
        });
    api.get("/v1/application_fees/{id}/refunds", Lists.params(), ApplicationFeesApi::listRefunds);
    api.get("/v1/application_fees/{fee}/refunds/{id}", object(), (r, h) -> findRefund(r, h));
    api.post("/v1/application_fees/{fee}/refunds/{id}", object().field("metadata", metadata()), ApplicationFeesApi::updateRefund);
    api.expander().register("application_fee", "balance_transaction", "account", "originating_transaction");
    api.expander().register("application_fee", "charge", (h, caller, parent, field) ->
        ResourceStore.find(h, parent.path("account").asText(), parent.path(field).asText()).orElse(null));
    api.expander().register("fee_refund", "balance_transaction", "fee");
  }

  private static String findJson(Handle h, ApiRequest r, String id) {
    return ResourceStore.findJson(h, r.caller().accountId(), id, "application_fee")
        .orElseThrow(() -> StripeError.noSuch("application fee", id, "id"));
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Lists.Filter filter = r.params().string("charge") == null ? Lists.Filter.NONE
        : Lists.Filter.NONE.and("r.body ->> 'charge' = :charge", "charge", r.params().string("charge"));
    return Lists.page(h, r.params(), r.caller().accountId(), "application_fee", "/v1/application_fees", filter);
  }

  private static ObjectNode createRefund(ApiRequest r, Handle h, String id) {
    ObjectNode fee = ResourceStore.findForUpdate(h, r.caller().accountId(), id, "application_fee")
        .orElseThrow(() -> StripeError.noSuch("application fee", id, "id"));
    long remaining = fee.get("amount").asLong() - fee.get("amount_refunded").asLong();
    if (remaining == 0) {
      throw StripeError.invalidRequest("charge_already_refunded", null, "Application fee " + id + " has already been refunded.");
    }
    long amount = r.params().integer("amount") == null ? remaining : r.params().integer("amount");
    if (amount > remaining) {
      throw StripeError.invalid("amount", "Refund amount (" + amount + ") is greater than unrefunded amount on fee ("
          + remaining + ").");
    }
    ObjectNode withMetadata = Json.object();
    withMetadata.putObject("metadata");
    Metadata.apply(withMetadata, r.params());
    return Ledger.refundApplicationFee(h, EventContext.of(r), fee, amount, (ObjectNode) withMetadata.get("metadata"));
  }

  private static ObjectNode listRefunds(ApiRequest r, Handle h) {
    String fee = r.pathParam("id");
    findJson(h, r, fee);
    return Lists.page(h, r.params(), r.caller().accountId(), "fee_refund", "/v1/application_fees/" + fee + "/refunds",
        Lists.Filter.NONE.and("r.body ->> 'fee' = :fee", "fee", fee));
  }

  private static ObjectNode findRefund(ApiRequest r, Handle h) {
    String id = r.pathParam("id");
    return ResourceStore.find(h, r.caller().accountId(), id)
        .filter(fr -> "fee_refund".equals(fr.path("object").asText()) && r.pathParam("fee").equals(fr.path("fee").asText()))
        .orElseThrow(() -> StripeError.noSuch("fee refund", id, "id"));
  }

  private static ObjectNode updateRefund(ApiRequest r, Handle h) {
    ObjectNode fr = findRefund(r, h);
    ObjectNode before = fr.deepCopy();
    Metadata.apply(fr, r.params());
    ObjectNode previous = PreviousAttributes.of(before, fr);
    if (!previous.isEmpty()) {
      ResourceStore.update(h, fr);
      Events.publish(h, EventContext.of(r), r.caller().accountId(), "application_fee.refund.updated", fr, previous);
    }
    return fr;
  }
}

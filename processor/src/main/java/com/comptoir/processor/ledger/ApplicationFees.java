package com.comptoir.processor.ledger;

import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.ApiResponse;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Metadata;
import com.comptoir.processor.api.Params;
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

/**
 * ApplicationFees ({@code fee_}, fact sheet §7.1) on the platform, and their refunds
 * ({@code fr_}). A refund of an application fee moves the amount from the platform's available
 * balance back to the connected account's.
 */
final class ApplicationFees {
  /** How many refunds an ApplicationFee embeds, newest first; the rest are listed. */
  static final int EMBEDDED_REFUNDS = 10;

  private ApplicationFees() {}

  /** The platform's Connect application id: a platform is its own (only) application here. */
  static String applicationId(String platformId) {
    return "ca_" + platformId.substring("acct_".length());
  }

  /** The document of a new fee; the charge's entry books its money. */
  static ObjectNode document(String id, String platformId, String connectedId, ObjectNode charge, long amount, String txn, long created) {
    ObjectNode fee = Json.object();
    fee.put("id", id);
    fee.put("object", "application_fee");
    fee.put("account", connectedId);
    fee.put("amount", amount);
    fee.put("amount_refunded", 0);
    fee.put("application", applicationId(platformId));
    fee.put("balance_transaction", txn);
    fee.put("charge", charge.get("id").asText());
    fee.put("created", created);
    fee.put("currency", charge.get("currency").asText());
    ObjectNode source = fee.putObject("fee_source");
    source.put("charge", charge.get("id").asText());
    source.put("type", "charge");
    fee.put("livemode", false);
    fee.putNull("originating_transaction");
    fee.put("refunded", false);
    ObjectNode refunds = fee.putObject("refunds");
    refunds.put("object", "list");
    refunds.putArray("data");
    refunds.put("has_more", false);
    refunds.put("url", "/v1/application_fees/" + id + "/refunds");
    return fee;
  }

  /**
   * Refunds {@code amount} of the fee: the platform gives it back to the connected account.
   *
   * @param metadata the request's parameters, whose {@code metadata} the fee refund gets
   * @param refundBt when the refund comes with a charge refund, that refund's transaction on the
   *     connected account carries the connected side (as a negative application fee); else null,
   *     and the connected account gets an {@code application_fee_refund} transaction of its own
   * @return the fee refund, and the postings that book it (for the caller's entry)
   */
  static Refunded refund(Handle h, EventContext ctx, ObjectNode fee, long amount, Params metadata, String refundBt) {
    long remaining = fee.get("amount").asLong() - fee.get("amount_refunded").asLong();
    if (amount <= 0 || amount > remaining) {
      throw new IllegalArgumentException("fee refund " + amount + " of " + remaining);
    }
    String platform = ctx.platformId();
    String connected = fee.get("account").asText();
    String currency = fee.get("currency").asText();
    long now = Math.floorDiv(ctx.nowMillis(), 1000);
    String frId = Ids.next("fr_");
    String platformTxn = BalanceTransactions.newId();
    var platformSpec = BalanceTransactions.spec(platform, "application_fee_refund", currency, -amount, List.of(), "card", frId,
        true, now, now);
    BalanceTransactions.create(h, platformTxn, platformSpec);
    List<Posting> postings = new java.util.ArrayList<>(List.of(BalanceTransactions.posting(platformTxn, platformSpec)));
    if (refundBt == null) {
      String connectedTxn = BalanceTransactions.newId();
      var connectedSpec = BalanceTransactions.spec(connected, "application_fee_refund", currency, amount, List.of(), "card", frId,
          true, now, now);
      BalanceTransactions.create(h, connectedTxn, connectedSpec);
      postings.add(BalanceTransactions.posting(connectedTxn, connectedSpec));
    }
    ObjectNode fr = Json.object();
    fr.put("id", frId);
    fr.put("object", "fee_refund");
    fr.put("amount", amount);
    fr.put("balance_transaction", platformTxn);
    fr.put("created", now);
    fr.put("currency", currency);
    fr.put("fee", fee.get("id").asText());
    fr.putObject("metadata");
    Metadata.apply(fr, metadata);
    ResourceStore.insert(h, platform, fr);
    fee.put("amount_refunded", fee.get("amount_refunded").asLong() + amount);
    fee.put("refunded", fee.get("amount_refunded").asLong() == fee.get("amount").asLong());
    embed((ObjectNode) fee.get("refunds"), fr);
    ResourceStore.update(h, fee);
    Events.publish(h, ctx, platform, "application_fee.refunded", fee, null);
    return new Refunded(fr, postings);
  }

  record Refunded(ObjectNode feeRefund, List<Posting> postings) {}

  /** Puts {@code item} first in an embedded list, keeping the newest {@link #EMBEDDED_REFUNDS}. */
  static void embed(ObjectNode list, ObjectNode item) {
    Json.prependNewest(list, item, EMBEDDED_REFUNDS);
  }

  /**
   * The fee's share of a charge refund, for {@code refund_application_fee=true}: proportional,
   * rounded half up, and all that is left once the charge is fully refunded.
   */
  static long proportionalShare(ObjectNode fee, long chargeAmount, long refundAmount, boolean chargeFullyRefunded) {
    long feeAmount = fee.get("amount").asLong();
    long remaining = feeAmount - fee.get("amount_refunded").asLong();
    if (chargeFullyRefunded) {
      return remaining;
    }
    return Math.min(remaining, FeeModel.roundHalfUp(Math.multiplyExact(feeAmount, refundAmount), chargeAmount));
  }

  // ----- API -----

  static void register(StripeApi api) {
    api.get("/v1/application_fees", Lists.params().field("charge", string()), ApplicationFees::list);
    api.get("/v1/application_fees/{id}", object(), (r, h) -> ApiResponse.raw(findJson(h, r, r.pathParam("id"))));
    api.post("/v1/application_fees/{id}/refunds", object().field("amount", integer().min(1)).field("metadata", metadata()),
        (r, h) -> createRefund(r, h, r.pathParam("id")).feeRefund());
    api.post("/v1/application_fees/{id}/refund",
        object().field("amount", integer().min(1)).field("directive", oneOf("void")),
        (r, h) -> {
          createRefund(r, h, r.pathParam("id"));
          return ApiResponse.raw(findJson(h, r, r.pathParam("id")));
        });
    api.get("/v1/application_fees/{id}/refunds", Lists.params(), ApplicationFees::listRefunds);
    api.get("/v1/application_fees/{fee}/refunds/{id}", object(), (r, h) -> findRefund(r, h));
    api.post("/v1/application_fees/{fee}/refunds/{id}", object().field("metadata", metadata()), ApplicationFees::updateRefund);
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

  private static Refunded createRefund(ApiRequest r, Handle h, String id) {
    ObjectNode fee = ResourceStore.findForUpdate(h, r.caller().accountId(), id)
        .filter(f -> "application_fee".equals(f.path("object").asText()))
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
    EventContext ctx = EventContext.of(r);
    Refunded refunded = refund(h, ctx, fee, amount, r.params(), null);
    Journal.post(h, "application_fee_refund", refunded.feeRefund().get("id").asText(), ctx.nowMillis(), refunded.postings());
    return refunded;
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

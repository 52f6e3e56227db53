package com.comptoir.processor.ledger;

import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
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
   * @param metadata the fee refund's metadata (may be empty, never null)
   * @param refundBt when the refund comes with a charge refund, that refund's transaction on the
   *     connected account carries the connected side (as a negative application fee); else null,
   *     and the connected account gets an {@code application_fee_refund} transaction of its own
   * @return the fee refund, and the postings that book it (for the caller's entry)
   */
  static Refunded refund(Handle h, EventContext ctx, ObjectNode fee, long amount, ObjectNode metadata, String refundBt) {
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
    fr.set("metadata", metadata.deepCopy());
    ResourceStore.insert(h, platform, fr);
    fee.put("amount_refunded", fee.get("amount_refunded").asLong() + amount);
    fee.put("refunded", fee.get("amount_refunded").asLong() == fee.get("amount").asLong());
    embed((ObjectNode) fee.get("refunds"), fr);
    ResourceStore.update(h, fee);
    Events.publish(h, ctx, platform, "application_fee.refunded", fee, null);
    return new Refunded(fr, postings);
  }

  record Refunded(ObjectNode feeRefund, List<Posting> postings) {}

  /** A refund of the fee on its own ({@code POST /v1/application_fees/{id}/refunds}), in one entry of its own. */
  static ObjectNode refundAlone(Handle h, EventContext ctx, ObjectNode fee, long amount, ObjectNode metadata) {
    Refunded refunded = refund(h, ctx, fee, amount, metadata, null);
    Journal.post(h, "application_fee_refund", refunded.feeRefund().get("id").asText(), ctx.nowMillis(), refunded.postings());
    return refunded.feeRefund();
  }

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
}

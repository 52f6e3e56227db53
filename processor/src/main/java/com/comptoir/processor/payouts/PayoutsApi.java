package com.comptoir.processor.payouts;

import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;
import static com.comptoir.processor.api.Shape.timestampRange;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.CurrencyParam;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Metadata;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.ledger.PayoutRefusedException;
import com.comptoir.processor.store.Currencies;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@code /v1/payouts} (fact sheet §7.8): the wire side of payouts. The ledger makes, cancels and
 * steps them on the processor clock; this reads them from the store and words the ledger's
 * refusals as Stripe does.
 */
public final class PayoutsApi {
  private PayoutsApi() {}

  public static void register(StripeApi api) {
    api.post("/v1/payouts", object()
            .required("amount", integer().min(1).max(Currencies.MAX_AMOUNT))
            .required("currency", string())
            .field("description", string())
            .field("destination", string())
            .field("metadata", metadata())
            .field("method", oneOf("instant", "standard"))
            .field("source_type", oneOf("bank_account", "card", "fpx"))
            .field("statement_descriptor", string(22)),
        PayoutsApi::create);
    api.get("/v1/payouts", Lists.params()
            .field("arrival_date", timestampRange()).field("destination", string()).field("status", string()),
        PayoutsApi::list);
    api.get("/v1/payouts/{payout}", object(), (r, h) -> find(h, r, r.pathParam("payout")));
    api.post("/v1/payouts/{payout}", object().field("metadata", metadata()), PayoutsApi::update);
    api.post("/v1/payouts/{payout}/cancel", object(), PayoutsApi::cancel);
    api.expander().register("payout", "balance_transaction", "failure_balance_transaction", "original_payout", "reversed_by");
    api.expander().register("payout", "destination", (h, caller, parent, field) ->
        Ledger.bankAccount(h, caller.accountId(), parent.path(field).asText()).orElse(null));
  }

  private static ObjectNode create(ApiRequest r, Handle h) {
    Params p = r.params();
    String currency = CurrencyParam.check(p.string("currency"), "currency");
    if ("instant".equals(p.string("method"))) {
      throw StripeError.invalidRequest("instant_payouts_unsupported", "method",
          "Instant payouts are not available in this processor; use method=standard.");
    }
    String sourceType = p.string("source_type") == null ? "card" : p.string("source_type");
    ObjectNode withMetadata = Json.object();
    withMetadata.putObject("metadata");
    Metadata.apply(withMetadata, p);
    var request = new Ledger.PayoutRequest(p.integer("amount"), currency, p.string("destination"), sourceType,
        p.string("description"), p.string("statement_descriptor"), (ObjectNode) withMetadata.get("metadata"));
    try {
      return Ledger.payOut(h, EventContext.of(r), r.caller().accountId(), request);
    } catch (PayoutRefusedException refused) {
      throw worded(refused, currency);
    }
  }

  private static ObjectNode find(Handle h, ApiRequest r, String id) {
    return ResourceStore.find(h, r.caller().accountId(), id)
        .filter(po -> "payout".equals(po.path("object").asText()))
        .orElseThrow(() -> StripeError.noSuch("payout", id, "payout"));
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    Params p = r.params();
    Lists.Filter filter = Lists.Filter.NONE;
    filter = filter.andEqual(p, "status", "destination");
    Params arrival = p.object("arrival_date");
    if (arrival != null) {
      for (var op : Map.of("gt", ">", "gte", ">=", "lt", "<", "lte", "<=").entrySet()) {
        if (arrival.integer(op.getKey()) != null) {
          filter = filter.and("(r.body ->> 'arrival_date')::bigint " + op.getValue() + " :arrival_" + op.getKey(),
              "arrival_" + op.getKey(), arrival.integer(op.getKey()));
        }
      }
    }
    return Lists.page(h, p, r.caller().accountId(), "payout", "/v1/payouts", filter);
  }

  private static ObjectNode forUpdate(ApiRequest r, Handle h) {
    return ResourceStore.findForUpdate(h, r.caller().accountId(), r.pathParam("payout"), "payout")
        .orElseThrow(() -> StripeError.noSuch("payout", r.pathParam("payout"), "payout"));
  }

  private static ObjectNode update(ApiRequest r, Handle h) {
    ObjectNode payout = forUpdate(r, h);
    ObjectNode before = payout.deepCopy();
    Metadata.apply(payout, r.params());
    ObjectNode previous = PreviousAttributes.of(before, payout);
    if (!previous.isEmpty()) {
      ResourceStore.update(h, payout);
      Events.publish(h, EventContext.of(r), r.caller().accountId(), "payout.updated", payout, previous);
    }
    return payout;
  }

  private static ObjectNode cancel(ApiRequest r, Handle h) {
    ObjectNode payout = forUpdate(r, h);
    try {
      Ledger.cancelPayout(h, EventContext.of(r), r.caller().accountId(), payout);
    } catch (PayoutRefusedException refused) {
      throw worded(refused, payout.get("id").asText());
    }
    return payout;
  }

  /** Stripe's words for a refusal; {@code about} is the currency asked for, or the payout canceled. */
  private static StripeError worded(PayoutRefusedException refused, String about) {
    return switch (refused.reason()) {
      case PAYOUTS_NOT_ENABLED -> StripeError.invalidRequest("payouts_not_allowed", null,
          "Payouts are not enabled for this account: it still has requirements due. Check the account's requirements.");
      case SCHEDULE_IS_AUTOMATIC -> StripeError.invalid(null, "You cannot create manual payouts on an account with automatic"
          + " payouts enabled (" + refused.subject() + "). Set settings[payouts][schedule][interval]=manual first.");
      case NO_SUCH_BANK_ACCOUNT -> StripeError.noSuch("external account", refused.subject(), "destination");
      case NO_BANK_FOR_CURRENCY -> StripeError.invalid("currency",
          "Sorry, you don't have any external accounts in that currency (" + refused.subject() + ").");
      case BANK_ACCOUNT_IN_OTHER_CURRENCY -> StripeError.invalid("destination", "The bank account " + refused.subject()
          + " takes " + refused.secondSubject() + ", not " + about + ".");
      case INSUFFICIENT_FUNDS -> StripeError.invalidRequest("balance_insufficient", "amount",
          "You have insufficient funds in your Stripe account for this transfer. Your " + refused.subject().replace('_', ' ')
              + " balance is too low (" + Currencies.format(refused.amount(), about) + " available). You can use the"
              + " /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).");
      case AUTOMATIC_PAYOUT -> StripeError.invalid(null, "Automatic payouts cannot be canceled.");
      case NOT_PENDING -> StripeError.invalid(null, "Payouts can only be canceled while they are pending; " + about
          + " is " + refused.subject() + ".");
    };
  }
}

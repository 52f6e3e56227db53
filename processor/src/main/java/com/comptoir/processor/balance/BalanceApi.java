package com.comptoir.processor.balance;

import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.ApiResponse;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.ledger.Ledger;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

/**
 * {@code /v1/balance} and {@code /v1/balance_transactions} (fact sheet §7.2, §7.3): the ledger's
 * account-facing view on the wire, and the ledger auditor's test helper. The ledger writes balance
 * transactions as documents in the store; this reads them.
 */
public final class BalanceApi {
  private BalanceApi() {}

  public static void register(StripeApi api) {
    api.get("/v1/balance", object(), (r, h) -> Ledger.balance(h, r.caller().accountId()));
    var listParams = Lists.params()
        .field("type", string()).field("source", string()).field("payout", string()).field("currency", string());
    api.get("/v1/balance_transactions", listParams, BalanceApi::list);
    api.get("/v1/balance_transactions/{id}", object(), (r, h) -> retrieve(r, h, r.pathParam("id")));
    // The older names of the same endpoints, which some SDKs still call.
    api.get("/v1/balance/history", listParams, BalanceApi::list);
    api.get("/v1/balance/history/{id}", object(), (r, h) -> retrieve(r, h, r.pathParam("id")));
    api.expander().register("balance_transaction", "source");
    api.expander().register("charge", "balance_transaction", "application_fee");
    api.get("/v1/test_helpers/ledger/audit", object(), (r, h) -> {
      if (r.caller().actsAsConnectedAccount()) {
        throw StripeError.invalid(null, "The ledger audit is the platform operator's: send this request without Stripe-Account.");
      }
      return Ledger.audit(h, r.caller().platformId());
    });
  }

  private static ApiResponse retrieve(ApiRequest r, Handle h, String id) {
    return ApiResponse.raw(ResourceStore.findJson(h, r.caller().accountId(), id, "balance_transaction")
        .orElseThrow(() -> StripeError.noSuch("balance transaction", id, "id")));
  }

  private static ObjectNode list(ApiRequest r, Handle h) {
    String account = r.caller().accountId();
    Lists.Filter filter = Lists.Filter.NONE;
    filter = filter.andEqual(r.params(), "type", "source");
    if (r.params().string("currency") != null) {
      filter = filter.and("r.body ->> 'currency' = :currency", "currency", r.params().string("currency").toLowerCase());
    }
    String payout = r.params().string("payout");
    if (payout != null) {
      ObjectNode found = ResourceStore.findJson(h, account, payout, "payout").map(Json::parseObject)
          .orElseThrow(() -> StripeError.noSuch("payout", payout, "payout"));
      if (!found.path("automatic").asBoolean()) {
        // Stripe's words: only automatic payouts sweep a set of transactions.
        throw StripeError.invalid("payout", "Balance transaction history can only be filtered on automatic transfers, not manual.");
      }
      filter = filter.and(Ledger.PAID_OUT_BY_PAYOUT, "payout", payout);
    }
    return Lists.page(h, r.params(), account, "balance_transaction", "/v1/balance_transactions", filter);
  }
}

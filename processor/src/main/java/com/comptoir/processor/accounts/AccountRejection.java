package com.comptoir.processor.accounts;

import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Caller;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * {@code POST /v1/accounts/{account}/reject} (fact sheet §3.5): the platform closes a Custom or
 * Express account it suspects. Charges and payouts stop for good: {@code disabled_reason} becomes
 * {@code rejected.<reason>}, which the requirements keep whatever the account later holds.
 */
final class AccountRejection {
  private static final ObjectShape REJECT = object().required("reason", oneOf("fraud", "terms_of_service", "other"));

  private AccountRejection() {}

  static void register(StripeApi api) {
    api.post("/v1/accounts/{account}/reject", REJECT, AccountRejection::reject);
  }

  private static ObjectNode reject(ApiRequest r, Handle h) {
    return reject(h, r.caller(), EventContext.of(r), r.pathParam("account"), r.params().string("reason"));
  }

  /** What the endpoint does, for the API and the platform's Dashboard alike; refusals are {@link StripeError}s. */
  static ObjectNode reject(Handle h, Caller caller, EventContext context, String accountId, String reason) {
    if (caller.actsAsConnectedAccount()) {
      throw StripeError.invalid(null, "Accounts are rejected by their platform: send this request without the Stripe-Account header.");
    }
    if (!List.of("fraud", "terms_of_service", "other").contains(reason)) {
      throw StripeError.invalid("reason", "Invalid reason: must be one of fraud, terms_of_service, or other");
    }
    AccountState state = AccountState.load(h, caller, accountId);
    ObjectNode account = state.account;
    String id = account.get("id").asText();
    if (id.equals(caller.platformId())) {
      throw StripeError.invalid("account", "The platform account cannot reject itself.");
    }
    if ("standard".equals(account.get("type").asText())) {
      throw StripeError.invalid("account", "Standard accounts cannot be rejected by the platform: " + id
          + " is a Standard account. Only Custom and Express accounts can be rejected.");
    }
    ObjectNode requirements = (ObjectNode) account.get("requirements");
    String current = requirements.path("disabled_reason").asText("");
    if (current.startsWith("rejected.")) {
      throw StripeError.invalid("account", "Account " + id + " has already been rejected (" + current + ").");
    }
    requirements.put("disabled_reason", "rejected." + reason);
    state.save(h, context); // derives charges_enabled and the rest, keeping the rejection; account.updated
    return account;
  }
}

package com.comptoir.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.net.ApiResource;
import com.stripe.net.RawRequestOptions;
import java.util.Map;

/**
 * Calls to the processor through stripe-java's raw requests, for what the typed API has no method
 * for (the checkout and clock test helpers, the ledger audit) and for forms written as Stripe's
 * documentation writes them. The client's retries and errors apply as to any call.
 */
final class StripeCalls {
  static final ObjectMapper JSON = new ObjectMapper();

  private final StripeClient stripe;

  StripeCalls(StripeClient stripe) {
    this.stripe = stripe;
  }

  JsonNode send(String method, String path, String account, String idempotencyKey, Map<String, String> form) throws Exception {
    RawRequestOptions.RawRequestOptionsBuilder options = RawRequestOptions.builder();
    if (account != null) {
      options.setStripeAccount(account);
    }
    if (idempotencyKey != null) {
      options.setIdempotencyKey(idempotencyKey);
    }
    ApiResource.RequestMethod m = ApiResource.RequestMethod.valueOf(method);
    String content = form == null ? null : Web.form(form);
    String url = path;
    if (m == ApiResource.RequestMethod.GET && content != null && !content.isEmpty()) {
      url = path + "?" + content;
      content = null;
    }
    return JSON.readTree(stripe.rawRequest(m, url, content, options.build()).body());
  }
}

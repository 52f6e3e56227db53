package com.comptoir.processor.checkout;

import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiResponse;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.payments.PaymentIntents;
import com.comptoir.processor.payments.PaymentMethodsPublic;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/test_helpers/checkout/sessions/{id}/pay}: what a customer does on the hosted page,
 * for scripted tests that need no browser. Answers the session after the attempt, or the error the
 * customer would see (402 {@code card_error} for a decline).
 */
final class CheckoutTestHelpers {
  private CheckoutTestHelpers() {}

  static void register(StripeApi api, PaymentIntents intents) {
    api.post("/v1/test_helpers/checkout/sessions/{id}/pay", object()
            .field("payment_method", string())
            .field("payment_method_data", PaymentMethodsPublic.dataShape())
            .field("customer_email", string())
            .field("return_url", string()),
        (r, h) -> {
          String account = r.caller().accountId();
          CheckoutPayments.Payable payable = CheckoutPayments.lockForPay(h, account, r.pathParam("id"))
              .orElseThrow(() -> StripeError.noSuch("checkout.session", r.pathParam("id"), "session"));
          ObjectNode s = payable.session();
          if (r.params().string("payment_method") == null && r.params().object("payment_method_data") == null) {
            throw StripeError.missing("payment_method");
          }
          String email = r.params().string("customer_email") != null ? r.params().string("customer_email") : s.path("customer_email").asText(null);
          PaymentIntents.Attempt attempt = CheckoutPayments.pay(h, intents, EventContext.of(r), account, payable,
              now -> PaymentMethodsPublic.fromRequest(h, account, r.params(), now),
              email, r.params().string("return_url") != null ? r.params().string("return_url") : s.get("url").isNull() ? null : s.get("url").asText() + "/return",
              r.now());
          if (attempt.decline() != null) {
            return ApiResponse.of(402, attempt.decline().toJson(null));
          }
          return s; // kept current by the payment, under its row lock
        });
  }
}

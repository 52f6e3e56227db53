package com.comptoir.e2e;

import com.stripe.net.Webhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The platform's Connect webhook endpoint on a test stack: its id on the processor, and deliveries signed as Stripe signs them. */
final class ConnectEndpoint {
  private ConnectEndpoint() {}

  static String id(Stack stack) {
    return stack.platformJdbi.withHandle(h -> h.createQuery("SELECT endpoint_id FROM registered_webhook_endpoints WHERE purpose = 'connect'")
        .mapTo(String.class).one());
  }

  /** Delivers {@code payload} to the endpoint, signed with its secret. */
  static HttpResponse<String> deliver(Stack stack, String payload) throws Exception {
    String secret = stack.platformJdbi.withHandle(h -> h.createQuery("SELECT secret FROM registered_webhook_endpoints WHERE purpose = 'connect'")
        .mapTo(String.class).one());
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.url("/webhooks/stripe/connect")))
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Stripe-Signature", Webhook.Signature.generateSignatureHeader(payload, secret))
        .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
  }
}

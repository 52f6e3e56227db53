package com.comptoir.processor.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.store.Ids;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.Stripe;
import com.stripe.StripeClient;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** What the account sub-resource tests share: accounts of each type, SDK clients, other platforms, Connect endpoints. */
final class ConnectedAccounts {
  /** A US bank account that Stripe's test mode pays out to (fact sheet §4.2). */
  static final Map<String, String> US_BANK = Map.of(
      "external_account[object]", "bank_account", "external_account[country]", "US", "external_account[currency]", "usd",
      "external_account[routing_number]", "110000000", "external_account[account_number]", "000123456789");
  /** A German IBAN that Stripe's test mode pays out to (fact sheet §4.2). */
  static final String GOOD_IBAN = "DE89370400440532013000";

  private ConnectedAccounts() {}

  static String create(StripeHttp http, String type) {
    return create(http, type, "US");
  }

  static String create(StripeHttp http, String type, String country) {
    StripeHttp.Response r = http.post("/v1/accounts", Map.of("type", type, "country", country));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("id").asText();
  }

  static StripeClient client(TestProcessor processor) {
    return StripeClient.builder().setApiKey(processor.secretKey()).setApiBase(processor.url()).setMaxNetworkRetries(0).build();
  }

  /**
   * A second platform on the same processor, with its own secret key: the accounts of one platform
   * must be out of the other's reach.
   */
  static StripeHttp otherPlatform(TestProcessor processor) {
    String id = Ids.account();
    String key = "sk_test_" + Ids.random(24);
    Jdbi.create(processor.dataSource()).useTransaction(h -> {
      h.createUpdate("INSERT INTO accounts (id, platform_id, created) VALUES (:id, NULL, :created)")
          .bind("id", id).bind("created", System.currentTimeMillis() / 1000 + 1).execute();
      h.createUpdate("INSERT INTO api_keys (secret, account_id, kind, created) VALUES (:key, :id, 'secret', 0)")
          .bind("key", key).bind("id", id).execute();
    });
    return processor.http().withKey(key);
  }

  /** What the first account link does to a Standard or Express account: the holder takes over their details. */
  static void startOnboarding(TestProcessor processor, String account) {
    Jdbi.create(processor.dataSource()).useHandle(h -> h.createUpdate("UPDATE accounts SET onboarding_started = true WHERE id = :id")
        .bind("id", account).execute());
  }

  /** A Connect webhook endpoint delivering {@code events} to {@code receiver}; returns its id. */
  static String connectEndpoint(StripeHttp http, WebhookReceiver receiver, String... events) {
    Map<String, String> form = new HashMap<>();
    form.put("url", receiver.url());
    form.put("connect", "true");
    form.put("api_version", Stripe.API_VERSION);
    for (int i = 0; i < events.length; i++) {
      form.put("enabled_events[" + i + "]", events[i]);
    }
    JsonNode endpoint = http.post("/v1/webhook_endpoints", form).json();
    receiver.secret(endpoint.get("secret").asText());
    return endpoint.get("id").asText();
  }

  static Map<String, String> with(Map<String, String> base, String... more) {
    Map<String, String> form = new HashMap<>(base);
    for (int i = 0; i < more.length; i += 2) {
      form.put(more[i], more[i + 1]);
    }
    return form;
  }
}

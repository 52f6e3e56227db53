package com.comptoir.processor.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TwoInstances;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The webhook endpoints each instance keeps in memory follow changes made on another instance: a
 * new endpoint starts receiving, a deleted one stops, without waiting for the entries to expire.
 */
class EndpointCacheTest extends TwoInstances {

  private static String createProduct(StripeHttp http) {
    StripeHttp.Response r = http.post("/v1/products", Map.of("name", "Hat"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("id").asText();
  }

  /** Deliveries made for product.created events of {@code product}. */
  private static int deliveriesFor(String endpoint, String product) {
    return Jdbi.create(first.dataSource()).withHandle(h -> h.createQuery("""
            SELECT count(*) FROM webhook_deliveries d JOIN resources e ON e.id = d.event_id
            WHERE d.endpoint_id = :endpoint AND e.body -> 'data' -> 'object' ->> 'id' = :product""")
        .bind("endpoint", endpoint).bind("product", product).mapTo(Integer.class).one());
  }

  @Test
  void anEndpointChangedOnOneInstanceIsFollowedByTheOther() throws InterruptedException {
    // The second instance has looked up (and cached) the platform's endpoints: there are none.
    String before = createProduct(second.http());
    String endpoint = first.http().post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/hooks",
        "enabled_events[0]", "product.created")).json().get("id").asText();
    assertThat(deliveriesFor(endpoint, before)).isZero();

    // The first instance's NOTIFY evicts the second's entry: well before the 30 s expiry.
    assertThat(withinFiveSeconds(() -> deliveriesFor(endpoint, createProduct(second.http())) == 1))
        .as("a product.created on the second instance goes to the endpoint made on the first").isTrue();

    assertThat(first.http().delete("/v1/webhook_endpoints/" + endpoint).status()).isEqualTo(200);
    assertThat(withinFiveSeconds(() -> deliveriesFor(endpoint, createProduct(second.http())) == 0))
        .as("after the delete, the second instance no longer delivers to it").isTrue();
  }

  /** Tries {@code attempt} until it holds or five seconds pass. */
  @Test
  void theInstanceThatMadeTheChangeFollowsItAtOnce() {
    String endpoint = first.http().post("/v1/webhook_endpoints", Map.of("url", "http://127.0.0.1:9/now",
        "enabled_events[0]", "product.created")).json().get("id").asText();
    assertThat(deliveriesFor(endpoint, createProduct(first.http()))).isEqualTo(1);
    first.http().post("/v1/webhook_endpoints/" + endpoint, Map.of("disabled", "true"));
    assertThat(deliveriesFor(endpoint, createProduct(first.http()))).isZero();
  }
}

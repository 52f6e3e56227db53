package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Await;
import com.stripe.StripeClient;
import com.stripe.model.WebhookEndpoint;
import com.stripe.param.AccountUpdateParams;
import com.stripe.param.WebhookEndpointListParams;
import com.stripe.param.WebhookEndpointUpdateParams;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * How the dashboard's account state stays current: {@code account.updated} through the signed
 * Connect webhook, and, when a webhook never arrives, the reconciliation job. Also how the
 * platform's webhook endpoints survive restarts: reused, repaired, or replaced, never duplicated.
 * A stack of its own, since it disables endpoints and restarts the platform.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountStateSyncTest {
  private static Stack stack;
  private static StripeClient stripe;

  @BeforeAll
  static void start() {
    stack = Stack.fresh(settings -> settings.withReconcileInterval(Duration.ofSeconds(1)));
    stripe = stack.stripe();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private record Known(String accountId, List<String> currentlyDue, String refreshedBy) {}

  private static Known known(String email) {
    return stack.platformJdbi.withHandle(h -> h.createQuery("""
            SELECT c.account_id, c.currently_due, c.refreshed_by FROM connected_accounts c
            JOIN stores s ON s.id = c.store_id JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e""")
        .bind("e", email)
        .map((rs, c) -> new Known(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()), rs.getString(3))).one());
  }

  private static String registered(String purpose) {
    return stack.platformJdbi.withHandle(h -> h.createQuery("SELECT endpoint_id FROM registered_webhook_endpoints WHERE purpose = :p")
        .bind("p", purpose).mapTo(String.class).one());
  }

  private static List<WebhookEndpoint> endpointsOnStripe() throws Exception {
    return stripe.v1().webhookEndpoints().list(WebhookEndpointListParams.builder().setLimit(100L).build()).getData();
  }

  /** Gives the account an industry: Stripe stops asking for one. */
  private static void setIndustry(String accountId) throws Exception {
    stripe.v1().accounts().update(accountId, AccountUpdateParams.builder()
        .setBusinessProfile(AccountUpdateParams.BusinessProfile.builder().setMcc("5691").build()).build());
  }

  @Test
  @Order(1)
  void accountUpdatedWebhooksKeepTheDashboardCurrent() throws Exception {
    String email = "webhooked+" + System.nanoTime() + "@example.com";
    Visitor merchant = new Visitor(stack);
    merchant.signUp(email, "Webhooked");
    Known before = known(email);
    assertThat(before.currentlyDue()).contains("business_profile.mcc");
    assertThat(merchant.get("/dashboard").body()).contains("Your industry");

    setIndustry(before.accountId());
    Await.until("account.updated handled", () -> "webhook".equals(known(email).refreshedBy()));
    assertThat(known(email).currentlyDue()).doesNotContain("business_profile.mcc");
    assertThat(merchant.get("/dashboard").body()).doesNotContain("Your industry");
  }

  @Test
  @Order(2)
  void reconciliationCatchesAnUpdateWhoseWebhookNeverCame() throws Exception {
    String email = "missed+" + System.nanoTime() + "@example.com";
    new Visitor(stack).signUp(email, "Missed");
    String connect = registered("connect");
    stripe.v1().webhookEndpoints().update(connect, WebhookEndpointUpdateParams.builder().setDisabled(true).build());

    setIndustry(known(email).accountId());
    Await.until("reconciliation", () -> known(email).currentlyDue().stream().noneMatch("business_profile.mcc"::equals));
    assertThat(known(email).refreshedBy()).isEqualTo("reconciliation");
  }

  @Test
  @Order(3)
  void aRestartReusesItsEndpointsRepairsADisabledOneAndReplacesADeletedOne() throws Exception {
    String platformBefore = registered("platform");
    String connectBefore = registered("connect");
    assertThat(stripe.v1().webhookEndpoints().retrieve(connectBefore).getStatus()).isEqualTo("disabled"); // from the test before

    stack.restartPlatform();
    assertThat(registered("platform")).isEqualTo(platformBefore);
    assertThat(registered("connect")).isEqualTo(connectBefore);
    WebhookEndpoint connect = stripe.v1().webhookEndpoints().retrieve(connectBefore);
    assertThat(connect.getStatus()).isEqualTo("enabled");
    assertThat(connect.getUrl()).isEqualTo(stack.url("/webhooks/stripe/connect")); // the new port
    assertThat(endpointsOnStripe()).hasSize(2);

    stripe.v1().webhookEndpoints().delete(connectBefore);
    stack.restartPlatform();
    assertThat(registered("connect")).isNotEqualTo(connectBefore);
    assertThat(registered("platform")).isEqualTo(platformBefore);
    assertThat(endpointsOnStripe()).extracting(WebhookEndpoint::getId).containsExactlyInAnyOrder(platformBefore, registered("connect"));

    // Events reach the new endpoint and verify with its new secret.
    String email = "afterrestart+" + System.nanoTime() + "@example.com";
    new Visitor(stack).signUp(email, "After restart");
    setIndustry(known(email).accountId());
    Await.until("account.updated at the new endpoint", () -> "webhook".equals(known(email).refreshedBy()));
  }
}

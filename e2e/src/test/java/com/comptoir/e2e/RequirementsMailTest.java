package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Stripe needs more information": an {@code account.updated} on the Connect endpoint whose
 * requirements changed and are {@code currently_due} by a {@code current_deadline} e-mails the
 * merchant what and by when, with a link to the platform's {@code /onboarding/start}, which makes
 * a fresh account link when followed; an update that leaves the requirements alone sends nothing.
 * The processor does not set deadlines, so the event is Stripe's shape, signed with the
 * endpoint's secret and sent over HTTP like Stripe's own.
 */
class RequirementsMailTest {
  private static final Stack STACK = Stack.customAccounts();

  private static List<String> mailsTo(String email) {
    return STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT subject || '\n' || body FROM mail_outbox WHERE recipient = :r ORDER BY id")
        .bind("r", email).mapTo(String.class).list());
  }

  private static String event(String account, String previousAttributes) {
    return """
        {"id": "evt_requirements_%d", "object": "event", "api_version": "%s", "created": 1700000000, "type": "account.updated",
         "account": "%s", "livemode": false, "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null},
         "data": {"object": {"id": "%s", "object": "account", "type": "custom", "charges_enabled": true, "payouts_enabled": true,
           "details_submitted": true, "requirements": {"currently_due": ["individual.verification.document"], "past_due": [],
           "eventually_due": ["individual.verification.document"], "pending_verification": [], "errors": [], "alternatives": [],
           "current_deadline": 1893456000, "disabled_reason": null}},
          "previous_attributes": %s}}"""
        .formatted(System.nanoTime(), com.stripe.Stripe.API_VERSION, account, account, previousAttributes);
  }

  @Test
  void requirementsDueByADeadlineAreMailedOnceWithALinkThatMakesAFreshAccountLink() throws Exception {
    Shops.Shop shop = Shops.open(STACK, "Deadline Deli", "US");
    assertThat(ConnectEndpoint.deliver(STACK, event(shop.accountId(), "{\"requirements\": {\"currently_due\": []}}")).statusCode())
        .isEqualTo(200);
    List<String> mails = mailsTo(shop.email()).stream().filter(m -> m.startsWith("Stripe needs more information")).toList();
    assertThat(mails).singleElement().satisfies(m -> assertThat(m)
        .startsWith("Stripe needs more information about Deadline Deli by 1 January 2030")
        .contains("  - An identity document\n")
        .contains(STACK.url("/onboarding/start"))
        .doesNotContain("/setup/")); // never an account link itself

    // Another update that did not touch the requirements: no second e-mail.
    assertThat(ConnectEndpoint.deliver(STACK, event(shop.accountId(), "{\"metadata\": {}}")).statusCode()).isEqualTo(200);
    assertThat(mailsTo(shop.email()).stream().filter(m -> m.startsWith("Stripe needs more information"))).hasSize(1);

    // The link, followed by the signed-in merchant, resumes onboarding with a fresh account link.
    assertThat(shop.merchant().get("/onboarding/start").location()).startsWith(STACK.processor.url() + "/setup/").contains(shop.accountId());
  }
}

package com.comptoir.processor.paymentmethods;

import com.comptoir.processor.accounts.CapabilityStatus;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

/**
 * Which payment methods an account's capabilities let it take, read from the account as the API
 * shows it. A platform's own account is fully activated (accounts/PlatformAccount), so it has every
 * capability its country allows.
 */
record AccountCapabilities(JsonNode account, boolean platform, String country) {

  static AccountCapabilities of(Handle h, String accountId) {
    // One round trip for both: each scalar subquery is NULL when its row is missing, as the two reads were.
    var row = h.createQuery("""
            SELECT (SELECT body::text FROM resources WHERE id = :id AND object = 'account') AS body,
                   (SELECT platform_id IS NULL FROM accounts WHERE id = :id) AS platform""")
        .bind("id", accountId).mapToMap().one();
    return of((String) row.get("body"), Boolean.TRUE.equals(row.get("platform")));
  }

  /** From the account's stored JSON (null when it has none) and whether it is a platform. */
  static AccountCapabilities of(String accountJson, boolean platform) {
    ObjectNode account = accountJson == null ? Json.object() : Json.parseObject(accountJson);
    return new AccountCapabilities(account, platform, account.path("country").asText("US"));
  }

  /**
   * Whether the account may take {@code method}. Cards are the exception: this processor's test mode
   * lets an account take test card payments before its onboarding is done (as the platform's own
   * tests and a developer trying the guide expect), so {@code card_payments} never holds cards back.
   */
  boolean active(MethodCatalog.Method method) {
    if ("card".equals(method.type())) {
      return true;
    }
    if (platform) {
      return MethodCatalog.capabilitiesIn(country).contains(method.capability());
    }
    return CapabilityStatus.of(account, method.capability()) == CapabilityStatus.ACTIVE;
  }

  /** The capability's status as the account shows it, {@code unrequested} when it was never requested. */
  String status(MethodCatalog.Method method) {
    if (platform) {
      return (active(method) ? CapabilityStatus.ACTIVE : CapabilityStatus.UNREQUESTED).wire();
    }
    return CapabilityStatus.of(account, method.capability()).wire();
  }
}

package com.comptoir.processor.ledger;

import com.comptoir.processor.accounts.BankAccountStatus;
import com.comptoir.processor.store.HotCache;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A Stripe account as the ledger sees it: where it is (pricing, delays), when it is paid out, and
 * to which bank accounts. Read from the account document, which the accounts feature owns.
 *
 * @param platformId the account's platform; the platform's own id for the platform itself
 */
record Holder(String id, String platformId, String country, String defaultCurrency, PayoutSchedule schedule,
    boolean payoutsEnabled, boolean debitNegativeBalances, List<ObjectNode> bankAccounts) {

  static Holder load(Handle h, String accountId) {
    return find(h, accountId).orElseThrow(() -> new IllegalStateException("no account " + accountId));
  }

  /** The account, read through the hot cache (every charge reads two accounts). */
  static Optional<Holder> find(Handle h, String accountId) {
    // A connected account's document is owned by its platform; the platform's own by itself.
    return HotCache.account(h, accountId)
        .map(a -> of(accountId, a.owner().equals(accountId) ? null : a.owner(), Json.parseObject(a.json())));
  }

  private static Holder of(String id, String platformId, ObjectNode doc) {
    JsonNode payouts = doc.path("settings").path("payouts");
    List<ObjectNode> banks = new ArrayList<>();
    for (JsonNode external : doc.path("external_accounts").path("data")) {
      if ("bank_account".equals(external.path("object").asText())) {
        banks.add((ObjectNode) external);
      }
    }
    String country = doc.path("country").asText("US");
    // The platform's own account is a fully activated Stripe account; its document's requirements
    // (derived for connected accounts) do not decide whether it is paid out.
    boolean payoutsEnabled = platformId == null || doc.path("payouts_enabled").asBoolean(false);
    return new Holder(id, platformId == null ? id : platformId, country, doc.path("default_currency").asText("usd"),
        PayoutSchedule.of(country, payouts.path("schedule")), payoutsEnabled,
        payouts.path("debit_negative_balances").asBoolean(false), banks);
  }

  boolean isPlatform() {
    return id.equals(platformId);
  }

  /** The bank account payouts in {@code currency} go to: the usable one for that currency, if any. */
  Optional<ObjectNode> bankFor(String currency) {
    return bankAccounts.stream()
        .filter(b -> currency.equals(b.path("currency").asText()) && BankAccountStatus.of(b).takesPayouts())
        .findFirst();
  }

  Optional<ObjectNode> bank(String id) {
    return bankAccounts.stream().filter(b -> id.equals(b.path("id").asText())).findFirst();
  }
}

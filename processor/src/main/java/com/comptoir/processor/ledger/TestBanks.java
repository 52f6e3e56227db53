package com.comptoir.processor.ledger;

import com.comptoir.processor.api.HotCache;
import com.comptoir.processor.api.ResourceStore;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The test bank account numbers whose payouts fail (fact sheet §4.2, §7.8), told apart by the last
 * four digits the bank account keeps: US and GB numbers ending {@code 1116}, {@code 1113},
 * {@code 2227}, {@code 3335}, {@code 4440}; IBANs ending {@code 3001} to {@code 3005}. Any other
 * account is paid.
 */
final class TestBanks {
  private TestBanks() {}

  /** Why a payout failed, with Stripe's code and a message in its words. */
  enum Failure {
    NO_ACCOUNT("no_account", "The bank account details on file are probably incorrect. No bank account could be located with those details."),
    ACCOUNT_CLOSED("account_closed", "The bank account has been closed."),
    INSUFFICIENT_FUNDS("insufficient_funds", "The bank account has insufficient funds to cover the debit."),
    DEBIT_NOT_AUTHORIZED("debit_not_authorized", "Debit transactions are not approved on the bank account."),
    INVALID_CURRENCY("invalid_currency", "The bank was unable to process this payout because of its currency.");

    private final String code;
    private final String message;

    Failure(String code, String message) {
      this.code = code;
      this.message = message;
    }

    String code() {
      return code;
    }

    String message() {
      return message;
    }
  }

  private static final Map<String, Failure> ROUTED = Map.of(
      "1116", Failure.NO_ACCOUNT, "1113", Failure.ACCOUNT_CLOSED, "2227", Failure.INSUFFICIENT_FUNDS,
      "3335", Failure.DEBIT_NOT_AUTHORIZED, "4440", Failure.INVALID_CURRENCY);
  private static final Map<String, Failure> IBAN = Map.of(
      "3001", Failure.NO_ACCOUNT, "3002", Failure.ACCOUNT_CLOSED, "3003", Failure.INSUFFICIENT_FUNDS,
      "3004", Failure.DEBIT_NOT_AUTHORIZED, "3005", Failure.INVALID_CURRENCY);

  /** The failure a payout to {@code bank} meets, or null when it is paid. */
  static Failure outcome(JsonNode bank) {
    String last4 = bank.path("last4").asText();
    boolean iban = bank.path("routing_number").isNull() || bank.path("routing_number").isMissingNode();
    return (iban ? IBAN : ROUTED).get(last4);
  }

  /**
   * A failed payout disables the bank account (fact sheet §7.8): its {@code status} becomes
   * {@code errored}, no payout goes to it again, and the platform hears
   * {@code account.external_account.updated}.
   */
  static void markErrored(Handle h, EventContext ctx, Holder holder, String bankId) {
    String owner = holder.isPlatform() ? holder.id() : holder.platformId();
    ObjectNode account = ResourceStore.findForUpdate(h, owner, holder.id()).orElseThrow();
    for (JsonNode external : account.path("external_accounts").path("data")) {
      if (bankId.equals(external.path("id").asText()) && !"errored".equals(external.path("status").asText())) {
        ObjectNode bank = (ObjectNode) external;
        ObjectNode previous = bank.objectNode().put("status", bank.path("status").asText());
        bank.put("status", "errored");
        ResourceStore.update(h, account);
        HotCache.changed(h, holder.id());
        Events.publish(h, ctx, holder.id(), "account.external_account.updated", bank, previous);
      }
    }
  }
}

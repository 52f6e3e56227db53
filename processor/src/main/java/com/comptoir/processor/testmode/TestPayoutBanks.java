package com.comptoir.processor.testmode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The test bank account numbers whose payouts fail (fact sheet §4.2, §7.8), told apart by the last
 * four digits the bank account keeps: US and GB numbers ending {@code 1116}, {@code 1113},
 * {@code 2227}, {@code 3335}, {@code 4440}; IBANs ending {@code 3001} to {@code 3005}. Any other
 * account is paid.
 */
public final class TestPayoutBanks {
  private TestPayoutBanks() {}

  /** Why a payout failed, with Stripe's code and a message in its words. */
  public enum Failure {
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

    public String code() {
      return code;
    }

    public String message() {
      return message;
    }
  }

  /** US and GB account numbers, by their last four digits. */
  public static final Map<String, Failure> ROUTED = Map.of(
      "1116", Failure.NO_ACCOUNT, "1113", Failure.ACCOUNT_CLOSED, "2227", Failure.INSUFFICIENT_FUNDS,
      "3335", Failure.DEBIT_NOT_AUTHORIZED, "4440", Failure.INVALID_CURRENCY);
  /** IBANs, by their last four digits. */
  public static final Map<String, Failure> IBAN = Map.of(
      "3001", Failure.NO_ACCOUNT, "3002", Failure.ACCOUNT_CLOSED, "3003", Failure.INSUFFICIENT_FUNDS,
      "3004", Failure.DEBIT_NOT_AUTHORIZED, "3005", Failure.INVALID_CURRENCY);

  /** The failure a payout to {@code bank} meets, or null when it is paid. */
  public static Failure outcome(JsonNode bank) {
    String last4 = bank.path("last4").asText();
    boolean iban = bank.path("routing_number").isNull() || bank.path("routing_number").isMissingNode();
    return (iban ? IBAN : ROUTED).get(last4);
  }
}

package com.comptoir.processor.ledger;

/**
 * The account's balance in a currency is below zero, so it cannot pay money out (a refund) until
 * later payments or a bank debit bring it back: what the ledger answers, for the API to word.
 */
public final class NegativeBalanceException extends RuntimeException {
  private final String accountId;
  private final String currency;

  NegativeBalanceException(String accountId, String currency) {
    super(accountId + "'s " + currency + " balance is negative");
    this.accountId = accountId;
    this.currency = currency;
  }

  public String accountId() {
    return accountId;
  }

  public String currency() {
    return currency;
  }
}

package com.comptoir.platform.payouts;

import java.util.Map;

/**
 * A failed payout's {@code failure_code} in words a merchant can act on, after Stripe's list of
 * payout failure codes. An unknown code falls back to Stripe's own {@code failure_message}.
 */
public final class PayoutFailures {
  private PayoutFailures() {}

  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("account_closed", "Your bank account has been closed. Add another one in your payout settings."),
      Map.entry("account_frozen", "Your bank account is frozen. Ask your bank, or add another account."),
      Map.entry("bank_account_restricted", "Your bank account does not accept this kind of payment. Ask your bank, or add another account."),
      Map.entry("bank_ownership_changed", "Your bank account changed owner. Enter your bank account details again."),
      Map.entry("could_not_process", "The bank could not process this payout. Stripe will try again; if it fails again, check your bank details."),
      Map.entry("debit_not_authorized", "Your bank does not allow Stripe to debit this account. Ask your bank to authorize it."),
      Map.entry("declined", "The bank declined the payout. Ask your bank why, or add another account."),
      Map.entry("incorrect_account_holder_address", "The account holder's address does not match the bank's records."),
      Map.entry("incorrect_account_holder_name", "The account holder's name does not match the bank's records."),
      Map.entry("incorrect_account_holder_tax_id", "The account holder's tax ID does not match the bank's records."),
      Map.entry("insufficient_funds", "Your Stripe balance did not cover the payout (refunds or disputes took it below zero)."),
      Map.entry("invalid_account_number", "The account number is not valid for this bank. Check your bank details."),
      Map.entry("invalid_currency", "The bank account cannot receive this currency. Add an account in this currency."),
      Map.entry("no_account", "The bank account details do not lead to an account. Check your bank details."),
      Map.entry("unsupported_card", "The card no longer accepts payouts. Add a bank account or another card."));

  /** Why the payout failed: from the code, else Stripe's message, else the code itself. */
  public static String explain(String failureCode, String failureMessage) {
    String words = failureCode == null ? null : WORDS.get(failureCode);
    if (words != null) {
      return words;
    }
    if (failureMessage != null) {
      return failureMessage;
    }
    return failureCode == null ? "Stripe gave no reason." : "Stripe's code: " + failureCode + ".";
  }
}

package com.comptoir.processor.ledger;

import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.payments.ChargeHooks;
import com.comptoir.processor.time.Jobs;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

/**
 * The money ledger's public face (DESIGN: "Money is a double-entry ledger"): what the payments
 * code calls when a charge succeeds, and the wiring of the ledger's API and due work.
 *
 * <p>Everything else about money (balance transactions, application fees, balances, refunds,
 * disputes, payouts, the auditor) is package-private here and reached through the Stripe API.
 */
public final class Ledger {
  private Ledger() {}

  /** Registers the ledger's endpoints and its due work; call once where the processor is assembled. */
  public static void register(StripeApi api, Jobs jobs) {
    BalanceTransactions.register(api);
    Balances.register(api);
    ApplicationFees.register(api);
    Refunds.register(api, jobs);
    Disputes.register(api, jobs);
    Payouts.register(api, jobs);
    AccountDays.register(jobs);
    LedgerAuditor.register(api);
    api.expander().register("charge", "balance_transaction", "application_fee");
  }

  /**
   * Books a charge that has just succeeded: the contract between payments and the ledger. Call it
   * once per charge, inside the transaction that makes the charge succeed (synchronously for
   * cards, when the payment settles for delayed methods such as SEPA), then store the charge.
   *
   * <p>What the caller passes:
   * <ul>
   *   <li>{@code accountId}: the account the charge is on (the connected account for a direct
   *       charge), and {@code platformId} its platform (equal to {@code accountId} for the
   *       platform's own charges, which cannot carry an application fee);
   *   <li>{@code charge}: the Charge in Stripe's shape, not yet stored in its succeeded form, with
   *       {@code id} ({@code ch_} for cards, {@code py_} otherwise), {@code object:"charge"},
   *       {@code status:"succeeded"}, {@code amount} (minor units, &gt; 0), {@code currency},
   *       {@code application_fee_amount} (null, or 0 to {@code amount}),
   *       {@code balance_transaction: null}, {@code description} (may be null) and
   *       {@code payment_method_details.type} ({@code card}, {@code sepa_debit}, {@code ideal},
   *       {@code bancontact}, {@code eps}, {@code p24}, {@code sofort}, ...). For cards,
   *       {@code payment_method_details.card.country} prices the card (domestic, EEA, UK or
   *       international, fact sheet §7.6) and {@code payment_method_details.card.last4} picks the
   *       test behaviours: {@code 0077} and {@code 0278} (the bypass-pending cards
   *       4000000000000077 and 4000003720000278) make the funds available at once (or say so with
   *       the {@code bypassPending} overload), and refunds of {@code 7726} start pending and of
   *       {@code 5126} fail later (read by {@code /v1/refunds});
   *   <li>{@code ctx}: the request (or settlement job) the charge succeeds in; its clock is the
   *       charge's booking time.
   * </ul>
   *
   * <p>What it does, all in the caller's transaction: prices the payment with the fee model (the
   * account's country, the method, the card's country); posts one balanced entry (outside
   * −amount; the account's pending +(amount − processing fee − application fee), or available
   * for bypass-pending cards; processor fees +processing fee; the platform's pending +application
   * fee); creates the account's BalanceTransaction ({@code txn_}, type {@code charge} for cards
   * and {@code payment} otherwise, {@code fee_details} {@code stripe_fee} and
   * {@code application_fee}, {@code available_on} from the account's payout schedule); when
   * {@code application_fee_amount > 0}, creates the platform's ApplicationFee ({@code fee_}) with
   * its {@code application_fee} BalanceTransaction and publishes {@code application_fee.created}
   * to the platform; schedules the funds' availability and the payouts that follow on the
   * processor clock; and sets {@code balance_transaction} and {@code application_fee} (the
   * {@code fee_} id, or null) on {@code charge}.
   *
   * @throws IllegalArgumentException if the charge is not a succeeded charge as described, or its
   *     application fee is negative or larger than its amount (the caller validates those first)
   * @throws IllegalStateException if the charge already names a balance transaction, or an account
   *     is missing; a second booking of the same charge is also refused by the database (a unique
   *     index on its charge balance transaction), failing the caller's transaction
   */
  public static void chargeSucceeded(Handle h, EventContext ctx, String accountId, String platformId, ObjectNode charge) {
    chargeSucceeded(h, ctx, accountId, platformId, charge, ChargeBooking.isBypassPendingCard(charge));
  }

  /**
   * {@link #chargeSucceeded(Handle, EventContext, String, String, ObjectNode)} with the caller
   * saying whether the funds skip pending ({@code bypassPending}: the payments code knows the
   * card number) instead of the ledger reading it from {@code card.last4}.
   */
  public static void chargeSucceeded(Handle h, EventContext ctx, String accountId, String platformId, ObjectNode charge,
      boolean bypassPending) {
    ChargeBooking.book(h, ctx, accountId, platformId, charge, bypassPending);
  }

  /**
   * The ledger as the payments code's {@link ChargeHooks}: a succeeded charge is booked; a
   * disputed one (the dispute test cards, the disputed SEPA IBANs) opens a chargeback, or an
   * inquiry when the reason is {@code inquiry} (4000000000001976).
   */
  public static ChargeHooks chargeHooks() {
    return new ChargeHooks() {
      @Override
      public void chargeSucceeded(Handle h, EventContext ctx, String accountId, String platformId, ObjectNode charge,
          boolean bypassPending) {
        Ledger.chargeSucceeded(h, ctx, accountId, platformId, charge, bypassPending);
      }

      @Override
      public void chargeDisputed(Handle h, EventContext ctx, String accountId, String platformId, ObjectNode charge, String reason) {
        if ("inquiry".equals(reason)) {
          Disputes.openInquiry(h, ctx, accountId, platformId, charge, "general");
        } else {
          Disputes.open(h, ctx, accountId, platformId, charge, reason == null ? "general" : reason);
        }
      }
    };
  }
}

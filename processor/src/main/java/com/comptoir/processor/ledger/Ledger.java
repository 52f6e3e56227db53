package com.comptoir.processor.ledger;

import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.payments.ChargeHooks;
import com.comptoir.processor.time.Jobs;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The money ledger's public face (DESIGN: "Money is a double-entry ledger"): what the payments
 * code calls when a charge succeeds, and the wiring of the ledger's API and due work.
 *
 * <p>Refunds and disputes (their own packages) move money only through the named postings below
 * ({@link #refundMade}, {@link #disputeFundsWithdrawn}, ...), which answer in the ledger's own
 * exceptions ({@link NegativeBalanceException}, {@link PayoutRefusedException}). The APIs over
 * money (balance, balance transactions, payouts, application fees: packages of their own) reach it
 * through the methods below and read its documents from the store; the journal and how balances
 * are summed stay private here.
 */
public final class Ledger {
  private Ledger() {}

  /**
   * The ledger auditor's report on one consistent snapshot (what {@code GET
   * /v1/test_helpers/ledger/audit} answers): {@code ok}, the {@code checks} run with their number of
   * {@code findings}, and each finding's {@code check}, {@code subject} and {@code detail}. The
   * default sandbox's audit is of the whole processor; another sandbox's (its platform account
   * {@code sandbox}) is of its own accounts and the entries that touch them.
   */
  public static ObjectNode audit(Handle h, String sandbox) {
    return LedgerAuditor.audit(h, sandbox);
  }

  /** Registers the ledger's due work (availability, payout days, payout steps); call once where the processor is assembled. */
  public static void register(Jobs jobs) {
    Payouts.register(jobs);
    AccountDays.register(jobs);
  }

  // ----- balances and payouts, for the balance and payouts APIs and the Dashboard -----

  /**
   * The account's Balance object ({@code GET /v1/balance}): pending and available per currency,
   * always the sum of its postings; an account that never moved money shows zero in its default
   * currency.
   */
  public static ObjectNode balance(Handle h, String accountId) {
    return Balances.render(h, Holder.load(h, accountId));
  }

  /**
   * A condition on a listed resource {@code r}: it is one of the balance transactions the automatic
   * payout bound as {@code :payout} swept. The ledger keeps which payout swept which transaction;
   * lists filter on it by this.
   */
  public static final String PAID_OUT_BY_PAYOUT =
      "r.id IN (SELECT id FROM ledger_balance_transactions WHERE payout = :payout AND account = r.owner)";

  /** One of the account's bank accounts (its external accounts), by id. */
  public static Optional<ObjectNode> bankAccount(Handle h, String accountId, String bankAccountId) {
    return Holder.find(h, accountId).flatMap(holder -> holder.bank(bankAccountId));
  }

  /**
   * What a holder asks to pay out ({@code POST /v1/payouts}).
   *
   * @param destination a bank account id, or null for the account's bank in {@code currency}
   * @param sourceType {@code card} or {@code bank_account}: which part of the available balance
   * @param metadata the payout's metadata (may be empty, never null)
   */
  public record PayoutRequest(long amount, String currency, String destination, String sourceType, String description,
      String statementDescriptor, ObjectNode metadata) {}

  /**
   * Makes a manual payout, in the caller's transaction: the money leaves available for the clearing
   * account, {@code payout.created} is published and the payout's steps are scheduled.
   *
   * @throws PayoutRefusedException when the account cannot be paid out as asked (why is its reason)
   */
  public static ObjectNode payOut(Handle h, EventContext ctx, String accountId, PayoutRequest request) {
    return Payouts.payOutOnRequest(h, ctx, accountId, request);
  }

  /**
   * Cancels a pending manual payout ({@code payout}, read for update by the caller), in the
   * caller's transaction: its money is available again and {@code payout.canceled} is published.
   *
   * @throws PayoutRefusedException when it is automatic or no longer pending
   */
  public static void cancelPayout(Handle h, EventContext ctx, String accountId, ObjectNode payout) {
    Payouts.cancel(h, ctx, accountId, payout);
  }

  /**
   * Refunds {@code amount} (1 to what is left) of an application fee the caller read for update:
   * the platform gives it back to the connected account in one entry, with their balance
   * transactions and {@code application_fee.refunded}.
   *
   * @param metadata the fee refund's metadata (may be empty, never null)
   * @return the fee refund ({@code fr_})
   */
  public static ObjectNode refundApplicationFee(Handle h, EventContext ctx, ObjectNode fee, long amount, ObjectNode metadata) {
    return ApplicationFees.refundAlone(h, ctx, fee, amount, metadata);
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

  /** The ledger as the payments code's {@link ChargeHooks}: a succeeded charge is booked. */
  public static ChargeHooks chargeHooks() {
    return new ChargeHooks() {
      @Override
      public void chargeSucceeded(Handle h, EventContext ctx, String accountId, String platformId, ObjectNode charge,
          boolean bypassPending) {
        Ledger.chargeSucceeded(h, ctx, accountId, platformId, charge, bypassPending);
      }
    };
  }

  // ----- named postings for refunds and disputes: the ledger's side of their money -----

  /**
   * Books a refund of {@code amount} of {@code charge} as it is made, in the caller's transaction:
   * the account's balance transaction ({@code refund}, or {@code payment_refund} for other methods,
   * with the platform's proportional fee refund when {@code refundApplicationFee}), the money into
   * the refunds clearing account and, unless {@code pending}, on to the card network or bank.
   * Takes the account's ledger lock first.
   *
   * @return the refund's balance transaction id
   * @throws NegativeBalanceException if the account's balance in the charge's currency is below
   *     zero (nothing is written)
   */
  public static String refundMade(Handle h, EventContext ctx, String accountId, ObjectNode charge, String refundId, long amount,
      boolean refundApplicationFee, boolean pending) {
    return RefundPostings.made(h, ctx, accountId, charge, refundId, amount, refundApplicationFee, pending);
  }

  /** A pending refund reached the card network or bank: out of the clearing account. */
  public static void refundSucceeded(Handle h, ObjectNode charge, String refundId, String currency, long amount, long atMillis) {
    RefundPostings.succeeded(h, charge, refundId, currency, amount, atMillis);
  }

  /**
   * A succeeded refund failed (the card is gone): the money comes back to the account's available
   * balance as a {@code refund_failure} balance transaction.
   *
   * @return that balance transaction's id
   */
  public static String refundFailed(Handle h, String accountId, ObjectNode charge, String refundId, String currency, long amount,
      long atMillis) {
    return RefundPostings.failed(h, accountId, charge, refundId, currency, amount, atMillis);
  }

  /**
   * A chargeback withdraws the disputed amount and the dispute fee from the account's available
   * balance ({@code adjustment}, category {@code dispute}).
   *
   * @return the balance transaction, as the dispute's {@code balance_transactions} shows it
   */
  public static ObjectNode disputeFundsWithdrawn(Handle h, EventContext ctx, String accountId, ObjectNode dispute, ObjectNode charge) {
    return DisputePostings.fundsWithdrawn(h, ctx, accountId, dispute, charge);
  }

  /**
   * A won chargeback gives back what {@link #disputeFundsWithdrawn} took, the fee too where the fee
   * model says so ({@code adjustment}, category {@code dispute_reversal}).
   *
   * @return the balance transaction, as the dispute's {@code balance_transactions} shows it
   */
  public static ObjectNode disputeFundsReinstated(Handle h, EventContext ctx, String accountId, ObjectNode dispute, ObjectNode charge) {
    return DisputePostings.fundsReinstated(h, ctx, accountId, dispute, charge);
  }

  /**
   * The payout the account's schedule will make next in one currency.
   *
   * @param amount minor units; negative when the payout debits the bank
   * @param createdAt unix seconds (00:00 UTC of the payout day) the payout will be made
   * @param arrivalDate unix seconds the payout will arrive, as its {@code arrival_date}
   */
  public record NextPayout(String currency, long amount, long createdAt, long arrivalDate) {}

  /**
   * What the automatic payout schedule will pay out next, per currency, from the funds available
   * or becoming available by then; empty when payouts are manual or not enabled, or nothing is due.
   */
  public static List<NextPayout> nextPayouts(Handle h, String accountId, long nowSeconds) {
    return NextPayouts.of(h, accountId, nowSeconds);
  }

  /** The platform of {@code accountId} (the platform's own id for the platform): whom due work's events are for. */
  public static String platformOf(Handle h, String accountId) {
    return Holder.load(h, accountId).platformId();
  }
}

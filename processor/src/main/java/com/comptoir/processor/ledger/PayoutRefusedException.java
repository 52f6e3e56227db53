package com.comptoir.processor.ledger;

/**
 * The ledger's answer when a payout cannot be made or canceled. The ledger says why in its own
 * terms; the payouts API words it as Stripe does.
 */
public final class PayoutRefusedException extends RuntimeException {

  /** Why: each with the {@link #subject()} and {@link #amount()} it names, where it names one. */
  public enum Reason {
    /** The account still has requirements due. */
    PAYOUTS_NOT_ENABLED,
    /** The account is paid out on a schedule; subject: the schedule's interval. */
    SCHEDULE_IS_AUTOMATIC,
    /** No usable bank account takes the currency; subject: the currency. */
    NO_BANK_FOR_CURRENCY,
    /** The account has no such bank account; subject: the id asked for. */
    NO_SUCH_BANK_ACCOUNT,
    /** The bank account takes another currency; subject: its id, secondSubject: its currency. */
    BANK_ACCOUNT_IN_OTHER_CURRENCY,
    /** Too little available of the source type; subject: the source type, amount: what is available. */
    INSUFFICIENT_FUNDS,
    /** Automatic payouts are the schedule's, not the holder's, to cancel. */
    AUTOMATIC_PAYOUT,
    /** Only a pending payout can be canceled; subject: its status. */
    NOT_PENDING
  }

  private final Reason reason;
  private final String subject;
  private final String secondSubject;
  private final long amount;

  PayoutRefusedException(Reason reason, String subject, String secondSubject, long amount) {
    super(reason + (subject == null ? "" : " " + subject));
    this.reason = reason;
    this.subject = subject;
    this.secondSubject = secondSubject;
    this.amount = amount;
  }

  PayoutRefusedException(Reason reason, String subject) {
    this(reason, subject, null, 0);
  }

  public Reason reason() {
    return reason;
  }

  public String subject() {
    return subject;
  }

  public String secondSubject() {
    return secondSubject;
  }

  public long amount() {
    return amount;
  }
}

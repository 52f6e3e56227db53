package com.comptoir.processor.ledger;

import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.payments.ChargeStatus;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.testmode.TestCards;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** {@link Ledger#chargeSucceeded}: one succeeded charge, booked as one balanced entry. */
final class ChargeBooking {
  /** Test cards whose funds skip pending (fact sheet §6.3): 4000000000000077 and 4000003720000278. */
  /** Methods whose funds Stripe counts as {@code bank_account} in Balance.source_types. */
  private static final Set<String> BANK_ACCOUNT_METHODS = Set.of("sepa_debit", "us_bank_account", "bacs_debit", "au_becs_debit");

  private ChargeBooking() {}

  /** Whether the charge was paid with one of the bypass-pending test cards, by its last four digits. */
  static boolean isBypassPendingCard(ObjectNode charge) {
    return "card".equals(method(charge))
        && TestCards.bypassesPending(charge.path("payment_method_details").path("card").path("last4").asText());
  }

  static void book(Handle h, EventContext ctx, String accountId, String platformId, ObjectNode charge, boolean bypassPending) {
    String chargeId = charge.path("id").asText();
    check(charge, chargeId);
    long amount = charge.get("amount").asLong();
    String currency = charge.get("currency").asText();
    long applicationFee = charge.path("application_fee_amount").asLong(0);
    if (applicationFee < 0 || applicationFee > amount || (applicationFee > 0 && accountId.equals(platformId))) {
      throw new IllegalArgumentException("application_fee_amount " + applicationFee + " on " + chargeId + " of " + amount);
    }
    // Booked twice? The charge names its transaction, and the database has a unique index to refuse a second one.
    Holder account = Holder.load(h, accountId);
    String method = method(charge);
    JsonNode card = charge.path("payment_method_details").path("card");
    FeeModel.Price price = FeeModel.price(h, account.country(), method, card.path("country").asText(null), amount, currency);
    long now = Math.floorDiv(ctx.nowMillis(), 1000);
    boolean available = bypassPending;
    String sourceType = sourceType(method);

    List<BalanceTransactions.Fee> fees = new ArrayList<>();
    fees.add(new BalanceTransactions.Fee("stripe_fee", price.processingFee(), null, "Stripe processing fees"));
    String application = ApplicationFees.applicationId(platformId);
    if (applicationFee > 0) {
      fees.add(new BalanceTransactions.Fee("application_fee", applicationFee, application, "Application fee"));
    }
    // The transactions, the fee and the entry are written together, by booking.post below.
    Booking booking = new Booking();
    String txn = BalanceTransactions.newId();
    long availableOn = available ? now : account.schedule().availableOn(now);
    var spec = new BalanceTransactions.Spec(accountId, "card".equals(method) ? "charge" : "payment", "charge", currency, amount, fees,
        sourceType, chargeId, charge.path("description").asText(null), available, availableOn, now);
    booking.transaction(txn, spec);
    List<Posting> postings = new ArrayList<>();
    postings.add(Posting.outside(Posting.outsideBucketFor(method), currency, -amount));
    postings.add(BalanceTransactions.posting(txn, spec));
    postings.add(Posting.fees(currency, price.processingFee()));

    ObjectNode fee = null;
    if (applicationFee > 0) {
      Holder platform = Holder.load(h, platformId);
      String feeId = Ids.next("fee_");
      String platformTxn = BalanceTransactions.newId();
      long platformAvailableOn = available ? now : platform.schedule().availableOn(now);
      var platformSpec = BalanceTransactions.spec(platformId, "application_fee", currency, applicationFee, List.of(), sourceType, feeId,
          available, platformAvailableOn, now);
      booking.transaction(platformTxn, platformSpec);
      postings.add(BalanceTransactions.posting(platformTxn, platformSpec));
      fee = ApplicationFees.document(feeId, platformId, accountId, charge, applicationFee, platformTxn, now);
      booking.document(platformId, fee);
      AccountDays.afterCredit(h, platform, platformSpec);
    }
    booking.post(h, "charge", chargeId, ctx.nowMillis(), postings);
    charge.put("balance_transaction", txn);
    if (!accountId.equals(platformId) && !charge.hasNonNull("application")) {
      charge.put("application", application); // a direct charge made through the platform's Connect application
    }
    charge.put("application_fee", fee == null ? null : fee.get("id").asText());
    if (fee != null) {
      Events.publish(h, ctx, platformId, "application_fee.created", fee, null);
    }
    AccountDays.afterCredit(h, account, spec);
  }

  private static void check(ObjectNode charge, String chargeId) {
    if (!"charge".equals(charge.path("object").asText()) || !(chargeId.startsWith("ch_") || chargeId.startsWith("py_"))) {
      throw new IllegalArgumentException("not a charge: " + chargeId);
    }
    if (ChargeStatus.of(charge) != ChargeStatus.SUCCEEDED) {
      throw new IllegalArgumentException("charge " + chargeId + " is " + ChargeStatus.of(charge).wire() + ", not succeeded");
    }
    if (!charge.path("amount").canConvertToLong() || charge.get("amount").asLong() <= 0 || !charge.path("currency").isTextual()) {
      throw new IllegalArgumentException("charge " + chargeId + " needs a positive amount and a currency");
    }
    if (charge.hasNonNull("balance_transaction")) {
      throw new IllegalStateException("charge " + chargeId + " already has balance transaction " + charge.get("balance_transaction"));
    }
    if (!charge.path("payment_method_details").path("type").isTextual()) {
      throw new IllegalArgumentException("charge " + chargeId + " has no payment_method_details.type");
    }
  }

  static String method(JsonNode charge) {
    return charge.path("payment_method_details").path("type").asText("card");
  }

  static String sourceType(String method) {
    return BANK_ACCOUNT_METHODS.contains(method) ? "bank_account" : "card";
  }
}

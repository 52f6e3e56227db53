package com.comptoir.processor.ledger;

import com.comptoir.processor.accounts.BankAccountStatus;
import com.comptoir.processor.ledger.PayoutRefusedException.Reason;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.events.Events;
import com.comptoir.processor.events.PreviousAttributes;
import com.comptoir.processor.store.HotCache;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.testmode.TestPayoutBanks;
import com.comptoir.processor.time.Jobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Payouts ({@code po_}, fact sheet §7.8): the available balance leaving for the account's bank,
 * automatically on its schedule or on request ({@code POST /v1/payouts} with a manual schedule).
 *
 * <p>Money: making a payout moves it from available into a clearing account, in transit; paid, it
 * leaves for the bank (outside); failed or canceled, it comes back to available. A negative
 * available balance is recovered the way Stripe does for accounts with
 * {@code debit_negative_balances}: an automatic payout of a negative amount debits the bank.
 */
final class Payouts {
  static final String JOB = "ledger.payout";
  /** How long a payout stays {@code pending} (cancelable) before it is sent to the bank. */
  static final long SUBMIT_DELAY_MILLIS = 60_000;

  private Payouts() {}

  static void register(Jobs jobs) {
    jobs.register(JOB, Payouts::step);
  }

  // ----- every move through the table (PayoutStatus) -----

  private static void move(Handle h, EventContext ctx, String account, ObjectNode payout, PayoutStatus to) {
    ObjectNode before = payout.deepCopy();
    String event = PayoutStatus.move(payout, to);
    if (to == PayoutStatus.PAID && payout.get("automatic").asBoolean()) {
      payout.put("reconciliation_status", "completed");
    }
    ResourceStore.update(h, payout);
    Events.publish(h, ctx, account, event, payout, event.endsWith(".updated") ? PreviousAttributes.of(before, payout) : null);
    if (to == PayoutStatus.PAID && payout.get("automatic").asBoolean()) {
      Events.publish(h, ctx, account, "payout.reconciliation_completed", payout, null);
    }
  }

  // ----- making payouts -----

  private record Swept(String id, String sourceType, long net) {}

  /** Pays out each currency's available balance that has a bank to go to: the automatic payout of a payout day. */
  static void payOutAvailable(Handle h, EventContext ctx, Holder holder, long nowSeconds) {
    if (!holder.payoutsEnabled()) {
      return;
    }
    List<String> currencies = h.createQuery("""
            SELECT DISTINCT currency FROM ledger_balance_transactions
            WHERE account = :a AND status = 'available' AND payout IS NULL ORDER BY currency""")
        .bind("a", holder.id()).mapTo(String.class).list();
    for (String currency : currencies) {
      if (holder.bankFor(currency).isEmpty()) {
        continue; // Stripe would convert to a currency the account has a bank for; the processor keeps it
      }
      List<Swept> swept = h.createQuery("""
              SELECT id, source_type, net FROM ledger_balance_transactions
              WHERE account = :a AND currency = :c AND status = 'available' AND payout IS NULL FOR UPDATE""")
          .bind("a", holder.id()).bind("c", currency)
          .map((rs, c) -> new Swept(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
      Map<String, Long> bySourceType = new TreeMap<>();
      swept.forEach(s -> bySourceType.merge(s.sourceType(), s.net(), Math::addExact));
      long amount = bySourceType.values().stream().mapToLong(Long::longValue).sum();
      if (amount == 0 || (amount < 0 && !holder.debitNegativeBalances())) {
        continue;
      }
      ObjectNode payout = make(h, ctx, holder, currency, bySourceType, holder.bankFor(currency).get(), true, "STRIPE PAYOUT", null,
          Json.object(), nowSeconds);
      List<String> ids = new ArrayList<>(swept.stream().map(Swept::id).toList());
      ids.add(payout.get("balance_transaction").asText());
      h.createUpdate("UPDATE ledger_balance_transactions SET payout = :po WHERE id = ANY (:ids)")
          .bind("po", payout.get("id").asText()).bind("ids", ids.toArray(String[]::new)).execute();
    }
  }

  /** True when the next payout day would pay something out. */
  static boolean wouldPayOut(Handle h, Holder holder) {
    if (!holder.payoutsEnabled() || !holder.schedule().automatic()) {
      return false;
    }
    Map<String, Long> unswept = new TreeMap<>();
    h.createQuery("""
            SELECT currency, sum(net) FROM ledger_balance_transactions
            WHERE account = :a AND status = 'available' AND payout IS NULL GROUP BY currency""")
        .bind("a", holder.id())
        .map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> unswept.put(e.getKey(), e.getValue()));
    return unswept.entrySet().stream().anyMatch(e -> holder.bankFor(e.getKey()).isPresent()
        && (e.getValue() > 0 || (e.getValue() < 0 && holder.debitNegativeBalances())));
  }

  /**
   * Makes a payout of the sum of {@code bySourceType} (negative: a debit of the bank): its
   * {@code payout} balance transaction, its entry, its document, its event and its due steps.
   */
  private static ObjectNode make(Handle h, EventContext ctx, Holder holder, String currency, Map<String, Long> bySourceType,
      ObjectNode bank, boolean automatic, String description, String statementDescriptor, ObjectNode metadata, long nowSeconds) {
    long amount = bySourceType.values().stream().mapToLong(Long::longValue).sum();
    String id = Ids.next("po_");
    String txn = BalanceTransactions.newId();
    // Stripe pays card and bank funds out together here; a payout of bank funds alone says so.
    String mainSourceType = bySourceType.keySet().equals(java.util.Set.of("bank_account")) ? "bank_account" : "card";
    var spec = new BalanceTransactions.Spec(holder.id(), "payout", "payout", currency, -amount, List.of(), mainSourceType, id,
        description, true, nowSeconds, nowSeconds);
    BalanceTransactions.create(h, txn, spec);
    List<Posting> postings = new ArrayList<>();
    bySourceType.forEach((sourceType, part) ->
        postings.add(Posting.balance(holder.id(), Posting.AVAILABLE, currency, -part, sourceType, txn)));
    postings.add(Posting.clearing(Posting.PAYOUTS_IN_TRANSIT, currency, amount, id));
    Journal.post(h, "payout", id, ctx.nowMillis(), postings);

    ObjectNode payout = Json.object();
    payout.put("id", id);
    payout.put("object", "payout");
    payout.put("amount", amount);
    payout.put("arrival_date", PayoutSchedule.arrivalDate(nowSeconds));
    payout.put("automatic", automatic);
    payout.put("balance_transaction", txn);
    payout.put("created", nowSeconds);
    payout.put("currency", currency);
    payout.put("description", description);
    payout.put("destination", bank.get("id").asText());
    payout.putNull("failure_balance_transaction");
    payout.putNull("failure_code");
    payout.putNull("failure_message");
    payout.put("livemode", false);
    payout.set("metadata", metadata.deepCopy());
    payout.put("method", "standard");
    payout.putNull("original_payout");
    payout.put("reconciliation_status", automatic ? "in_progress" : "not_applicable");
    payout.putNull("reversed_by");
    payout.put("source_type", mainSourceType);
    payout.put("statement_descriptor", statementDescriptor);
    payout.put("status", PayoutStatus.PENDING.wire());
    payout.put("type", "bank_account");
    ResourceStore.insert(h, holder.id(), payout);
    Events.publish(h, ctx, holder.id(), "payout.created", payout, null);
    Jobs.schedule(h, ctx.platformId(), JOB, id + "@submit", ctx.nowMillis() + SUBMIT_DELAY_MILLIS, ctx.nowMillis());
    Jobs.schedule(h, ctx.platformId(), JOB, id + "@arrive", payout.get("arrival_date").asLong() * 1000, ctx.nowMillis());
    return payout;
  }

  /**
   * A payout the holder asks for ({@code POST /v1/payouts}, manual schedules only): {@code amount}
   * of {@code sourceType}'s available balance in {@code currency}, to {@code destination} or, when
   * null, the account's bank for the currency.
   */
  static ObjectNode payOutOnRequest(Handle h, EventContext ctx, String accountId, Ledger.PayoutRequest request) {
    Holder holder = Holder.load(h, accountId);
    String currency = request.currency();
    if (!holder.payoutsEnabled()) {
      throw new PayoutRefusedException(Reason.PAYOUTS_NOT_ENABLED, null);
    }
    if (holder.schedule().automatic()) {
      throw new PayoutRefusedException(Reason.SCHEDULE_IS_AUTOMATIC, holder.schedule().interval());
    }
    ObjectNode bank = request.destination() != null
        ? holder.bank(request.destination()).orElseThrow(() -> new PayoutRefusedException(Reason.NO_SUCH_BANK_ACCOUNT, request.destination()))
        : holder.bankFor(currency).orElseThrow(() -> new PayoutRefusedException(Reason.NO_BANK_FOR_CURRENCY, currency));
    if (!currency.equals(bank.path("currency").asText())) {
      throw new PayoutRefusedException(Reason.BANK_ACCOUNT_IN_OTHER_CURRENCY, bank.get("id").asText(),
          bank.path("currency").asText(), 0);
    }
    AccountDays.lock(h, accountId);
    long available = Balances.of(h, accountId).get(currency, Posting.AVAILABLE, request.sourceType());
    if (available < request.amount()) {
      throw new PayoutRefusedException(Reason.INSUFFICIENT_FUNDS, request.sourceType(), null, available);
    }
    return make(h, ctx, holder, currency, Map.of(request.sourceType(), request.amount()), bank, false,
        request.description(), request.statementDescriptor(), request.metadata(), Math.floorDiv(ctx.nowMillis(), 1000));
  }

  /** Cancels a pending manual payout, in the caller's transaction: its money is available again. */
  static void cancel(Handle h, EventContext ctx, String accountId, ObjectNode payout) {
    if (payout.get("automatic").asBoolean()) {
      throw new PayoutRefusedException(Reason.AUTOMATIC_PAYOUT, null);
    }
    if (!PayoutStatus.of(payout).canMoveTo(PayoutStatus.CANCELED)) {
      throw new PayoutRefusedException(Reason.NOT_PENDING, PayoutStatus.of(payout).wire());
    }
    giveBack(h, ctx, accountId, payout, "payout_cancel", "payout_cancel");
    move(h, ctx, accountId, payout, PayoutStatus.CANCELED);
  }

  /** Brings a payout's money back from the clearing account to available, as a {@code type} transaction. */
  private static String giveBack(Handle h, EventContext ctx, String accountId, ObjectNode payout, String type, String entryKind) {
    String id = payout.get("id").asText();
    String currency = payout.get("currency").asText();
    long amount = payout.get("amount").asLong();
    long now = Math.floorDiv(ctx.nowMillis(), 1000);
    String txn = BalanceTransactions.newId();
    var spec = new BalanceTransactions.Spec(accountId, type, "payout_reversal", currency, amount, List.of(),
        payout.get("source_type").asText(), id, null, true, now, now);
    BalanceTransactions.create(h, txn, spec);
    List<Posting> postings = new ArrayList<>();
    // back to the source types it left from
    h.createQuery("""
            SELECT source_type, sum(amount) FROM ledger_postings
            WHERE balance_transaction = :txn AND bucket = 'available' GROUP BY source_type""")
        .bind("txn", payout.get("balance_transaction").asText())
        .map((rs, c) -> Posting.balance(accountId, Posting.AVAILABLE, currency, -rs.getLong(2), rs.getString(1), txn))
        .forEach(postings::add);
    postings.add(Posting.clearing(Posting.PAYOUTS_IN_TRANSIT, currency, -amount, id));
    Journal.post(h, entryKind, id, ctx.nowMillis(), postings);
    return txn;
  }

  // ----- due steps: submitted to the bank, then paid or failed -----

  private static void step(Handle h, String ref, long dueMillis) {
    int at = ref.lastIndexOf('@');
    String id = ref.substring(0, at);
    String step = ref.substring(at + 1);
    var row = h.createQuery("SELECT owner, body::text FROM resources WHERE id = :id AND object = 'payout' FOR UPDATE")
        .bind("id", id).map((rs, c) -> Map.entry(rs.getString(1), Json.parseObject(rs.getString(2)))).findOne();
    if (row.isEmpty()) {
      return;
    }
    String accountId = row.get().getKey();
    ObjectNode payout = row.get().getValue();
    Holder holder = Holder.load(h, accountId);
    EventContext ctx = EventContext.automatic(holder.platformId(), dueMillis);
    if (PayoutStatus.of(payout) == PayoutStatus.PENDING) {
      move(h, ctx, accountId, payout, PayoutStatus.IN_TRANSIT);
    }
    if ("arrive".equals(step) && PayoutStatus.of(payout) == PayoutStatus.IN_TRANSIT) {
      arrive(h, ctx, holder, payout);
    }
  }

  private static void arrive(Handle h, EventContext ctx, Holder holder, ObjectNode payout) {
    String id = payout.get("id").asText();
    String currency = payout.get("currency").asText();
    long amount = payout.get("amount").asLong();
    ObjectNode bank = holder.bank(payout.get("destination").asText()).orElse(null);
    TestPayoutBanks.Failure failure = bank == null ? TestPayoutBanks.Failure.NO_ACCOUNT : TestPayoutBanks.outcome(bank);
    if (failure == null) {
      Journal.post(h, "payout_paid", id, ctx.nowMillis(), List.of(
          Posting.clearing(Posting.PAYOUTS_IN_TRANSIT, currency, -amount, id),
          Posting.outside(Posting.BANKS, currency, amount)));
      move(h, ctx, holder.id(), payout, PayoutStatus.PAID);
      return;
    }
    String txn = giveBack(h, ctx, holder.id(), payout, "payout_failure", "payout_failed");
    payout.put("failure_balance_transaction", txn);
    payout.put("failure_code", failure.code());
    payout.put("failure_message", failure.message());
    move(h, ctx, holder.id(), payout, PayoutStatus.FAILED);
    if (bank != null) {
      markErrored(h, ctx, holder, bank.get("id").asText());
    }
    AccountDays.planPayout(h, Holder.load(h, holder.id()), PayoutSchedule.epochDay(Math.floorDiv(ctx.nowMillis(), 1000)) + 1);
  }

  /**
   * A failed payout disables the bank account (fact sheet §7.8): its {@code status} becomes
   * {@code errored}, no payout goes to it again, and the platform hears
   * {@code account.external_account.updated}.
   */
  private static void markErrored(Handle h, EventContext ctx, Holder holder, String bankId) {
    String owner = holder.isPlatform() ? holder.id() : holder.platformId();
    ObjectNode account = ResourceStore.findForUpdate(h, owner, holder.id()).orElseThrow();
    for (JsonNode external : account.path("external_accounts").path("data")) {
      if (bankId.equals(external.path("id").asText()) && BankAccountStatus.of(external).canMoveTo(BankAccountStatus.ERRORED)) {
        ObjectNode bank = (ObjectNode) external;
        ObjectNode previous = bank.objectNode().put("status", BankAccountStatus.of(bank).wire());
        String event = BankAccountStatus.move(bank, BankAccountStatus.ERRORED);
        ResourceStore.update(h, account);
        HotCache.changed(h, holder.id());
        Events.publish(h, ctx, holder.id(), event, bank, previous);
      }
    }
  }
}

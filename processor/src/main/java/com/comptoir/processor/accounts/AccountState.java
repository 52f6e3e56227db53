package com.comptoir.processor.accounts;

import com.comptoir.processor.api.Caller;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * An account being changed in one transaction: its document (row-locked), its persons and its
 * identity numbers. {@link #save} derives the requirements of a connected account again, stores
 * everything and publishes {@code account.updated} when something a platform can see changed, and
 * {@code capability.updated} for each capability whose status moved.
 */
final class AccountState {
  final ObjectNode account;
  final List<ObjectNode> persons;
  final ObjectNode sensitive;
  /** A platform's own account: a fully activated Stripe account, outside connected-account onboarding. */
  private final boolean platform;
  /** Whether an onboarding link was ever made for it: from then on the holder gives their own details. */
  final boolean onboardingStarted;
  private final ObjectNode before;
  private final ObjectNode sensitiveBefore;

  private AccountState(ObjectNode account, List<ObjectNode> persons, ObjectNode sensitive, boolean platform, boolean onboardingStarted) {
    this.account = account;
    this.persons = persons;
    this.sensitive = sensitive;
    this.platform = platform;
    this.onboardingStarted = onboardingStarted;
    this.before = account.deepCopy();
    this.sensitiveBefore = sensitive.deepCopy();
  }

  static AccountState load(Handle h, Caller caller, String accountId) {
    ObjectNode account = Accounts.findForUpdate(h, caller, accountId);
    return of(h, account);
  }

  /** A connected account being created: no persons, no identity numbers stored, nothing read back. */
  static AccountState fresh(ObjectNode account) {
    return new AccountState(account, new ArrayList<>(), Json.object(), false, false);
  }

  /** For the processor's own pages and jobs, which act for the account without an API caller. */
  static AccountState loadById(Handle h, String accountId) {
    ObjectNode account = h.createQuery("SELECT body::text FROM resources WHERE id = :id AND object = 'account' FOR UPDATE")
        .bind("id", accountId).mapTo(String.class).findOne().map(Json::parseObject)
        .orElseThrow(() -> new IllegalStateException("no account " + accountId));
    return of(h, account);
  }

  /**
   * The rest of a locked account, in one statement. Not in the locking statement itself: a
   * statement that waited for the lock still reads other rows as they were when it began, so
   * persons or identity numbers another transaction committed meanwhile would be lost on save.
   * This one starts after the lock is held and sees them.
   */
  private static AccountState of(Handle h, ObjectNode account) {
    String id = account.get("id").asText();
    return h.createQuery("""
            SELECT a.platform_id IS NULL, a.onboarding_started, a.sensitive::text,
                   (SELECT jsonb_agg(p.body ORDER BY p.seq)::text FROM resources p WHERE p.owner = a.id AND p.object = 'person')
            FROM accounts a WHERE a.id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> {
          List<ObjectNode> persons = new ArrayList<>();
          if (rs.getString(4) != null) {
            Json.parse(rs.getString(4)).forEach(p -> persons.add((ObjectNode) p));
          }
          return new AccountState(account, persons, Json.parseObject(rs.getString(3)), rs.getBoolean(1), rs.getBoolean(2));
        })
        .one();
  }

  String id() {
    return account.get("id").asText();
  }

  /** Moves write-only identity numbers out of the document and fills in the person shape. */
  void normalizeIdentity() {
    if (account.get("company") instanceof ObjectNode company) {
      Sensitive.extract(company, "company", Sensitive.COMPANY_FIELDS, sensitive);
      if (company.has("structure") && company.get("structure").isNull()) {
        company.remove("structure"); // unset: Stripe leaves it out rather than showing null
      }
    }
    if (account.has("individual") && !account.get("individual").isNull()) {
      ObjectNode individual = PersonDocument.ensurePerson(account, Ids.next("person_"));
      Sensitive.extract(individual, "individual", Sensitive.PERSON_FIELDS, sensitive);
    }
  }

  void save(Handle h, EventContext context) {
    if (!platform) {
      // The platform's own account keeps what it was made with (PlatformAccount): charges and
      // payouts on, nothing due. Deriving it from the rules of connected-account onboarding would
      // switch them off the first time the platform changed anything about itself.
      Requirements.refresh(new Requirements.Inputs(account, persons, sensitive));
    }
    if (!sensitive.equals(sensitiveBefore)) {
      Sensitive.save(h, id(), sensitive);
    }
    Accounts.save(h, context, before, account);
    Capabilities.publishChanges(h, context, before, account); // any change can move capabilities
  }
}

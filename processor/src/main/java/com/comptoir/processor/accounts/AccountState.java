package com.comptoir.processor.accounts;

import com.comptoir.processor.api.Caller;
import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  private final ObjectNode before;

  private AccountState(ObjectNode account, List<ObjectNode> persons, ObjectNode sensitive, boolean platform) {
    this.account = account;
    this.persons = persons;
    this.sensitive = sensitive;
    this.platform = platform;
    this.before = account.deepCopy();
  }

  static AccountState load(Handle h, Caller caller, String accountId) {
    ObjectNode account = Accounts.findForUpdate(h, caller, accountId);
    return of(h, account);
  }

  /** A connected account being created: no persons, no identity numbers stored, nothing read back. */
  static AccountState fresh(ObjectNode account) {
    return new AccountState(account, new java.util.ArrayList<>(), Json.object(), false);
  }

  /** For the processor's own pages and jobs, which act for the account without an API caller. */
  static AccountState loadById(Handle h, String accountId) {
    ObjectNode account = h.createQuery("SELECT body::text FROM resources WHERE id = :id AND object = 'account' FOR UPDATE")
        .bind("id", accountId).mapTo(String.class).findOne().map(Json::parseObject)
        .orElseThrow(() -> new IllegalStateException("no account " + accountId));
    return of(h, account);
  }

  private static AccountState of(Handle h, ObjectNode account) {
    String id = account.get("id").asText();
    List<ObjectNode> persons = h.createQuery("SELECT body::text FROM resources WHERE owner = :id AND object = 'person' ORDER BY seq")
        .bind("id", id).mapTo(String.class).map(Json::parseObject).list();
    boolean platform = h.createQuery("SELECT platform_id IS NULL FROM accounts WHERE id = :id").bind("id", id).mapTo(Boolean.class).one();
    return new AccountState(account, persons, Sensitive.load(h, id), platform);
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
    Sensitive.save(h, id(), sensitive);
    Accounts.save(h, context, before, account);
    Capabilities.publishChanges(h, context, before, account); // any change can move capabilities
  }
}

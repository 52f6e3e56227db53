package com.comptoir.platform.onboarding;

import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.param.AccountListParams;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches what webhooks missed (an endpoint that was down past Stripe's retries, an event for an
 * account not yet saved): lists every connected account, a hundred per request, and keeps each
 * one's state unless a fresher read was kept meanwhile.
 */
public final class Reconciliation {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);
  /** A bound on one run: 1,000 pages of 100 accounts. */
  static final int MAX_ACCOUNTS = 100_000;

  private final Jdbi jdbi;
  private final StripeApi stripe;

  public Reconciliation(Jdbi jdbi, StripeApi stripe) {
    this.jdbi = jdbi;
    this.stripe = stripe;
  }

  /** One pass; returns how many known accounts it looked at. */
  public int run() throws StripeException {
    OffsetDateTime startedAt = jdbi.withHandle(h -> h.createQuery("SELECT now()").mapTo(OffsetDateTime.class).one());
    int seen = 0;
    int known = 0;
    for (Account account : stripe.client().v1().accounts().list(AccountListParams.builder().setLimit(100L).build()).autoPagingIterable()) {
      if (++seen > MAX_ACCOUNTS) {
        LOG.warn("reconciliation stopped after {} accounts", MAX_ACCOUNTS);
        break;
      }
      boolean ours = jdbi.inTransaction(h -> {
        Optional<Store> store = Stores.byAccount(h, account.getId());
        store.ifPresent(s -> ConnectedAccounts.save(h, s.id(), account, "reconciliation", startedAt));
        return store.isPresent();
      });
      known += ours ? 1 : 0;
    }
    return known;
  }
}

package com.comptoir.platform.onboarding;

import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.webhooks.EventHandler;
import java.util.Map;
import java.util.Optional;

/** What the Connect endpoint does with account events: keeps the dashboard's account state current. */
public final class AccountEvents {
  private AccountEvents() {}

  public static Map<String, EventHandler> handlers(ConnectedAccounts accounts) {
    return Map.of(
        "account.updated", (h, event) -> {
          // An account the platform does not know (yet) is left to the return page and reconciliation.
          Optional<Store> store = Stores.byAccount(h, event.getAccount());
          if (store.isPresent()) {
            accounts.refresh(h, store.get().id(), event.getAccount(), "webhook");
          }
        },
        "account.application.deauthorized", (h, event) -> ConnectedAccounts.markDeauthorized(h, event.getAccount()));
  }
}

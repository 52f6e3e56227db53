package com.comptoir.platform.onboarding;

import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.webhooks.EventHandler;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the Connect endpoint does with account events: keeps the dashboard's account state current,
 * and tells the merchant when Stripe asks for more information by a deadline.
 */
public final class AccountEvents {
  private AccountEvents() {}

  public static Map<String, EventHandler> handlers(ConnectedAccounts accounts, Supplier<String> publicUrl) {
    return Map.of(
        "account.updated", (h, event) -> {
          // An account the platform does not know (yet) is left to the return page and reconciliation.
          Optional<Store> store = Stores.byAccount(h, event.getAccount());
          if (store.isPresent()) {
            accounts.refresh(h, store.get().id(), event.getAccount(), "webhook");
            RequirementsMail.maybeSend(h, store.get(), event, publicUrl.get());
          }
        },
        "account.application.deauthorized", (h, event) -> ConnectedAccounts.markDeauthorized(h, event.getAccount()));
  }
}

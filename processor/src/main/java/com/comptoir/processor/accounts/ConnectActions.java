package com.comptoir.processor.accounts;

import com.comptoir.processor.api.Caller;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;

/**
 * What the platform's Dashboard does to its connected accounts, through the very code of the
 * endpoints ({@code POST /v1/account_links}, {@code POST /v1/accounts/{id}/reject},
 * {@code POST /v1/accounts/{id}/login_links}), so the same checks refuse the same things and the
 * same events are published. Each runs in the caller's transaction and answers a refusal with the
 * {@link StripeError} the API would send.
 */
public final class ConnectActions {
  private ConnectActions() {}

  /** An {@code account_link} of {@code type} for {@code accountId}, its URL under {@code baseUrl}. */
  public static ObjectNode createAccountLink(Handle h, Caller platform, String accountId, String type, String refreshUrl,
      String returnUrl, long nowSeconds, String baseUrl) {
    return AccountLinks.create(h, platform, accountId, type, "currently_due", refreshUrl, returnUrl, nowSeconds, baseUrl);
  }

  /** Rejects a Custom or Express account for {@code reason} ({@code fraud}, {@code terms_of_service} or {@code other}). */
  public static ObjectNode reject(Handle h, Caller platform, EventContext context, String accountId, String reason) {
    return AccountRejection.reject(h, platform, context, accountId, reason);
  }

  /** A single-use {@code login_link} into an Express account's dashboard, its URL under {@code baseUrl}. */
  public static ObjectNode createLoginLink(Handle h, Caller platform, String accountId, long nowSeconds, String baseUrl) {
    return LoginLinks.create(h, platform, accountId, nowSeconds, baseUrl);
  }
}

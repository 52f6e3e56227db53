package com.comptoir.processor.api;

import com.comptoir.processor.store.HotCache;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Stripe's authentication (fact sheet §1.1, §1.3): the key as a Bearer token or as the HTTP Basic
 * user name; {@code Stripe-Account} to act as a connected account of the key's platform.
 */
public final class Authenticator {
  private static final String NO_KEY =
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth"
          + " (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details,"
          + " or we can help at https://support.stripe.com/.";
  private static final String PUBLISHABLE =
      "This API call cannot be made with a publishable API key. Please use a secret API key."
          + " You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.";

  private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_]+");

  private Authenticator() {}

  /**
   * The caller a request's {@code Authorization} and {@code Stripe-Account} headers name; a
   * {@link StripeError} (401 or 403, as Stripe answers) when they name none. Public for routes
   * outside {@code /v1} that Stripe guards with the same key, such as file contents.
   */
  public static Caller authenticate(Handle h, String authorization, String stripeAccount) {
    String key = keyFrom(authorization);
    HotCache.Key found = HotCache.key(h, key).orElseThrow(() -> unauthorized("Invalid API Key provided: " + Caller.mask(key), null));
    if (found.expired(System.currentTimeMillis())) {
      // A rolled key's chosen while is real time, as on Stripe: test clocks never expire API keys.
      throw unauthorized("Expired API Key provided: " + Caller.mask(key), "api_key_expired");
    }
    if ("publishable".equals(found.kind())) {
      throw new StripeError(403, "invalid_request_error", "secret_key_required", null, PUBLISHABLE);
    }
    String platformId = found.accountId();
    if (stripeAccount == null || stripeAccount.equals(platformId)) {
      return new Caller(platformId, platformId, key);
    }
    // A connected account's document is owned by its platform; a deleted account has none.
    boolean connected = HotCache.account(h, stripeAccount).map(a -> a.owner().equals(platformId)).orElse(false);
    if (!connected) {
      throw new StripeError(403, "invalid_request_error", "account_invalid", null,
          "The provided key '" + Caller.mask(key) + "' does not have access to account '" + stripeAccount
              + "' (or that account does not exist). Application access may have been revoked.");
    }
    return new Caller(platformId, stripeAccount, key);
  }

  private static String keyFrom(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw unauthorized(NO_KEY, null);
    }
    String value = authorization.strip();
    Optional<String> key = Optional.empty();
    if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = Optional.of(value.substring(7).strip());
    } else if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        key = Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
      } catch (IllegalArgumentException e) {
        throw unauthorized("Invalid API Key provided: the Authorization header is not valid Basic authentication.", null);
      }
    }
    if (key.isEmpty() || key.get().isEmpty()) {
      throw unauthorized(NO_KEY, null);
    }
    if (key.get().length() > 255 || !KEY.matcher(key.get()).matches()) {
      throw unauthorized("Invalid API Key provided: " + Caller.mask(key.get().length() > 255 ? key.get().substring(0, 255) : key.get()), null);
    }
    return key.get();
  }

  private static StripeError unauthorized(String message, String code) {
    return new StripeError(401, "invalid_request_error", code, null, message);
  }
}

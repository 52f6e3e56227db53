package com.comptoir.processor.accounts;

import static com.comptoir.processor.api.Shape.object;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Caller;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * {@code POST /v1/accounts/{account}/login_links} (fact sheet §3.1): a link that signs the holder
 * of an Express account into their dashboard. Like an account link it is single use and expires
 * five minutes after it is made; the dashboard honours it through {@link #redeem}.
 */
public final class LoginLinks {
  /** How long a login link can be used, as for account links (fact sheet §4.1). */
  public static final long LIFETIME_SECONDS = 300;
  static final int TOKEN_LENGTH = 32;

  private LoginLinks() {}

  static void register(StripeApi api, Supplier<String> baseUrl) {
    api.post("/v1/accounts/{account}/login_links", object(), (r, h) -> create(r, h, baseUrl.get()));
  }

  private static ObjectNode create(ApiRequest r, Handle h, String baseUrl) {
    return create(h, r.caller(), r.pathParam("account"), r.now(), baseUrl);
  }

  /** What the endpoint does, for the API and the platform's Dashboard alike; refusals are {@link StripeError}s. */
  static ObjectNode create(Handle h, Caller caller, String accountId, long now, String baseUrl) {
    if (caller.actsAsConnectedAccount()) {
      throw StripeError.invalid(null, "Login links are created by the platform: send this request without the Stripe-Account header.");
    }
    ObjectNode account = Json.parseObject(Accounts.findJson(h, caller, accountId));
    String id = account.get("id").asText();
    String type = account.get("type").asText();
    if (!"express".equals(type)) {
      throw StripeError.invalid("account", "Login links can only be created for Express accounts; " + id + " is a " + type
          + " account. Standard accounts sign in to their own dashboard, and Custom accounts have none.");
    }
    String token = Ids.random(TOKEN_LENGTH);
    // Links no one used are of no further use: keep one account's rows bounded.
    h.createUpdate("DELETE FROM login_links WHERE account_id = :account AND expires_at <= :now")
        .bind("account", id).bind("now", now).execute();
    h.createUpdate("INSERT INTO login_links (token_sha256, account_id, created, expires_at) VALUES (:token, :account, :created, :expires)")
        .bind("token", sha256(token)).bind("account", id).bind("created", now).bind("expires", now + LIFETIME_SECONDS)
        .execute();
    ObjectNode link = Json.object();
    link.put("object", "login_link");
    link.put("created", now);
    link.put("url", baseUrl + path(id, token));
    return link;
  }

  /** The dashboard path a login link opens, under the processor's public URL. */
  public static String path(String accountId, String token) {
    return "/dashboard/" + accountId + "/login/" + token;
  }

  /**
   * Uses up a login link: true once for a link of {@code accountId} that has not expired at
   * {@code nowSeconds} (processor clock), false for any other token or any later use.
   */
  public static boolean redeem(Handle h, String accountId, String token, long nowSeconds) {
    return h.createUpdate("""
            UPDATE login_links SET used_at = :now
            WHERE token_sha256 = :token AND account_id = :account AND used_at IS NULL AND expires_at > :now""")
        .bind("now", nowSeconds).bind("token", sha256(token)).bind("account", accountId)
        .execute() == 1;
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}

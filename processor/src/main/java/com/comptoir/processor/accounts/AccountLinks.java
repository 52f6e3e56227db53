package com.comptoir.processor.accounts;

import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Caller;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * {@code POST /v1/account_links} (fact sheet §4.1): a single-use link, valid five minutes, into
 * the processor's hosted onboarding for one connected account.
 */
final class AccountLinks {
  static final long LIFETIME_SECONDS = Duration.ofMinutes(5).toSeconds();

  private static final ObjectShape CREATE = object()
      .required("account", string())
      .required("type", oneOf("account_onboarding", "account_update"))
      .required("refresh_url", string())
      .required("return_url", string())
      .field("collect", oneOf("currently_due", "eventually_due"))
      .field("collection_options", object()
          .field("fields", oneOf("currently_due", "eventually_due"))
          .field("future_requirements", oneOf("include", "omit")));

  private AccountLinks() {}

  static void register(StripeApi api, Supplier<String> baseUrl) {
    api.post("/v1/account_links", CREATE, (r, h) -> create(r, h, baseUrl.get()));
  }

  private static ObjectNode create(ApiRequest r, Handle h, String baseUrl) {
    Params p = r.params();
    if (p.has("collect") && p.has("collection_options")) {
      throw StripeError.invalidRequest("parameters_exclusive", "collection_options", "You may only specify one of these parameters: collect, collection_options.");
    }
    String collect = p.string("collect") != null ? p.string("collect")
        : p.object("collection_options") != null && p.object("collection_options").string("fields") != null
            ? p.object("collection_options").string("fields") : "currently_due";
    return create(h, r.caller(), p.string("account"), p.string("type"), collect, p.string("refresh_url"), p.string("return_url"),
        r.now(), baseUrl);
  }

  /**
   * What the endpoint does, for the API and the platform's Dashboard alike: a link of
   * {@code type} ({@code account_onboarding} or {@code account_update}) collecting {@code collect}
   * ({@code currently_due} or {@code eventually_due}); refusals are {@link StripeError}s.
   */
  static ObjectNode create(Handle h, Caller caller, String accountId, String type, String collect, String refreshUrl,
      String returnUrl, long created, String baseUrl) {
    if (caller.actsAsConnectedAccount()) {
      throw StripeError.invalid(null, "Account links are created by the platform: send this request without Stripe-Account.");
    }
    ObjectNode account = Json.parseObject(Accounts.findJson(h, caller, accountId));
    if (accountId.equals(caller.platformId())) {
      throw StripeError.invalid("account", "Account links are for connected accounts; '" + accountId + "' is the platform itself.");
    }
    String accountType = account.path("type").asText();
    if ("account_update".equals(type) && "standard".equals(accountType)) {
      throw StripeError.invalid("type", "account_update links can only be created for Express and Custom accounts; send a Standard account"
          + " an account_onboarding link.");
    }
    requireBranding(h, caller.platformId());
    String token = Ids.random(32);
    h.createUpdate("""
            INSERT INTO account_links (token, account_id, platform_id, type, collect, refresh_url, return_url, created, expires_at)
            VALUES (:token, :account, :platform, :type, :collect, :refresh, :return, :created, :expires)""")
        .bind("token", token).bind("account", accountId).bind("platform", caller.platformId())
        .bind("type", type).bind("collect", collect)
        .bind("refresh", url(refreshUrl, "refresh_url")).bind("return", url(returnUrl, "return_url"))
        .bind("created", created).bind("expires", created + LIFETIME_SECONDS)
        .execute();
    h.createUpdate("UPDATE accounts SET onboarding_started = true WHERE id = :id").bind("id", accountId).execute();
    ObjectNode link = Json.object();
    link.put("object", "account_link");
    link.put("created", created);
    link.put("expires_at", created + LIFETIME_SECONDS);
    link.put("url", baseUrl + "/setup/" + pathLetter(accountType) + "/" + accountId + "/" + token);
    return link;
  }

  /** Stripe's paths differ by account type: {@code /setup/s/} Standard, {@code /e/} Express, {@code /c/} Custom. */
  static String pathLetter(String type) {
    return switch (type) {
      case "express" -> "e";
      case "custom" -> "c";
      default -> "s";
    };
  }

  /** Hosted onboarding shows the platform's name, icon and colour, so Stripe insists on them. */
  private static void requireBranding(Handle h, String platformId) {
    JsonNode platform = h.createQuery("SELECT body::text FROM resources WHERE id = :id").bind("id", platformId)
        .mapTo(String.class).findOne().map(Json::parseObject).orElseThrow();
    JsonNode branding = platform.path("settings").path("branding");
    boolean named = Requirements.text(platform.path("business_profile"), "name") != null
        || Requirements.text(platform.path("settings").path("dashboard"), "display_name") != null;
    if (!named || Requirements.text(branding, "icon") == null || Requirements.text(branding, "primary_color") == null) {
      throw StripeError.invalid(null, "You must update your Connect branding settings with business name, icon, and brand color in order"
          + " to create an account link. Set business_profile[name], settings[branding][icon] and settings[branding][primary_color]"
          + " on the platform account.");
    }
  }

  private static String url(String value, String param) {
    try {
      URI uri = new URI(value);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
        return value;
      }
    } catch (java.net.URISyntaxException e) {
      // answered below
    }
    throw StripeError.invalidRequest("url_invalid", param, "Not a valid URL");
  }
}

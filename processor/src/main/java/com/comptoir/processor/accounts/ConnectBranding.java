package com.comptoir.processor.accounts;

import com.comptoir.processor.events.EventContext;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A platform's Connect branding (Stripe's Dashboard → Settings → Connect → Branding): its business
 * name and {@code settings.branding} (icon and logo Files, brand and accent colours), kept on the
 * platform account's own document, as {@code POST /v1/accounts/{platform}} keeps them.
 *
 * <p>Whose branding each hosted page shows (fact sheet §4.1, §7.1): hosted onboarding shows the
 * platform's name, icon and colour to every connected account; a direct charge's Checkout shows the
 * connected account's own branding. A Standard account's holder brands it themselves; an Express or
 * Custom account's {@code settings.branding} is the platform's to set (fact sheet §3.4), so what it
 * leaves unset there is the platform's Connect branding, as Stripe applies it to the accounts a
 * platform controls.
 */
public final class ConnectBranding {
  /** {@code businessName} from {@code business_profile.name}; the rest from {@code settings.branding}. Unset parts are null. */
  public record Branding(String businessName, String icon, String logo, String primaryColor, String secondaryColor) {}

  private ConnectBranding() {}

  /** The branding an account document holds. */
  public static Branding of(JsonNode account) {
    JsonNode b = account.path("settings").path("branding");
    String name = Optional.ofNullable(Requirements.text(account.path("settings").path("dashboard"), "display_name"))
        .orElse(Requirements.text(account.path("business_profile"), "name"));
    return new Branding(name, Requirements.text(b, "icon"), Requirements.text(b, "logo"), Requirements.text(b, "primary_color"),
        Requirements.text(b, "secondary_color"));
  }

  public static Branding read(Handle h, String platformId) {
    return of(document(h, platformId));
  }

  /**
   * Replaces the platform's Connect branding through the account update's own path (the document's
   * rules, {@code account.updated}, the account cache evicted on every instance). The caller has
   * checked the values: a colour is {@code #rrggbb}, the name 1 to 100 characters, the Files are
   * the platform's own branding images.
   */
  public static void save(Handle h, String platformId, Branding branding, long nowMillis) {
    AccountState state = AccountState.loadById(h, platformId);
    ObjectNode profile = (ObjectNode) state.account.path("business_profile");
    profile.put("name", branding.businessName());
    ((ObjectNode) state.account.path("settings").path("dashboard")).put("display_name", branding.businessName());
    ObjectNode b = (ObjectNode) state.account.path("settings").path("branding");
    b.put("icon", branding.icon());
    b.put("logo", branding.logo());
    b.put("primary_color", branding.primaryColor());
    b.put("secondary_color", branding.secondaryColor());
    state.save(h, EventContext.automatic(platformId, nowMillis));
  }

  /** What a customer's Checkout on {@code account} shows: its own branding, the rest from its platform's when the platform controls it. */
  public static Branding forCheckout(Handle h, JsonNode account) {
    Branding own = of(account);
    String type = account.path("type").asText();
    if (!"express".equals(type) && !"custom".equals(type)) {
      return own;
    }
    Optional<JsonNode> platform = h.createQuery("""
            SELECT p.body::text FROM accounts a JOIN resources p ON p.id = a.platform_id WHERE a.id = :id""")
        .bind("id", account.path("id").asText()).mapTo(String.class).findOne().map(Json::parse);
    if (platform.isEmpty()) {
      return own;
    }
    Branding p = of(platform.get());
    boolean ownImage = own.icon() != null || own.logo() != null;
    return new Branding(own.businessName(), ownImage ? own.icon() : p.icon(), ownImage ? own.logo() : p.logo(),
        own.primaryColor() != null ? own.primaryColor() : p.primaryColor(),
        own.secondaryColor() != null ? own.secondaryColor() : p.secondaryColor());
  }

  private static JsonNode document(Handle h, String accountId) {
    return h.createQuery("SELECT body::text FROM resources WHERE id = :id AND object = 'account'").bind("id", accountId)
        .mapTo(String.class).findOne().map(Json::parse).orElseThrow(() -> new IllegalStateException("no account " + accountId));
  }
}

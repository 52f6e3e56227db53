package com.comptoir.processor.sandboxes;

import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.accounts.PlatformAccount;
import com.comptoir.processor.accounts.PlatformLogin;
import com.comptoir.processor.api.ApiRequest;
import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.HotCache;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Sandboxes as an API (issue #17): {@code POST /v1/test_helpers/sandboxes} makes an isolated
 * platform (its own account, keys, objects, events, webhook endpoints, ledger and processor clock),
 * {@code GET} lists and reads them, {@code DELETE} revokes a sandbox's keys at once and leaves its
 * rows to {@link SandboxCleanup}. Only the default sandbox's secret key manages sandboxes, as only
 * a Stripe account's owner makes its sandboxes in Stripe's Dashboard.
 */
public final class Sandboxes {
  static final String OBJECT = "test_helpers.sandbox";
  /** Where a new sandbox's login signs in; the e-mail's domain is reserved for examples (RFC 2606). */
  private static final String SIGN_IN_PATH = "/dashboard/login";
  /** A sandbox's colour when none is given: the API's and the Dashboard form's preselected one. */
  public static final String DEFAULT_COLOR = "#635bff";

  private static final Shape.ObjectShape CREATE = object()
      .field("name", string(100))
      .field("country", string().matching("[A-Z]{2}", "Invalid country: it must be an ISO 3166-1 alpha-2 code such as US."))
      .field("branding", object().field("primary_color",
          string().matching("#[0-9a-fA-F]{6}", "Invalid hex color: it must look like #635bff.")))
      .field("expand", Shape.array(string()));

  private final String defaultSandbox;
  private final Supplier<String> baseUrl;
  private final SandboxSettings settings;

  private Sandboxes(String defaultSandbox, Supplier<String> baseUrl, SandboxSettings settings) {
    this.defaultSandbox = defaultSandbox;
    this.baseUrl = baseUrl;
    this.settings = settings;
  }

  /**
   * The routes; {@code defaultSandbox} is the platform account whose secret key manages sandboxes.
   * Returns the sandboxes for the Dashboard's page, which makes, lists and deletes them with the
   * same methods as the API.
   */
  public static Sandboxes register(StripeApi api, String defaultSandbox, Supplier<String> baseUrl, SandboxSettings settings) {
    Sandboxes s = new Sandboxes(defaultSandbox, baseUrl, settings);
    api.post("/v1/test_helpers/sandboxes", CREATE, (r, h) -> {
      s.requireManager(r);
      Created created = s.create(h, r.params());
      return s.render(created.sandbox(), created.password());
    });
    api.get("/v1/test_helpers/sandboxes", Lists.params(), s::list);
    api.get("/v1/test_helpers/sandboxes/{id}", object().field("expand", Shape.array(string())), (r, h) -> {
      s.requireManager(r);
      return s.render(SandboxRows.find(h, r.pathParam("id")).orElseThrow(() -> noSuch(r.pathParam("id"))), null);
    });
    api.delete("/v1/test_helpers/sandboxes/{id}", object(), (r, h) -> {
      s.requireManager(r);
      Sandbox deleted = s.delete(h, r.pathParam("id"));
      ObjectNode node = Json.object();
      node.put("id", deleted.id());
      node.put("object", OBJECT);
      node.put("deleted", true);
      return node;
    });
    return s;
  }

  /** A new sandbox and its Dashboard password, which exists only in this answer (only its hash is kept). */
  public record Created(Sandbox sandbox, String password) {}

  /** Whether {@code accountId} is the default sandbox's platform: only its owner manages sandboxes. */
  public boolean managedBy(String accountId) {
    return defaultSandbox.equals(accountId);
  }

  /** Where every sandbox's Dashboard login signs in. */
  public String signInUrl() {
    return baseUrl.get() + SIGN_IN_PATH;
  }

  /**
   * Makes a sandbox from parameters as {@code POST /v1/test_helpers/sandboxes} takes them (the
   * Dashboard's form sends the same names); a bad one is a {@link StripeError} naming its parameter.
   */
  public Created create(Handle h, Map<String, Object> raw) {
    return create(h, CREATE.checkRequest(raw));
  }

  /** The newest live sandboxes, the default among them, newest first. */
  public List<Sandbox> newest(Handle h, int limit) {
    return SandboxRows.page(h, null, false, false, limit);
  }

  /** A live sandbox. */
  public Optional<Sandbox> find(Handle h, String id) {
    return SandboxRows.find(h, id);
  }

  /**
   * Deletes a sandbox: its keys and Dashboard sign-in stop working when {@code h} commits, its rows
   * go in the background. The default sandbox cannot be deleted.
   */
  public Sandbox delete(Handle h, String id) {
    Sandbox row = SandboxRows.findForUpdate(h, id).orElseThrow(() -> noSuch(id));
    if (row.isDefault()) {
      throw StripeError.invalidRequest("sandbox_default_not_deletable", "id",
          "The default sandbox holds the key that manages sandboxes; it cannot be deleted.");
    }
    SandboxRows.markDeleted(h, row, System.currentTimeMillis() / 1000);
    return row;
  }

  private void requireManager(ApiRequest r) {
    if (!r.caller().platformId().equals(defaultSandbox) || r.caller().actsAsConnectedAccount()) {
      throw new StripeError(403, "invalid_request_error", "sandbox_management_not_allowed", null,
          "Sandboxes are managed with the default sandbox's secret key (the key the processor printed at start, or"
              + " COMPTOIR_SECRET_KEY), without Stripe-Account; a sandbox's own key cannot make or delete sandboxes.");
    }
  }

  private static StripeError noSuch(String id) {
    return StripeError.noSuch("sandbox", id, "id");
  }

  private Created create(Handle h, Params p) {
    String country = p.string("country") == null ? "US" : p.string("country");
    if (!PlatformAccount.supportedCountry(country)) {
      throw StripeError.invalidRequest("country_unsupported", "country", "Sandboxes cannot be made in " + country + " yet.");
    }
    String color = p.object("branding") == null || p.object("branding").string("primary_color") == null
        ? DEFAULT_COLOR : p.object("branding").string("primary_color").toLowerCase(Locale.ROOT);
    String id = Ids.next("sbx_");
    String name = p.string("name") == null || p.string("name").isBlank() ? "Sandbox " + id.substring(4, 12) : p.string("name").strip();
    // One creation at a time counts against the limit, so two cannot both take the last place.
    h.execute("SELECT pg_advisory_xact_lock(hashtext('comptoir.sandboxes'))");
    if (SandboxRows.countLive(h) >= settings.limit()) {
      throw new StripeError(400, "invalid_request_error", "sandbox_limit_reached", null,
          "This processor already has " + settings.limit() + (settings.limit() == 1 ? " sandbox" : " sandboxes")
              + " besides the default, its limit (COMPTOIR_SANDBOX_LIMIT)."
              + " Delete one with DELETE /v1/test_helpers/sandboxes/{id} before making another.");
    }
    // A new sandbox's clock starts at real time, whatever the default sandbox's says.
    long now = System.currentTimeMillis() / 1000;
    String accountId = PlatformAccount.createAccount(h, new PlatformAccount.Branding(name, color), country, now);
    PlatformAccount keys = PlatformAccount.newKeys(h, accountId, now);
    SandboxRows.insert(h, id, accountId, name, now);
    PlatformLogin login = new PlatformLogin(id.toLowerCase(Locale.ROOT) + "@sandbox.example.com", Ids.random(24));
    PlatformLogin.ensure(h, accountId, login, now);
    return new Created(SandboxRows.find(h, id).orElseThrow(), login.password());
  }

  private ObjectNode list(ApiRequest r, Handle h) {
    requireManager(r);
    Params p = r.params();
    int limit = p.integer("limit") == null ? 10 : p.integer("limit").intValue();
    String after = p.string("starting_after");
    String before = p.string("ending_before");
    if (after != null && before != null) {
      throw StripeError.invalidRequest("parameters_exclusive", "ending_before",
          "You may only specify one of these parameters: starting_after, ending_before.");
    }
    String cursor = after != null ? after : before;
    Long cursorSeq = cursor == null ? null : SandboxRows.seqOf(h, cursor)
        .orElseThrow(() -> StripeError.noSuch("sandbox", cursor, after != null ? "starting_after" : "ending_before"));
    List<Sandbox> rows = new ArrayList<>(SandboxRows.page(h, cursorSeq, after != null, before != null, limit + 1));
    boolean more = rows.size() > limit;
    if (more) {
      rows = new ArrayList<>(rows.subList(0, limit));
    }
    if (before != null) {
      Collections.reverse(rows);
    }
    ObjectNode list = Json.object();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    rows.forEach(row -> data.add(render(row, null)));
    list.put("has_more", more);
    list.put("url", "/v1/test_helpers/sandboxes");
    return list;
  }

  /** The API's shape of a sandbox; {@code password} only in the answer that made it (only its hash is kept). */
  private ObjectNode render(Sandbox row, String password) {
    ObjectNode node = Json.object();
    node.put("id", row.id());
    node.put("object", OBJECT);
    node.put("account", row.accountId());
    node.put("created", row.created());
    node.put("default", row.isDefault());
    node.put("livemode", false);
    node.put("name", row.name());
    node.put("publishable_key", row.publishableKey());
    node.put("secret_key", row.secretKey());
    ObjectNode dashboard = node.putObject("dashboard");
    dashboard.put("url", signInUrl());
    dashboard.put("email", row.dashboardEmail());
    dashboard.put("password", password);
    return node;
  }

  /** Revokes {@code accountId}'s keys everywhere once {@code h} commits: used by deletion here and by idle expiry. */
  static void revokeKeys(Handle h, String accountId) {
    h.createUpdate("DELETE FROM api_keys WHERE account_id = :a").bind("a", accountId).execute();
    h.createUpdate("DELETE FROM dashboard_sessions WHERE account_id = :a").bind("a", accountId).execute();
    h.createUpdate("DELETE FROM dashboard_logins WHERE account_id = :a").bind("a", accountId).execute();
    HotCache.keysRevoked(h, accountId);
  }
}

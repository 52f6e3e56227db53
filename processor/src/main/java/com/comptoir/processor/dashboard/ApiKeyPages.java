package com.comptoir.processor.dashboard;

import com.comptoir.processor.accounts.ApiKeys;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Developers → API keys of the platform's Dashboard: the publishable key, the secret key masked
 * until a POST (with the session's CSRF token) reveals it on a page no one caches, and Stripe's
 * "roll key": a new secret key now, the old one expiring now or after a chosen delay
 * ({@link ApiKeys#roll}). Forms name a key by a digest, never by the key itself, so no secret
 * travels in a URL or a form. The delay defaults to a day: the Comptoir platform keeps the key it
 * started with until it restarts, and rolling "now" would stop its payments at once.
 */
public final class ApiKeyPages {
  static final String PATH = "/dashboard/apikeys";

  private final Jdbi jdbi;
  private final ProcessorClock clock;

  private ApiKeyPages(Jdbi jdbi, ProcessorClock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  static void install(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, PlatformPages platform) {
    ApiKeyPages pages = new ApiKeyPages(jdbi, clock);
    config.routes.get(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) ->
        pages.render(ctx, 200, s.accountId(), nav, rolledNotice(ctx.queryParam("rolled"), ctx.queryParam("last4")), null, null)));
    config.routes.post(PATH + "/reveal", ctx -> platform.withPlatform(ctx, PATH, (s, nav) ->
        pages.render(ctx, 200, s.accountId(), nav, null, ctx.formParam("key"), null)));
    config.routes.post(PATH + "/roll", ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> pages.roll(ctx, s.accountId(), nav)));
  }

  public record Expiry(String value, String label, long delayMs) {}

  /** Stripe's choices for when the old key stops working; a day is preselected (see the class comment). */
  public static final List<Expiry> EXPIRIES = List.of(new Expiry("now", "Now", 0),
      new Expiry("1h", "In 1 hour", Duration.ofHours(1).toMillis()), new Expiry("24h", "In 24 hours", Duration.ofHours(24).toMillis()),
      new Expiry("3d", "In 3 days", Duration.ofDays(3).toMillis()), new Expiry("7d", "In 7 days", Duration.ofDays(7).toMillis()));
  public static final String DEFAULT_EXPIRY = "24h";

  /** A key as a row: {@code shown} is the full key when it may be shown (publishable, or revealed), else masked. */
  public record Row(String ref, String kind, String shown, boolean revealed, String created, String expires, boolean expired) {
    public boolean secret() {
      return "secret".equals(kind);
    }
  }

  private void roll(Context ctx, String platformId, PlatformNav nav) {
    Optional<Expiry> expiry = EXPIRIES.stream().filter(e -> e.value().equals(ctx.formParam("expires"))).findFirst();
    String ref = ctx.formParam("key");
    if (expiry.isEmpty()) {
      render(ctx, 400, platformId, nav, null, null, "Choose when the old key stops working.");
      return;
    }
    Optional<String> fresh = jdbi.inTransaction(h -> ApiKeys.of(h, platformId, System.currentTimeMillis()).stream()
        .filter(k -> k.secret().length() > 0 && digest(k.secret()).equals(ref)).findFirst()
        .flatMap(k -> ApiKeys.roll(h, platformId, k.secret(), expiry.get().delayMs(), clock.now())));
    if (fresh.isEmpty()) {
      render(ctx, 400, platformId, nav, null, null, "That key cannot be rolled: it has expired or was rolled already. Nothing changed.");
      return;
    }
    // The new key is revealed by the page's own button: never in a URL, only its last four characters.
    String last4 = fresh.get().substring(fresh.get().length() - 4);
    ctx.redirect(PATH + "?rolled=" + expiry.get().value() + "&last4=" + last4, HttpStatus.SEE_OTHER);
  }

  private static String rolledNotice(String rolled, String last4) {
    Optional<Expiry> expiry = EXPIRIES.stream().filter(e -> e.value().equals(rolled)).findFirst();
    if (expiry.isEmpty() || last4 == null || !last4.matches("[A-Za-z0-9]{4}")) {
      return null;
    }
    return "Your new secret key, ending in " + last4 + ", works now. The old key "
        + (expiry.get().delayMs() == 0 ? "stopped working." : "stops working " + expiry.get().label().toLowerCase() + ".")
        + " Update every program that uses it, the Comptoir platform too (see below).";
  }

  private void render(Context ctx, int status, String platformId, PlatformNav nav, String notice, String revealRef, String error) {
    long nowMs = System.currentTimeMillis();
    List<Row> rows = jdbi.withHandle(h -> ApiKeys.of(h, platformId, nowMs)).stream().map(k -> {
      String ref = digest(k.secret());
      boolean reveal = "publishable".equals(k.kind()) || ref.equals(revealRef);
      return new Row(ref, k.kind(), reveal ? k.secret() : k.masked(), reveal && k.secret().startsWith("sk_"),
          DashboardLinks.time(k.createdSeconds()),
          k.expiresAtMs() == null ? null : DashboardLinks.time(Math.floorDiv(k.expiresAtMs(), 1000)), k.expired(nowMs));
    }).toList();
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("rows", rows);
    params.put("notice", notice);
    params.put("error", error);
    Pages.render(ctx, status, "dashboard/platform/apikeys.jte", params);
  }

  /** An opaque, stable name for a key in forms: its SHA-256, shortened; the key cannot be read back from it. */
  static String digest(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}

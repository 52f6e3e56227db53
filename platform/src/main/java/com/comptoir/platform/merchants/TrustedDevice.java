package com.comptoir.platform.merchants;

import com.comptoir.platform.web.Tokens;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The "device cookie" of a browser that has logged in with a password: it lets {@link LoginThrottle}
 * tell the owner's own browser from a stranger's, so strangers' failures never slow the owner
 * down there.
 *
 * <p>The cookie is {@code nonce.mac}: HMAC-SHA256 of the realm, e-mail and nonce, keyed by the
 * account's stored password hash. So it is checked with no table of devices and no Argon2 work;
 * no one can forge it without the database; and a new password retires every device cookie of
 * the account. The nonce makes each browser a device of its own, counted apart. One cookie per
 * log-in form, scoped to its path.
 */
final class TrustedDevice {
  private static final String COOKIE = "comptoir_login_device";
  /** As long as a browser is likely to stay its owner's; logging in again renews it. */
  private static final int MAX_AGE_SECONDS = (int) java.time.Duration.ofDays(365).toSeconds();
  private static final int NONCE_CHARS = 22;

  private TrustedDevice() {}

  /** The device's nonce, when the request has a valid device cookie for {@code email} and this password hash. */
  static Optional<String> of(Context ctx, String realm, String email, String passwordHash) {
    String cookie = ctx.cookie(COOKIE);
    if (cookie == null || passwordHash == null || cookie.length() > 200 || cookie.indexOf('.') != NONCE_CHARS) {
      return Optional.empty();
    }
    String nonce = cookie.substring(0, NONCE_CHARS);
    byte[] expected = mac(passwordHash, realm, email, nonce).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, cookie.substring(NONCE_CHARS + 1).getBytes(StandardCharsets.UTF_8))
        ? Optional.of(nonce) : Optional.empty();
  }

  /** Remembers this browser as a device of the account, after a log-in with its password. */
  static void remember(Context ctx, String realm, String email, String passwordHash, Optional<String> knownNonce) {
    String nonce = knownNonce.orElseGet(() -> Tokens.random().substring(0, NONCE_CHARS));
    ctx.cookie(new Cookie(COOKIE, nonce + "." + mac(passwordHash, realm, email, nonce), ctx.path(), MAX_AGE_SECONDS,
        "https".equals(ctx.scheme()), true, null, SameSite.STRICT));
  }

  private static String mac(String passwordHash, String realm, String email, String nonce) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(passwordHash.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] tag = hmac.doFinal(("login-device:" + realm + ":" + email + ":" + nonce).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Ids;
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
import org.jdbi.v3.core.Handle;

/**
 * The "device cookie" of a browser that has signed in to a Dashboard login with its password: it
 * lets {@link SignInThrottle} tell the holder's own browser from a stranger's, so failures by
 * strangers never slow the holder down there.
 *
 * <p>The cookie is {@code nonce.mac}: the MAC is HMAC-SHA256 of the e-mail and nonce, keyed by the
 * login's stored password hash. So it is checked with no table of devices and no Argon2 work (one
 * HMAC); no one can forge it without the database; and changing the password retires every device
 * cookie of that login. The nonce makes each browser a device of its own, counted apart.
 */
final class TrustedDevice {
  static final String COOKIE = "comptoir_dashboard_device";
  /** As long as a browser is likely to be the holder's; signing in again renews it. */
  private static final int MAX_AGE_SECONDS = (int) java.time.Duration.ofDays(365).toSeconds();
  private static final int NONCE_LENGTH = 22;

  private TrustedDevice() {}

  /** The device's nonce, when the request carries a valid device cookie for {@code email} (normalized). */
  static Optional<String> of(Handle h, Context ctx, String email) {
    String cookie = ctx.cookie(COOKIE);
    if (cookie == null || cookie.length() > 200 || cookie.indexOf('.') != NONCE_LENGTH) {
      return Optional.empty();
    }
    String nonce = cookie.substring(0, NONCE_LENGTH);
    String mac = cookie.substring(NONCE_LENGTH + 1);
    return passwordHash(h, email)
        .filter(hash -> MessageDigest.isEqual(mac(hash, email, nonce).getBytes(StandardCharsets.UTF_8), mac.getBytes(StandardCharsets.UTF_8)))
        .map(hash -> nonce);
  }

  /** Marks this browser as a device of {@code email}'s holder, after a sign-in with the password. */
  static void remember(Handle h, Context ctx, String email, Optional<String> knownNonce) {
    String nonce = knownNonce.orElseGet(() -> Ids.random(NONCE_LENGTH));
    passwordHash(h, email).ifPresent(hash -> ctx.cookie(new Cookie(COOKIE, nonce + "." + mac(hash, email, nonce), SignIn.PATH,
        MAX_AGE_SECONDS, "https".equals(ctx.scheme()), true, null, SameSite.STRICT)));
  }

  private static Optional<String> passwordHash(Handle h, String email) {
    return h.createQuery("SELECT password_hash FROM dashboard_logins WHERE email = :email")
        .bind("email", email).mapTo(String.class).findOne();
  }

  private static String mac(String passwordHash, String email, String nonce) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(passwordHash.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] tag = hmac.doFinal(("dashboard-device:" + email + ":" + nonce).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}

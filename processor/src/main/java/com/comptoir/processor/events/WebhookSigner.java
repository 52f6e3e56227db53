package com.comptoir.processor.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">}, keyed by the
 * whole {@code whsec_...} string, as Stripe signs and as the SDKs' {@code constructEvent} checks.
 */
final class WebhookSigner {
  private WebhookSigner() {}

  public static String header(String secret, long timestampSeconds, String payload) {
    return "t=" + timestampSeconds + ",v1=" + hmac(secret, timestampSeconds + "." + payload);
  }

  static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}

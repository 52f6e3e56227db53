package com.comptoir.platform.web;

import io.javalin.http.Context;

/**
 * Headers on every response. The pages load nothing from elsewhere but product images, which
 * merchants give as https URLs. {@code form-action} is left out on purpose: the onboarding forms
 * end in a redirect to Stripe's hosted onboarding, which browsers would check against it.
 */
public final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; img-src 'self' https: data:; base-uri 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  public static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    // Reset links carry their token in the path; no other site may see it in a Referer.
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }
}

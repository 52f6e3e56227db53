package com.comptoir.platform.web;

import io.javalin.http.Context;

/**
 * Every form posts the session's token as {@code csrf}; a POST without the right one is refused
 * before any handler runs. Webhooks are the exception: Stripe signs them instead.
 */
public final class Csrf {
  private static final String EXEMPT_PREFIX = "/webhooks/";

  private Csrf() {}

  public static void check(Context ctx, Sessions sessions) {
    if (!"POST".equals(ctx.method().name()) || ctx.path().startsWith(EXEMPT_PREFIX)) {
      return;
    }
    String expected = sessions.current(ctx).map(Sessions.Session::csrf).orElse(null);
    if (!Tokens.constantTimeEquals(expected, ctx.formParam("csrf"))) {
      throw new HttpErrors.Forbidden(
          "This form has expired or did not come from this site, so it was not sent. Go back, reload the page and try again.");
    }
  }
}

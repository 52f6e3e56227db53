package com.comptoir.processor.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * The hosted pages' forms (onboarding, checkout, payment authentication, the Dashboard) refuse a
 * body no browser form sends: one with a NUL character, which PostgreSQL cannot store, or a
 * multipart body that cannot be read. Answered with a 400 page that says what to do (the browser's
 * Back keeps what was typed), before any page's handler runs, so no form of any page reaches the
 * database with it and fails as a 500. The API ({@code /v1}) refuses the same with Stripe error
 * objects of its own.
 */
public final class HostedForms {
  private HostedForms() {}

  public static void install(JavalinConfig config) {
    config.routes.before(HostedForms::check);
  }

  private static void check(Context ctx) {
    // The Dashboard's sign-in shows its own form again, with the e-mail as typed.
    if (!"POST".equals(ctx.method().name()) || ctx.path().startsWith("/v1/") || ctx.path().equals(SignIn.PATH)) {
      return;
    }
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
    if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
      return;
    }
    boolean nul;
    try {
      nul = ctx.formParamMap().entrySet().stream()
          .anyMatch(e -> e.getKey().indexOf('\0') >= 0 || e.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0));
    } catch (Exception e) { // Javalin (Kotlin) throws the servlet's checked exceptions undeclared
      refuse(ctx, "The form could not be read (it arrived cut short or malformed). Go back, reload the page and send it again.");
      return;
    }
    if (nul) {
      refuse(ctx, "Something you typed has a NUL character, which cannot be used. Go back, remove it and send the form again.");
    }
  }

  private static void refuse(Context ctx, String text) {
    Pages.securityHeaders(ctx);
    Pages.message(ctx, 400, "Cannot use that form", text);
    ctx.skipRemainingHandlers();
  }
}

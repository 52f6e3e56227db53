package com.comptoir.processor.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/** What every Dashboard page shares: its headers, its templates, and the one-message page. */
final class Pages {
  static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

  private Pages() {}

  static void render(Context ctx, int status, String template, Object view) {
    StringOutput out = new StringOutput();
    TEMPLATES.render(template, view, out);
    ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
  }

  /** A template that takes several parameters, by name. */
  static void render(Context ctx, int status, String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    TEMPLATES.render(template, params, out);
    ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
  }

  static void message(Context ctx, int status, String title, String text) {
    message(ctx, status, title, text, null, null);
  }

  /** A page that says one thing, with a link onward ({@code linkUrl} a path of ours) when there is one. */
  static void message(Context ctx, int status, String title, String text, String linkUrl, String linkLabel) {
    Map<String, Object> params = new HashMap<>();
    params.put("title", title);
    params.put("text", text);
    params.put("linkUrl", linkUrl);
    params.put("linkLabel", linkLabel);
    StringOutput out = new StringOutput();
    TEMPLATES.render("dashboard/message.jte", params, out);
    ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
  }

  static void securityHeaders(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer"); // a login link's token must not leak to the next site
    ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'");
    ctx.header("X-Frame-Options", "DENY");
  }

  static boolean constantTimeEquals(String expected, String given) {
    return expected != null && given != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}

package com.comptoir.platform.web;

import io.javalin.http.Context;

/**
 * Posted bodies that cannot be read, or carry what no field can hold, are the sender's mistake:
 * a 400 with a readable page, never a 500 with a stack trace. Runs before every handler (and
 * before the CSRF check, which is the first to read a form), so it covers every form, those added
 * later included.
 *
 * <p>A NUL character is the one PostgreSQL cannot store in text; {@link Form#of} removes it from
 * what it keeps and puts an error on its field, so the form is shown again with what was typed.
 * This check is the net under that: a handler that reads a field directly never gets a NUL.
 */
public final class FormBodies {
  /** Set on a request whose form had a NUL character: {@link Pages} answers its re-shown form with 400. */
  static final String HAD_NUL = "comptoir.form.nul";

  private FormBodies() {}

  /** A body that is not a form we can read. */
  public static final class Unreadable extends RuntimeException {
    public Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  public static void check(Context ctx) {
    if (!"POST".equals(ctx.method().name()) || ctx.path().startsWith("/webhooks/")) {
      return;
    }
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
    if (!type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded")) {
      return;
    }
    try {
      // Reads (and caches) every field; a multipart body also has its parts checked here.
      ctx.formParamMap();
      if (type.startsWith("multipart/")) {
        ctx.uploadedFileMap();
      }
    } catch (Exception e) { // Javalin (Kotlin) throws the servlet's checked exceptions undeclared
      if (e instanceof io.javalin.http.HttpResponseException tooLarge) {
        throw tooLarge; // 413 has its own page
      }
      throw new Unreadable("The form could not be read (it arrived cut short or malformed), so nothing was saved."
          + " Go back, reload the page and send it again.");
    }
  }

  /** Whether {@code value} holds a character no field may keep. */
  static boolean hasNul(String value) {
    return value != null && value.indexOf('\0') >= 0;
  }
}

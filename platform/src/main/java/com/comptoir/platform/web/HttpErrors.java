package com.comptoir.platform.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How failures reach people: a readable page with the right status, never a stack trace. Another
 * merchant's product and a product that does not exist look the same (404), so ids reveal nothing.
 */
public final class HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {}

  /** Nothing here for this visitor: missing, or someone else's. */
  public static final class NotFound extends RuntimeException {
    public NotFound() {
      super("not found", null, false, false);
    }
  }

  /** Refused, with a message that says what to do. */
  public static final class Forbidden extends RuntimeException {
    public Forbidden(String message) {
      super(message, null, false, false);
    }
  }

  /** The page needs a signed-in merchant or operator; sends the visitor to log in and back. */
  public static final class SignInRequired extends RuntimeException {
    final String loginPath;
    final String next;

    public SignInRequired(String loginPath, String next) {
      super("sign-in required", null, false, false);
      this.loginPath = loginPath;
      this.next = next;
    }
  }

  /** The page behind an error: its status, a heading and what to do. */
  public record ErrorPage(Chrome chrome, int status, String title, String message) {}

  public static void install(RoutesConfig routes, Pages pages, Sessions sessions) {
    routes.exception(NotFound.class, (e, ctx) -> notFound(ctx, pages, sessions));
    routes.exception(Forbidden.class, (e, ctx) -> show(ctx, pages, sessions, 403, "Not allowed", e.getMessage()));
    routes.exception(SignInRequired.class, (e, ctx) -> ctx.redirect(
        e.loginPath + (e.next == null ? "" : "?next=" + URLEncoder.encode(e.next, StandardCharsets.UTF_8)),
        io.javalin.http.HttpStatus.SEE_OTHER));
    routes.exception(FormBodies.Unreadable.class, (e, ctx) -> {
      // What is left of a body that could not be parsed cannot be trusted as the start of the next
      // request: answer, then close the connection, so no client reuses it and reads nothing back.
      ctx.header("Connection", "close");
      show(ctx, pages, sessions, 400, "Cannot read that form", e.getMessage());
    });
    routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> show(ctx, pages, sessions, e.getStatus(),
        e.getStatus() == 413 ? "Too large" : "Cannot do that",
        e.getStatus() == 413 ? "What you sent is too large. A logo must be under 512 KB." : "The request could not be handled."));
    routes.exception(Exception.class, (e, ctx) -> {
      if (isUnstorableText(e)) {
        // A value PostgreSQL cannot hold (a NUL reached a query some other way than Form): the sender's, not ours.
        LOG.warn("{} {} refused: a value could not be stored as text", ctx.method(), ctx.path());
        show(ctx, pages, sessions, 400, "Cannot save that",
            "Something you sent has a character that cannot be saved (a NUL character). Go back, remove it and try again.");
        return;
      }
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      show(ctx, pages, sessions, 500, "Something went wrong",
          "We could not finish that. Nothing you typed is lost if you go back; please try again in a moment.");
    });
    routes.error(404, ctx -> {
      // Javalin's own "Endpoint ... not found" is plain text; a page of ours is already HTML.
      if (ctx.contentType() == null || !ctx.contentType().startsWith("text/html")) {
        notFound(ctx, pages, sessions);
      }
    });
  }

  /** PostgreSQL's "invalid byte sequence" (22021) and "untranslatable character" (22P05): a NUL in text or JSON. */
  private static boolean isUnstorableText(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  private static void notFound(Context ctx, Pages pages, Sessions sessions) {
    show(ctx, pages, sessions, 404, "Page not found", "There is nothing at this address. Check it, or go back to your dashboard.");
  }

  private static void show(Context ctx, Pages pages, Sessions sessions, int status, String title, String message) {
    Chrome chrome;
    try {
      chrome = sessions.current(ctx)
          .map(s -> new Chrome(s.csrf(), s.email(), s.merchantId() != null ? "merchant" : s.operatorId() != null ? "operator" : "public", ctx.path()))
          .orElse(new Chrome("", null, "public", ctx.path()));
    } catch (RuntimeException e) {
      chrome = new Chrome("", null, "public", ctx.path()); // the database may be what failed
    }
    pages.render(ctx, status, "error.jte", new ErrorPage(chrome, status, title, message));
  }
}

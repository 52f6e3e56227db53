package com.comptoir.platform.merchants;

import com.comptoir.platform.mail.MailSender;
import com.comptoir.platform.mail.Outbox;
import com.comptoir.platform.merchants.MerchantPages.ForgotPage;
import com.comptoir.platform.merchants.MerchantPages.ResetPage;
import com.comptoir.platform.web.Form;
import com.comptoir.platform.web.Pages;
import com.comptoir.platform.web.Sessions;
import com.comptoir.platform.web.Tokens;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Password reset by e-mail. The page answers the same whether or not the address has an account,
 * so it tells no one who is a merchant. A link is single use, lasts {@link #LINK_LIFETIME}, and is
 * stored only as a hash; using it ends every session of the merchant. At most
 * {@value #MAX_LINKS_PER_HOUR} links an hour go to one address, so the form cannot flood a mailbox.
 */
public final class PasswordResetRoutes {
  static final Duration LINK_LIFETIME = Duration.ofHours(1);
  static final int MAX_LINKS_PER_HOUR = 3;

  private final Jdbi jdbi;
  private final Sessions sessions;
  private final Pages pages;
  private final Supplier<String> publicUrl;
  private final Optional<MailSender> mail;

  public PasswordResetRoutes(Jdbi jdbi, Sessions sessions, Pages pages, Supplier<String> publicUrl, Optional<MailSender> mail) {
    this.jdbi = jdbi;
    this.sessions = sessions;
    this.pages = pages;
    this.publicUrl = publicUrl;
    this.mail = mail;
  }

  public void register(RoutesConfig routes) {
    routes.get("/password/forgot", ctx -> showForgot(ctx, Form.empty(), false, 200));
    routes.post("/password/forgot", this::forgot);
    routes.get("/password/reset/{token}", ctx -> showReset(ctx, Form.empty(), ctx.pathParam("token"), 200));
    routes.post("/password/reset/{token}", this::reset);
  }

  private void showForgot(Context ctx, Form form, boolean sent, int status) {
    pages.render(ctx, status, "merchants/forgot.jte", new ForgotPage(sessions.chrome(ctx, "public"), form, sent));
  }

  private void forgot(Context ctx) {
    Form form = Form.of(ctx, List.of("email"));
    String problem = Merchants.problemWithEmail(form.value("email"));
    if (problem != null || form.hasErrors()) {
      if (problem != null) {
        form.error("email", problem);
      }
      showForgot(ctx, form, false, 422);
      return;
    }
    boolean queued = jdbi.inTransaction(h -> Merchants.byEmail(h, form.value("email"))
        .filter(m -> recentLinks(h, m.id()) < MAX_LINKS_PER_HOUR)
        .map(m -> {
          String token = Tokens.random();
          h.createUpdate("""
                  INSERT INTO password_resets (token_hash, merchant_id, expires_at)
                  VALUES (:hash, :merchant, now() + make_interval(secs => :lifetime))""")
              .bind("hash", Tokens.hash(token)).bind("merchant", m.id()).bind("lifetime", LINK_LIFETIME.toSeconds()).execute();
          String mail = """
              Someone asked to reset the password of your Comptoir account. If it was you, open this link to choose a new one:

              %s

              The link works once, for one hour. If you did not ask, ignore this e-mail: your password stays as it is.
              """;
          // The link is as good as the merchant's password until it is used: the operator sees the mail without it.
          Outbox.enqueueSecret(h, m.email(), "Reset your Comptoir password", mail.formatted(publicUrl.get() + "/password/reset/" + token),
              mail.formatted("[the reset link, hidden: only the recipient may use it]"));
          return true;
        })
        .orElse(false));
    if (queued) {
      mail.ifPresent(MailSender::wake);
    }
    showForgot(ctx, form, true, 200);
  }

  private static int recentLinks(Handle h, long merchantId) {
    return h.createQuery("SELECT count(*) FROM password_resets WHERE merchant_id = :m AND created_at > now() - interval '1 hour'")
        .bind("m", merchantId).mapTo(Integer.class).one();
  }

  private void showReset(Context ctx, Form form, String token, int status) {
    boolean valid = jdbi.withHandle(h -> merchantOfLink(h, token, false)).isPresent();
    pages.render(ctx, valid ? status : 410, "merchants/reset.jte",
        new ResetPage(sessions.chrome(ctx, "public"), form.without("password").without("password_confirmation"), token, valid));
  }

  private void reset(Context ctx) {
    String token = ctx.pathParam("token");
    Form form = Form.of(ctx, List.of("password", "password_confirmation"));
    record Target(long merchantId, String email) {}
    Optional<Target> done = jdbi.inTransaction(h -> {
      Optional<Long> merchantId = merchantOfLink(h, token, true);
      if (merchantId.isEmpty()) {
        return Optional.empty();
      }
      String email = h.createQuery("SELECT email FROM merchants WHERE id = :id").bind("id", merchantId.get()).mapTo(String.class).one();
      Optional.ofNullable(Passwords.problemWith(form.value("password"), email)).ifPresent(m -> form.error("password", m));
      if (!form.hasError("password") && !form.value("password").equals(form.value("password_confirmation"))) {
        form.error("password_confirmation", "The two passwords are not the same.");
      }
      if (form.hasErrors()) {
        return Optional.of(new Target(merchantId.get(), email));
      }
      Merchants.setPassword(h, merchantId.get(), Passwords.hash(form.value("password")));
      // Every link of this merchant is spent, and whoever was signed in with the old password is out.
      h.createUpdate("UPDATE password_resets SET used_at = now() WHERE merchant_id = :m AND used_at IS NULL")
          .bind("m", merchantId.get()).execute();
      Sessions.endAllFor(h, merchantId.get());
      return Optional.of(new Target(merchantId.get(), email));
    });
    if (done.isEmpty() || form.hasErrors()) {
      showReset(ctx, form, token, 422);
      return;
    }
    sessions.signInMerchant(ctx, done.get().merchantId(), done.get().email());
    ctx.redirect("/dashboard", HttpStatus.SEE_OTHER);
  }

  /** The merchant whose live (unused, unexpired) link this is. */
  private static Optional<Long> merchantOfLink(Handle h, String token, boolean lock) {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    return h.createQuery("SELECT merchant_id FROM password_resets WHERE token_hash = :hash AND used_at IS NULL AND expires_at > now()"
            + (lock ? " FOR UPDATE" : ""))
        .bind("hash", Tokens.hash(token)).mapTo(Long.class).findOne();
  }
}

package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Await;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Password reset by e-mail, received by a real SMTP server (GreenMail): the link works once, ends
 * every session of the merchant, and the page says the same for addresses with no account.
 */
class PasswordResetTest {
  private final Stack stack = Stack.shared();

  private MimeMessage awaitMailTo(String recipient) {
    MimeMessage[] found = new MimeMessage[1];
    Await.until("an e-mail to " + recipient, Duration.ofSeconds(15), () -> {
      for (MimeMessage message : stack.mail.getReceivedMessages()) {
        if (sentTo(message, recipient)) {
          found[0] = message;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  private static boolean sentTo(MimeMessage message, String recipient) {
    try {
      return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(recipient));
    } catch (jakarta.mail.MessagingException e) {
      throw new AssertionError(e);
    }
  }

  private long mailsTo(String recipient) {
    return Arrays.stream(stack.mail.getReceivedMessages()).filter(m -> sentTo(m, recipient)).count();
  }

  @Test
  void aMerchantResetsTheirPasswordFromTheEmailedLink() throws Exception {
    String email = "forgetful+" + System.nanoTime() + "@example.com";
    Visitor before = new Visitor(stack);
    before.signUp(email, "Forgetful");
    assertThat(before.get("/dashboard").status()).isEqualTo(200);

    Visitor visitor = new Visitor(stack);
    visitor.get("/password/forgot");
    Visitor.Page asked = visitor.post("/password/forgot", Map.of("email", email.toUpperCase()));
    assertThat(asked.body()).contains("we have sent it a link");

    MimeMessage mail = awaitMailTo(email);
    assertThat(mail.getSubject()).isEqualTo("Reset your Comptoir password");
    assertThat(mail.getFrom()[0].toString()).contains("no-reply@comptoir.test");
    Matcher link = Pattern.compile(Pattern.quote(stack.platformUrl()) + "(/password/reset/[A-Za-z0-9_-]+)").matcher((String) mail.getContent());
    assertThat(link.find()).as("the mail has the link:\n" + mail.getContent()).isTrue();

    assertThat(visitor.get(link.group(1)).body()).contains("Choose a new password");
    Visitor.Page mismatch = visitor.post(link.group(1), Map.of("password", "a brand new password", "password_confirmation", "something else"));
    assertThat(mismatch.status()).isEqualTo(422);
    assertThat(mismatch.body()).contains("The two passwords are not the same.");
    Visitor.Page changed = visitor.post(link.group(1), Map.of("password", "a brand new password", "password_confirmation", "a brand new password"));
    assertThat(changed.location()).isEqualTo("/dashboard");
    assertThat(visitor.get("/dashboard").status()).as("signed in with the new password").isEqualTo(200);

    assertThat(before.get("/dashboard").location()).as("the old session has ended").startsWith("/login");
    assertThat(new Visitor(stack).logIn(email, "a good long password").status()).as("the old password").isEqualTo(401);
    assertThat(new Visitor(stack).logIn(email, "a brand new password").location()).isEqualTo("/dashboard");

    Visitor.Page reused = new Visitor(stack).get(link.group(1));
    assertThat(reused.status()).isEqualTo(410);
    assertThat(reused.body()).contains("This link has expired or has already been used");
  }

  @Test
  void theOperatorSeesAResetMailWithoutItsLinkAndTheLinkIsNotKeptOnceSent() throws Exception {
    String email = "watched+" + System.nanoTime() + "@example.com";
    new Visitor(stack).signUp(email, "Watched");
    Visitor visitor = new Visitor(stack);
    visitor.get("/password/forgot");
    visitor.post("/password/forgot", Map.of("email", email));
    Matcher link = Pattern.compile("/password/reset/([A-Za-z0-9_-]+)").matcher((String) awaitMailTo(email).getContent());
    assertThat(link.find()).isTrue();
    String token = link.group(1);

    Visitor operator = new Visitor(stack);
    operator.logInAsOperator();
    String outbox = operator.get("/operator/outbox").body();
    assertThat(outbox).contains("To " + email).contains("[the reset link, hidden: only the recipient may use it]")
        .doesNotContain(token);
    // Once sent, the row keeps the redacted copy only: a database reader cannot reset the password either.
    Await.until("the reset mail marked sent", Duration.ofSeconds(15), () -> stack.platformJdbi.withHandle(h -> h.createQuery(
        "SELECT sent_at IS NOT NULL FROM mail_outbox WHERE recipient = :r").bind("r", email).mapTo(Boolean.class).one()));
    String kept = stack.platformJdbi.withHandle(h -> h.createQuery("SELECT body FROM mail_outbox WHERE recipient = :r")
        .bind("r", email).mapTo(String.class).one());
    assertThat(kept).doesNotContain(token).contains("hidden");
    // ...and the link the merchant received still works.
    assertThat(visitor.get("/password/reset/" + token).body()).contains("Choose a new password");
  }

  @Test
  void anUnknownAddressGetsTheSameAnswerAndNoMail() throws Exception {
    String email = "nobody+" + System.nanoTime() + "@example.com";
    Visitor visitor = new Visitor(stack);
    visitor.get("/password/forgot");
    assertThat(visitor.post("/password/forgot", Map.of("email", email)).body()).contains("we have sent it a link");
    // A reset mail is queued in the request's own transaction: none queued by now means none will be sent.
    int queued = stack.platformJdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox WHERE recipient = :r")
        .bind("r", email).mapTo(Integer.class).one());
    assertThat(queued).isZero();
    assertThat(mailsTo(email)).isZero();
  }

  @Test
  void anExpiredLinkIsRefused() throws Exception {
    String email = "late+" + System.nanoTime() + "@example.com";
    new Visitor(stack).signUp(email, "Late");
    Visitor visitor = new Visitor(stack);
    visitor.get("/password/forgot");
    visitor.post("/password/forgot", Map.of("email", email));
    Matcher link = Pattern.compile("(/password/reset/[A-Za-z0-9_-]+)").matcher((String) awaitMailTo(email).getContent());
    assertThat(link.find()).isTrue();
    stack.platformJdbi.useHandle(h -> h.execute(
        "UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE merchant_id = (SELECT id FROM merchants WHERE email = ?)", email));
    assertThat(visitor.get(link.group(1)).status()).isEqualTo(410);
    assertThat(visitor.post(link.group(1), Map.of("password", "a brand new password", "password_confirmation", "a brand new password"))
        .status()).isEqualTo(410);
    assertThat(new Visitor(stack).logIn(email, "a brand new password").status()).as("the password did not change").isEqualTo(401);
  }
}

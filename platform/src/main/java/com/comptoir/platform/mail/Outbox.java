package com.comptoir.platform.mail;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * E-mail to send, written in the transaction that decided to send it: a message exists exactly
 * when what caused it committed. {@link MailSender} delivers it to SMTP; with no SMTP configured
 * it stays here, and the operator area lists it.
 */
public final class Outbox {
  private Outbox() {}

  /** One message, as the operator area shows it: a secret-bearing message by its redacted copy. */
  public record Message(long id, String recipient, String subject, String body, OffsetDateTime createdAt,
      OffsetDateTime sentAt, int attempts, String lastError) {}

  public static long enqueue(Handle h, String recipient, String subject, String body) {
    return insert(h, recipient, subject, body, null);
  }

  /**
   * A message whose body holds a secret, such as a password-reset link: only the recipient may
   * read it. The operator area shows {@code redactedBody} instead, and once the message is sent
   * its body is replaced by that copy ({@link MailSender}), so whoever reads the database or the
   * operator area later cannot use the secret.
   */
  public static long enqueueSecret(Handle h, String recipient, String subject, String body, String redactedBody) {
    if (redactedBody == null || redactedBody.equals(body)) {
      throw new IllegalArgumentException("a secret-bearing message needs a redacted copy without the secret");
    }
    return insert(h, recipient, subject, body, redactedBody);
  }

  private static long insert(Handle h, String recipient, String subject, String body, String redactedBody) {
    return h.createUpdate("""
            INSERT INTO mail_outbox (recipient, subject, body, redacted_body) VALUES (:to, :subject, :body, :redacted)""")
        .bind("to", recipient).bind("subject", subject).bind("body", body).bind("redacted", redactedBody)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  /** The newest messages first, at most {@code limit}. */
  public static List<Message> newest(Handle h, int limit) {
    return h.createQuery("""
            SELECT id, recipient, subject, coalesce(redacted_body, body), created_at, sent_at, attempts, last_error
            FROM mail_outbox ORDER BY id DESC LIMIT :limit""")
        .bind("limit", limit)
        .map((rs, c) -> new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getInt(7), rs.getString(8)))
        .list();
  }
}

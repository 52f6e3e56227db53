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

  /** One message, as the operator area shows it. */
  public record Message(long id, String recipient, String subject, String body, OffsetDateTime createdAt,
      OffsetDateTime sentAt, int attempts, String lastError) {}

  public static long enqueue(Handle h, String recipient, String subject, String body) {
    return h.createUpdate("INSERT INTO mail_outbox (recipient, subject, body) VALUES (:to, :subject, :body)")
        .bind("to", recipient).bind("subject", subject).bind("body", body)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  /** The newest messages first, at most {@code limit}. */
  public static List<Message> newest(Handle h, int limit) {
    return h.createQuery("""
            SELECT id, recipient, subject, body, created_at, sent_at, attempts, last_error
            FROM mail_outbox ORDER BY id DESC LIMIT :limit""")
        .bind("limit", limit)
        .map((rs, c) -> new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getInt(7), rs.getString(8)))
        .list();
  }
}

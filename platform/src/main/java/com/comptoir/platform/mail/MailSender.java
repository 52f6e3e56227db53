package com.comptoir.platform.mail;

import com.comptoir.platform.PlatformSettings.MailSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to SMTP. Every instance may run one: messages are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, sent, and marked sent in the claiming transaction, so a message
 * is sent by one instance. A failure is retried with exponential backoff, up to
 * {@value #MAX_ATTEMPTS} attempts. Delivery is at least once: a crash between the SMTP answer and
 * the commit sends that message again.
 */
public final class MailSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MailSender.class);
  static final int MAX_ATTEMPTS = 8;
  private static final int BATCH = 20;
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
  private static final Duration FIRST_RETRY = Duration.ofMinutes(1);
  private static final Duration SMTP_TIMEOUT = Duration.ofSeconds(20);

  private final Jdbi jdbi;
  private final Session smtp;
  private final InternetAddress from;
  private final Thread loop;
  private final Object wakeup = new Object();
  private volatile boolean running = true;

  private MailSender(Jdbi jdbi, Session smtp, InternetAddress from) {
    this.jdbi = jdbi;
    this.smtp = smtp;
    this.from = from;
    this.loop = Thread.ofVirtual().name("mail-sender").start(this::run);
  }

  /** Starts delivering if SMTP is configured; otherwise messages stay in the outbox. */
  public static java.util.Optional<MailSender> start(Jdbi jdbi, MailSettings settings) {
    if (settings.smtp().isEmpty()) {
      LOG.info("no SMTP server configured (COMPTOIR_SMTP_URL): e-mail stays in the outbox, listed in the operator area");
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(new MailSender(jdbi, session(settings.smtp().get()), new InternetAddress(settings.from(), true)));
    } catch (jakarta.mail.internet.AddressException e) {
      throw new IllegalArgumentException("the mail From address is not valid: " + e.getMessage(), e);
    }
  }

  /** Looks at the outbox now rather than at the next poll. */
  public void wake() {
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
  }

  private void run() {
    while (running) {
      try {
        int sent = sendDue();
        if (sent < BATCH) {
          synchronized (wakeup) {
            wakeup.wait(POLL_INTERVAL.toMillis());
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("mail sender: {}", e.toString());
        sleep();
      }
    }
  }

  private record Due(long id, String recipient, String subject, String body, int attempts) {}

  /** Sends what is due; returns how many messages it handled. */
  int sendDue() {
    return jdbi.inTransaction(h -> {
      List<Due> due = h.createQuery("""
              SELECT id, recipient, subject, body, attempts FROM mail_outbox
              WHERE sent_at IS NULL AND next_attempt_at <= now() AND attempts < :max
              ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
          .bind("max", MAX_ATTEMPTS).bind("batch", BATCH)
          .map((rs, c) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
          .list();
      for (Due message : due) {
        try {
          send(message);
          // A secret-bearing message keeps only its redacted copy once the recipient has the secret.
          h.createUpdate("""
                  UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL,
                         body = coalesce(redacted_body, body) WHERE id = :id""")
              .bind("id", message.id()).execute();
        } catch (MessagingException e) {
          long retrySeconds = FIRST_RETRY.toSeconds() << Math.min(message.attempts(), 10);
          LOG.warn("could not send mail {} (attempt {}): {}", message.id(), message.attempts() + 1, e.getMessage());
          h.createUpdate("""
                  UPDATE mail_outbox SET attempts = attempts + 1, last_error = :error,
                         next_attempt_at = now() + make_interval(secs => :retry) WHERE id = :id""")
              .bind("id", message.id()).bind("error", String.valueOf(e.getMessage())).bind("retry", retrySeconds).execute();
        }
      }
      return due.size();
    });
  }

  private void send(Due due) throws MessagingException {
    MimeMessage message = new MimeMessage(smtp);
    message.setFrom(from);
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(due.recipient(), true));
    message.setSubject(due.subject(), StandardCharsets.UTF_8.name());
    message.setText(due.body(), StandardCharsets.UTF_8.name());
    Transport.send(message);
  }

  private static Session session(URI url) {
    boolean ssl = "smtps".equals(url.getScheme());
    Properties props = new Properties();
    String protocol = ssl ? "smtps" : "smtp";
    props.put("mail.transport.protocol", protocol);
    props.put("mail." + protocol + ".host", url.getHost());
    props.put("mail." + protocol + ".port", String.valueOf(url.getPort() == -1 ? (ssl ? 465 : 25) : url.getPort()));
    props.put("mail." + protocol + ".connectiontimeout", String.valueOf(SMTP_TIMEOUT.toMillis()));
    props.put("mail." + protocol + ".timeout", String.valueOf(SMTP_TIMEOUT.toMillis()));
    props.put("mail." + protocol + ".writetimeout", String.valueOf(SMTP_TIMEOUT.toMillis()));
    String userInfo = url.getRawUserInfo();
    if (userInfo == null) {
      return Session.getInstance(props);
    }
    String[] parts = userInfo.split(":", 2);
    String user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
    String password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    props.put("mail." + protocol + ".auth", "true");
    if (!ssl) {
      props.put("mail.smtp.starttls.enable", "true"); // upgrade when the server offers it
    }
    return Session.getInstance(props, new jakarta.mail.Authenticator() {
      @Override
      protected jakarta.mail.PasswordAuthentication getPasswordAuthentication() {
        return new jakarta.mail.PasswordAuthentication(user, password);
      }
    });
  }

  private void sleep() {
    try {
      Thread.sleep(POLL_INTERVAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    loop.interrupt();
    try {
      loop.join(SMTP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

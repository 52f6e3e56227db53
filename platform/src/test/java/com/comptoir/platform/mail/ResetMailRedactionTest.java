package com.comptoir.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.testing.RunningPlatform;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without SMTP a reset mail waits in the outbox: the operator sees it there without its link,
 * which would let them (or anyone reading over their shoulder) set the merchant's password.
 */
class ResetMailRedactionTest {
  private static RunningPlatform platform;

  @BeforeAll
  static void start() {
    platform = new RunningPlatform();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void theOperatorSeesAnUnsentResetMailWithItsLinkHidden() throws Exception {
    HttpClient merchant = RunningPlatform.client();
    platform.post(merchant, "/signup", Map.of("csrf", RunningPlatform.csrf(platform.get(merchant, "/signup").body()),
        "email", "forgets@example.com", "password", "a good long password", "store_name", "Forgets", "country", "FR"));
    HttpClient visitor = RunningPlatform.client();
    platform.post(visitor, "/password/forgot", Map.of("csrf", RunningPlatform.csrf(platform.get(visitor, "/password/forgot").body()),
        "email", "forgets@example.com"));
    // The mail waits with its link (it has to be sent with it)...
    String queued = platform.jdbi.withHandle(h -> h.createQuery("SELECT body FROM mail_outbox WHERE recipient = 'forgets@example.com'")
        .mapTo(String.class).one());
    Matcher link = Pattern.compile("/password/reset/([A-Za-z0-9_-]+)").matcher(queued);
    assertThat(link.find()).as(queued).isTrue();

    // ...but the operator area shows it without.
    HttpClient operator = RunningPlatform.client();
    platform.post(operator, "/operator/login", Map.of("csrf", RunningPlatform.csrf(platform.get(operator, "/operator/login").body()),
        "email", "operator@example.com", "password", "operator password 1"));
    String outbox = platform.get(operator, "/operator/outbox").body();
    assertThat(outbox).contains("Reset your Comptoir password").contains("To forgets@example.com")
        .contains("[the reset link, hidden: only the recipient may use it]").doesNotContain(link.group(1));
  }
}

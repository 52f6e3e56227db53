package com.comptoir.platform.merchants;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static HikariDataSource dataSource;
  private static Jdbi jdbi;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.fresh();
    jdbi = TestDatabase.migrated(dataSource);
  }

  @AfterAll
  static void close() {
    dataSource.close();
  }

  private void fail(String email, String ip, int times) {
    for (int i = 0; i < times; i++) {
      jdbi.useTransaction(h -> LoginThrottle.record(h, "merchant", email, ip, false));
    }
  }

  private java.util.Optional<Duration> wait(String realm, String email, String ip) {
    return jdbi.inTransaction(h -> LoginThrottle.waitBeforeNextAttempt(h, realm, email, ip));
  }

  @Test
  void fiveFailuresLockThatEmailFromThatAddressForAboutFifteenMinutes() {
    fail("ada@example.com", "10.0.0.1", 4);
    assertThat(wait("merchant", "ada@example.com", "10.0.0.1")).isEmpty();
    fail("ada@example.com", "10.0.0.1", 1);
    Duration wait = wait("merchant", "ADA@example.com ", "10.0.0.1").orElseThrow();
    assertThat(wait).isBetween(LoginThrottle.WINDOW.minusSeconds(30), LoginThrottle.WINDOW);
    assertThat(LoginThrottle.waitMessage(wait)).contains("try again in 15 minutes");
  }

  @Test
  void anotherAddressAnotherEmailOrTheOperatorRealmIsNotLocked() {
    fail("bob@example.com", "10.0.0.2", 5);
    assertThat(wait("merchant", "bob@example.com", "10.0.0.2")).isPresent();
    assertThat(wait("merchant", "bob@example.com", "10.0.0.3")).isEmpty();
    assertThat(wait("merchant", "bobby@example.com", "10.0.0.2")).isEmpty();
    assertThat(wait("operator", "bob@example.com", "10.0.0.2")).isEmpty();
  }

  @Test
  void aSuccessClearsTheCount() {
    fail("cy@example.com", "10.0.0.4", 4);
    jdbi.useTransaction(h -> LoginThrottle.record(h, "merchant", "cy@example.com", "10.0.0.4", true));
    fail("cy@example.com", "10.0.0.4", 4);
    assertThat(wait("merchant", "cy@example.com", "10.0.0.4")).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    fail("di@example.com", "10.0.0.5", 5);
    jdbi.useHandle(h -> h.execute("UPDATE login_attempts SET attempted_at = attempted_at - interval '16 minutes' WHERE email = 'di@example.com'"));
    assertThat(wait("merchant", "di@example.com", "10.0.0.5")).isEmpty();
  }

  @Test
  void passwordsAreArgon2idAndVerify() {
    String hash = Passwords.hash("correct horse battery");
    assertThat(hash).startsWith("$argon2id$");
    assertThat(Passwords.matches("correct horse battery", hash)).isTrue();
    assertThat(Passwords.matches("correct horse batterz", hash)).isFalse();
    assertThat(Passwords.hash("correct horse battery")).as("salted").isNotEqualTo(hash);
    assertThat(Passwords.problemWith("short", null)).contains("at least 10");
    assertThat(Passwords.problemWith("ada@example.com", "Ada@Example.com")).contains("e-mail");
  }
}

package com.comptoir.platform.merchants;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Optional;
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

  private static LoginThrottle.Attempt from(String email, String address) {
    return new LoginThrottle.Attempt("merchant", email, address, null);
  }

  private static LoginThrottle.Attempt fromDevice(String email, String address, String device) {
    return new LoginThrottle.Attempt("merchant", email, address, device);
  }

  private void fail(LoginThrottle.Attempt a, int times) {
    for (int i = 0; i < times; i++) {
      jdbi.useTransaction(h -> LoginThrottle.record(h, a, false));
    }
  }

  private Optional<Duration> wait(LoginThrottle.Attempt a) {
    return jdbi.inTransaction(h -> LoginThrottle.waitBeforeNextAttempt(h, a));
  }

  @Test
  void afterFiveFailuresFromOneAddressEachFurtherOneDoublesTheWait() {
    fail(from("ada@example.com", "10.0.0.1"), 4);
    assertThat(wait(from("ada@example.com", "10.0.0.1"))).isEmpty();
    fail(from("ada@example.com", "10.0.0.1"), 1);
    Duration first = wait(from("ADA@example.com ", "10.0.0.1")).orElseThrow();
    assertThat(first).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
    assertThat(LoginThrottle.waitMessage(first)).contains("try again in 1 minute,");
    fail(from("ada@example.com", "10.0.0.1"), 1);
    assertThat(wait(from("ada@example.com", "10.0.0.1")).orElseThrow()).isBetween(Duration.ofSeconds(90), Duration.ofMinutes(2));
    fail(from("ada@example.com", "10.0.0.1"), 10);
    assertThat(wait(from("ada@example.com", "10.0.0.1")).orElseThrow()).as("at most").isLessThanOrEqualTo(LoginThrottle.MAX_WAIT);
  }

  @Test
  void anotherAddressAnotherEmailOrTheOperatorRealmIsNotLocked() {
    fail(from("bob@example.com", "10.0.0.2"), 5);
    assertThat(wait(from("bob@example.com", "10.0.0.2"))).isPresent();
    assertThat(wait(from("bob@example.com", "10.0.0.3"))).isEmpty();
    assertThat(wait(from("bobby@example.com", "10.0.0.2"))).isEmpty();
    assertThat(wait(new LoginThrottle.Attempt("operator", "bob@example.com", "10.0.0.2", null))).isEmpty();
  }

  @Test
  void aSuccessClearsTheCountOfThatAddress() {
    fail(from("cy@example.com", "10.0.0.4"), 4);
    jdbi.useTransaction(h -> LoginThrottle.record(h, from("cy@example.com", "10.0.0.4"), true));
    fail(from("cy@example.com", "10.0.0.4"), 4);
    assertThat(wait(from("cy@example.com", "10.0.0.4"))).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    fail(from("di@example.com", "10.0.0.5"), 5);
    jdbi.useHandle(h -> h.execute("UPDATE login_attempts SET attempted_at = attempted_at - interval '61 minutes' WHERE email = 'di@example.com'"));
    assertThat(wait(from("di@example.com", "10.0.0.5"))).isEmpty();
  }

  @Test
  void oneEmailGuessedFromManyAddressesSlowsNewBrowsersButNotTheOwnersDevice() {
    String email = "eve.target@example.com";
    for (int i = 0; i <= LoginThrottle.ACCOUNT_FREE + 4; i++) {
      fail(from(email, "10.1.0." + i), 1); // one failure per address: no address is throttled
    }
    assertThat(wait(from(email, "10.1.0.1"))).isPresent();
    assertThat(wait(from(email, "10.2.0.1"))).as("a browser never logged in").isPresent();
    assertThat(wait(fromDevice(email, "10.2.0.1", "ownersdevice"))).as("the owner's device").isEmpty();
    assertThat(wait(from("someone.else@example.com", "10.2.0.1"))).isEmpty();
  }

  @Test
  void aTrustedDevicesOwnFailuresStillCount() {
    fail(fromDevice("fay@example.com", "10.0.0.6", "fays-laptop"), 5);
    assertThat(wait(fromDevice("fay@example.com", "10.0.0.6", "fays-laptop"))).isPresent();
    assertThat(wait(fromDevice("fay@example.com", "10.0.0.6", "fays-phone"))).isEmpty();
    assertThat(wait(from("fay@example.com", "10.0.0.6"))).as("device failures are not the address's").isEmpty();
  }

  @Test
  void oneAddressTryingManyEmailsIsSlowed() {
    for (int i = 0; i <= LoginThrottle.CLIENT_FREE + 4; i++) {
      fail(from("victim" + i + "@example.com", "10.3.0.1"), 1);
    }
    assertThat(wait(from("fresh@example.com", "10.3.0.1"))).isPresent();
    assertThat(wait(from("fresh@example.com", "10.3.0.2"))).isEmpty();
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

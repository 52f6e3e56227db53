package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.accounts.PlatformLogin;
import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.TestProcessor;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The platform signs in to its own Dashboard with the login the launcher gives the processor at
 * start, through the same form, CSRF check and throttle as a Standard holder, and lands on the
 * platform's pages rather than a holder's.
 */
class PlatformSignInTest {
  private static final String EMAIL = "Platform.Owner@Example.com";
  private static final String PASSWORD = "a platform password";
  private static final TestProcessor PROCESSOR = TestProcessor.customized(s -> s.withDashboardLogin(new PlatformLogin(EMAIL, PASSWORD)));

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  @Test
  void thePlatformSignsInWithItsLoginAndSeesThePlatformDashboard() {
    DashboardVisitor platform = new DashboardVisitor(PROCESSOR, "127.0.0.2");
    Page signedIn = platform.signInWith(EMAIL.toLowerCase(), PASSWORD);
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);

    Page home = platform.get("/dashboard");
    assertThat(home.status()).as(home.body()).isEqualTo(200);
    assertThat(home.body()).contains("<h1>Home</h1>", "Platform Dashboard · test mode", PROCESSOR.platformAccountId(),
        "aria-current=\"page\">Home</a>").doesNotContain("Save payout schedule");
  }

  @Test
  void aSignInWithoutTheFormsTokenIsRefused() {
    DashboardVisitor stranger = new DashboardVisitor(PROCESSOR, "127.0.0.3");
    Page refused = stranger.post("/dashboard/login", List.of(Map.entry("csrf", "forged"), Map.entry("email", EMAIL),
        Map.entry("password", PASSWORD)));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(stranger.get("/dashboard").status()).isEqualTo(401);
  }

  @Test
  void guessingThePlatformPasswordIsThrottledLikeAnyLogin() {
    DashboardVisitor guesser = new DashboardVisitor(PROCESSOR, "127.0.0.4");
    for (int i = 0; i < SignInThrottle.PAIR_FREE; i++) {
      assertThat(guesser.signInWith(EMAIL, "wrong guess number " + i).status()).isEqualTo(401);
    }
    Page throttled = guesser.signInWith(EMAIL, PASSWORD);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.body()).contains("Too many failed attempts").doesNotContain(PASSWORD);
    // the platform's own browser elsewhere is not locked out by a stranger's guesses
    assertThat(new DashboardVisitor(PROCESSOR, "127.0.0.5").signInWith(EMAIL, PASSWORD).status()).isEqualTo(303);
  }

  @Test
  void aNewPasswordGivenAtStartReplacesTheKeptOne() {
    Jdbi jdbi = Jdbi.create(PROCESSOR.dataSource());
    String other = "another platform password";
    PlatformLogin.ensure(jdbi, PROCESSOR.platformAccountId(), new PlatformLogin(EMAIL, other), 0);
    try {
      assertThat(new DashboardVisitor(PROCESSOR, "127.0.0.6").signInWith(EMAIL, PASSWORD).status()).isEqualTo(401);
      assertThat(new DashboardVisitor(PROCESSOR, "127.0.0.7").signInWith(EMAIL, other).status()).isEqualTo(303);
    } finally {
      PlatformLogin.ensure(jdbi, PROCESSOR.platformAccountId(), new PlatformLogin(EMAIL, PASSWORD), 0);
    }
  }

  @Test
  void aLoginThatCouldNotSignInIsRefusedAtStart() {
    assertThatThrownBy(() -> new PlatformLogin("not an e-mail", PASSWORD)).hasMessageContaining("e-mail");
    assertThatThrownBy(() -> new PlatformLogin(EMAIL, "short")).hasMessageContaining("at least");
    assertThat(new PlatformLogin(EMAIL, PASSWORD).toString()).doesNotContain(PASSWORD);
  }
}

package com.comptoir.processor.dashboard;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /dashboard/login} over real HTTP: a Standard holder signs in with the e-mail and password
 * chosen in onboarding, gets the same dashboard Express holders get, for their account only;
 * failures say nothing about which half was wrong, are throttled, and forms need their token.
 */
class DashboardSignInTest {
  private static final String SESSION_COOKIE = "comptoir_dashboard";
  private static final Pattern ERROR = Pattern.compile("<div class=\"error-summary\" role=\"alert\">(.*?)</div>", Pattern.DOTALL);
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  private static String error(Page page) {
    Matcher m = ERROR.matcher(page.body());
    assertThat(m.find()).as(page.body()).isTrue();
    return m.group(1);
  }

  private String interval(String account) {
    return http.get("/v1/accounts/" + account).json().at("/settings/payouts/schedule/interval").asText();
  }

  @Test
  void aStandardHolderSignsInWithTheirEmailAndPasswordAndSeesTheirDashboard() {
    String email = DashboardVisitor.email("ada");
    DashboardVisitor.standardAccountWithLogin(processor, email, "Ada's Shop");
    DashboardVisitor holder = new DashboardVisitor(processor);

    Page form = holder.get("/dashboard/login");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.header("Set-Cookie")).contains("HttpOnly", "SameSite=Strict", "Path=/dashboard/login");
    assertThat(form.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(form.body()).contains("<label for=\"email\">Email</label>", "<label for=\"password\">Password</label>");

    Page signedIn = holder.post("/dashboard/login", List.of(entry("csrf", form.csrf()), entry("email", " " + email.toUpperCase() + " "),
        entry("password", DashboardVisitor.PASSWORD)));
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
    assertThat(signedIn.header("Location")).isEqualTo("/dashboard");
    assertThat(signedIn.headers("Set-Cookie")).filteredOn(c -> c.startsWith(SESSION_COOKIE + "=")).singleElement()
        .asString().contains("HttpOnly", "SameSite=Lax", "Path=/dashboard").doesNotContain("Secure"); // Secure over https only

    Page dashboard = holder.get("/dashboard");
    assertThat(dashboard.status()).isEqualTo(200);
    assertThat(dashboard.body()).contains("<h1>Ada's Shop</h1>", "Standard account · test mode", "href=\"/dashboard/business/settings\"");
    assertThat(holder.get("/dashboard/business/settings").body()).contains("Save payout schedule", "Save payment methods");
    assertThat(holder.get("/dashboard/login").header("Location")).isEqualTo("/dashboard"); // already signed in
  }

  @Test
  void aWrongPasswordAndAnUnknownEmailGetTheSameGenericErrorAndTheEmailIsKept() {
    String email = DashboardVisitor.email("ada");
    DashboardVisitor.standardAccountWithLogin(processor, email, "Ada's Shop");
    DashboardVisitor visitor = new DashboardVisitor(processor);

    Page wrongPassword = visitor.signInWith(email, "not the password at all");
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(wrongPassword.body()).contains("value=\"" + email + "\"").doesNotContain("not the password at all");
    assertThat(visitor.cookie(SESSION_COOKIE)).isNull();

    Page unknownEmail = visitor.signInWith(DashboardVisitor.email("nobody"), DashboardVisitor.PASSWORD);
    assertThat(unknownEmail.status()).isEqualTo(401);
    assertThat(error(unknownEmail)).isEqualTo(error(wrongPassword))
        .contains("That email and password do not match a Dashboard login.");

    Page empty = visitor.signInWith("<b>ada</b>@example.com", "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body()).contains("Enter your email and your password.", "value=\"&lt;b>ada&lt;/b>@example.com\"")
        .doesNotContain("<b>ada");
  }

  @Test
  void afterFiveFailuresFromOneAddressEachFurtherAttemptWaitsTwiceAsLong() {
    // A processor of its own: the sign-in page counts waits on the processor's clock, not on a sandbox's.
    try (TestProcessor own = TestProcessor.fresh()) {
      String email = DashboardVisitor.email("ada");
      DashboardVisitor.standardAccountWithLogin(own, email, "Ada's Shop");
      DashboardVisitor guesser = new DashboardVisitor(own, "127.0.0.2");
      for (int i = 1; i <= 5; i++) {
        assertThat(guesser.signInWith(email, "guess number " + i).status()).isEqualTo(401);
      }

      Page throttled = guesser.signInWith(email, DashboardVisitor.PASSWORD);
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(error(throttled)).contains("Too many failed attempts", "try again in 1 minute.");
      assertThat(guesser.cookie(SESSION_COOKIE)).isNull();
      assertThat(new DashboardVisitor(own, "127.0.0.2").signInWith(email.toUpperCase(), DashboardVisitor.PASSWORD).status())
          .as("the count is per e-mail, however it is typed, from that address").isEqualTo(429);

      own.http().post("/v1/test_helpers/clock/advance", Map.of("seconds", "60"));
      assertThat(guesser.signInWith(email, "guess number 6").status()).isEqualTo(401);
      assertThat(error(guesser.signInWith(email, DashboardVisitor.PASSWORD))).contains("try again in 2 minutes.");
      own.http().post("/v1/test_helpers/clock/advance", Map.of("seconds", "120"));
      new DashboardVisitor(own, "127.0.0.2").signInAsHolder(email, DashboardVisitor.PASSWORD);
    }
  }

  @Test
  void strangersGuessingFromManyAddressesDoNotLockTheHolderOutOfTheBrowserTheySignedInWith() {
    try (TestProcessor own = TestProcessor.sandbox()) {
      String email = DashboardVisitor.email("ada");
      DashboardVisitor.standardAccountWithLogin(own, email, "Ada's Shop");
      DashboardVisitor holder = new DashboardVisitor(own, "127.0.0.3");
      holder.signInAsHolder(email, DashboardVisitor.PASSWORD);
      assertThat(holder.cookie("comptoir_dashboard_device")).as("the browser is remembered").isNotNull();
      holder.cookie(SESSION_COOKIE, "signed-out");

      // Four guesses from each of five addresses: no one address is throttled, the e-mail is (20 failures).
      for (int address = 10; address < 15; address++) {
        DashboardVisitor stranger = new DashboardVisitor(own, "127.0.1." + address);
        for (int i = 0; i < SignInThrottle.PAIR_FREE - 1; i++) {
          assertThat(stranger.signInWith(email, "guess " + address + "." + i).status()).isEqualTo(401);
        }
      }
      Page newBrowser = new DashboardVisitor(own, "127.0.1.20").signInWith(email, DashboardVisitor.PASSWORD);
      assertThat(newBrowser.status()).as("a browser never signed in with this e-mail is slowed").isEqualTo(429);

      holder.signInAsHolder(email, DashboardVisitor.PASSWORD);
    }
  }

  @Test
  void oneAddressTryingManyEmailsIsSlowedDown() {
    try (TestProcessor own = TestProcessor.sandbox()) {
      DashboardVisitor sprayer = new DashboardVisitor(own, "127.0.2.1");
      for (int i = 0; i < SignInThrottle.CLIENT_FREE; i++) {
        assertThat(sprayer.signInWith(DashboardVisitor.email("victim" + i), "Password1").status()).isEqualTo(401);
      }
      // Past the free ones each failure doubles the wait (1 s, 2 s, 4 s, ...): a refusal comes within a few tries.
      Page throttled = null;
      for (int i = 0; i < 8 && throttled == null; i++) {
        Page page = sprayer.signInWith(DashboardVisitor.email("more" + i), "Password1");
        throttled = page.status() == 429 ? page : null;
      }
      assertThat(throttled).as("no refusal after " + SignInThrottle.CLIENT_FREE + " + 8 e-mails from one address").isNotNull();
      assertThat(error(throttled)).contains("Too many failed attempts");

      // another address is not affected
      String email = DashboardVisitor.email("ada");
      DashboardVisitor.standardAccountWithLogin(own, email, "Ada's Shop");
      new DashboardVisitor(own, "127.0.2.2").signInAsHolder(email, DashboardVisitor.PASSWORD);
    }
  }

  @Test
  void aNulInTheSignInFormIsRefusedWithTheForm() {
    DashboardVisitor visitor = new DashboardVisitor(processor);
    Page page = visitor.signInWith("ada\0@example.com", "pass\0");
    assertThat(page.status()).isEqualTo(400);
    assertThat(error(page)).contains("NUL character");
    assertThat(page.body()).contains("value=\"ada@example.com\"");
  }

  @Test
  void aSignInWithoutItsCsrfTokenSignsNoOneIn() {
    String email = DashboardVisitor.email("ada");
    DashboardVisitor.standardAccountWithLogin(processor, email, "Ada's Shop");

    DashboardVisitor visitor = new DashboardVisitor(processor);
    String token = visitor.get("/dashboard/login").csrf();
    Page noToken = visitor.post("/dashboard/login", List.of(entry("email", email), entry("password", DashboardVisitor.PASSWORD)));
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(error(noToken)).contains("This form had expired, so you were not signed in.");
    assertThat(noToken.body()).contains("value=\"" + email + "\"");
    Page otherToken = visitor.post("/dashboard/login", List.of(entry("csrf", "x".repeat(32)), entry("email", email),
        entry("password", DashboardVisitor.PASSWORD)));
    assertThat(otherToken.status()).isEqualTo(403);
    // a page's token sent from another browser, which never had the cookie: a cross-site post
    Page crossSite = new DashboardVisitor(processor).post("/dashboard/login", List.of(entry("csrf", token), entry("email", email),
        entry("password", DashboardVisitor.PASSWORD)));
    assertThat(crossSite.status()).isEqualTo(403);
    assertThat(crossSite.headers("Set-Cookie")).noneMatch(c -> c.startsWith(SESSION_COOKIE + "="));
    assertThat(visitor.cookie(SESSION_COOKIE)).isNull();
  }

  @Test
  void aHoldersSessionOpensTheirOwnAccountOnlyWhateverTheUrlOrCookieSays() {
    String adaEmail = DashboardVisitor.email("ada");
    String ada = DashboardVisitor.standardAccountWithLogin(processor, adaEmail, "Ada's Shop");
    String graceEmail = DashboardVisitor.email("grace");
    String grace = DashboardVisitor.standardAccountWithLogin(processor, graceEmail, "Grace's Shop");
    DashboardVisitor adaBrowser = new DashboardVisitor(processor);
    String adaCsrf = adaBrowser.signInAsHolder(adaEmail, DashboardVisitor.PASSWORD).csrf();
    DashboardVisitor graceBrowser = new DashboardVisitor(processor);
    graceBrowser.signInAsHolder(graceEmail, DashboardVisitor.PASSWORD);

    // ids in URLs and forms name nothing: the session does
    assertThat(adaBrowser.get("/dashboard/" + grace).status()).isEqualTo(404);
    assertThat(adaBrowser.get("/dashboard?account=" + grace).body()).contains("<h1>Ada's Shop</h1>").doesNotContain("Grace");
    Page saved = adaBrowser.post("/dashboard/payout_schedule?account=" + grace, List.of(entry("csrf", adaCsrf),
        entry("account", grace), entry("interval", "manual"), entry("delay_days", "7")));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(interval(ada)).isEqualTo("manual");
    assertThat(interval(grace)).isEqualTo("daily");

    // Grace's cookie with Ada's form token: refused
    DashboardVisitor mixed = new DashboardVisitor(processor);
    mixed.useCookieOf(graceBrowser);
    assertThat(mixed.post("/dashboard/payout_schedule", List.of(entry("csrf", adaCsrf), entry("interval", "weekly"),
        entry("weekly_anchor", "friday"), entry("delay_days", "7"))).status()).isEqualTo(403);
    assertThat(interval(grace)).isEqualTo("daily");

    // a made-up or altered session cookie opens nothing
    DashboardVisitor forger = new DashboardVisitor(processor);
    forger.cookie(SESSION_COOKIE, "A".repeat(32));
    assertThat(forger.get("/dashboard").status()).isEqualTo(401);
    forger.cookie(SESSION_COOKIE, adaBrowser.cookie(SESSION_COOKIE).substring(1) + "A");
    assertThat(forger.get("/dashboard").status()).isEqualTo(401);
    forger.cookie(SESSION_COOKIE, ada);
    assertThat(forger.get("/dashboard").status()).isEqualTo(401);
  }

  @Test
  void signingOutEndsTheSessionAndOffersToSignInAgain() {
    String email = DashboardVisitor.email("ada");
    DashboardVisitor.standardAccountWithLogin(processor, email, "Ada's Shop");
    DashboardVisitor holder = new DashboardVisitor(processor);
    String csrf = holder.signInAsHolder(email, DashboardVisitor.PASSWORD).csrf();
    DashboardVisitor copy = new DashboardVisitor(processor);
    copy.useCookieOf(holder);

    Page out = holder.post("/dashboard/logout", List.of(entry("csrf", csrf)));
    assertThat(out.status()).isEqualTo(200);
    assertThat(out.body()).contains("You have signed out", "href=\"/dashboard/login\"");
    Page ended = copy.get("/dashboard");
    assertThat(ended.status()).isEqualTo(401);
    assertThat(ended.body()).contains("Your session has ended", "href=\"/dashboard/login\"");
  }
}

package com.comptoir.processor.dashboard;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Hosted onboarding of a Standard account over real HTTP: right after the phone check the holder
 * chooses the e-mail and password of their own Dashboard; Express accounts are asked for none; a
 * login once chosen is the holder's, and no later account link replaces it.
 */
class DashboardLoginOnboardingTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();
  private final Jdbi jdbi = Jdbi.create(processor.dataSource());

  private String passwordHash(String account) {
    return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM dashboard_logins WHERE account_id = :a")
        .bind("a", account).mapTo(String.class).findOne().orElse(null));
  }

  @Test
  void aStandardHolderChoosesTheirLoginRightAfterTheirPhoneAndThePasswordIsNeverShownBack() {
    String email = DashboardVisitor.email("ada");
    String account = DashboardVisitor.standardAccount(http, email, "Ada's Shop");
    DashboardVisitor holder = new DashboardVisitor(processor);

    assertThat(holder.startOnboarding(http, account)).isEqualTo("/onboarding/login");
    Page step = holder.get("/onboarding/login");
    assertThat(step.body()).contains("<h1>Create your Stripe login</h1>", "value=\"" + email + "\"", "type=\"password\"",
        "autocomplete=\"new-password\"");

    Page tooShort = holder.post("/onboarding/login", List.of(entry("csrf", step.csrf()), entry("email", email),
        entry("password", "9chars!!!")));
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.body()).contains("Choose a password of at least 10 characters.", "value=\"" + email + "\"")
        .doesNotContain("9chars!!!");
    assertThat(passwordHash(account)).isNull();

    Page chosen = holder.post("/onboarding/login", List.of(entry("csrf", step.csrf()), entry("email", email),
        entry("password", DashboardVisitor.PASSWORD)));
    assertThat(chosen.status()).as(chosen.body()).isEqualTo(302);
    assertThat(chosen.header("Location")).isEqualTo("/onboarding/business");
    assertThat(passwordHash(account)).startsWith("$argon2id$").doesNotContain(DashboardVisitor.PASSWORD);

    assertThat(holder.get("/onboarding/login").header("Location")).isEqualTo("/onboarding"); // the step is done for good
  }

  @Test
  void aNewAccountLinkCannotReplaceTheHoldersLogin() {
    String email = DashboardVisitor.email("ada");
    String account = DashboardVisitor.standardAccountWithLogin(processor, email, "Ada's Shop");

    // the platform sends someone to onboarding again: no login step, and posting one changes nothing
    DashboardVisitor someone = new DashboardVisitor(processor);
    assertThat(someone.startOnboarding(http, account)).isEqualTo("/onboarding/business");
    String csrf = someone.get("/onboarding/business").csrf();
    Page replaced = someone.post("/onboarding/login", List.of(entry("csrf", csrf), entry("email", email),
        entry("password", "a password of someone else")));
    assertThat(replaced.status()).isEqualTo(302);
    assertThat(replaced.header("Location")).isEqualTo("/onboarding");

    assertThat(new DashboardVisitor(processor).signInWith(email, "a password of someone else").status()).isEqualTo(401);
    new DashboardVisitor(processor).signInAsHolder(email, DashboardVisitor.PASSWORD);
  }

  @Test
  void anAccountOnboardedBeforeLoginsExistedIsAskedForOneAndCannotFinishWithout() {
    String email = DashboardVisitor.email("grace");
    String account = DashboardVisitor.standardAccount(http, email, "Grace's Shop");
    jdbi.useHandle(h -> h.execute("UPDATE resources SET body = jsonb_set(body, '{details_submitted}', 'true') WHERE id = ?", account));
    DashboardVisitor holder = new DashboardVisitor(processor);

    assertThat(holder.startOnboarding(http, account)).isEqualTo("/onboarding/login");
    String csrf = holder.get("/onboarding/review").csrf();
    Page finished = holder.post("/onboarding/review", List.of(entry("csrf", csrf), entry("tos", "yes")));
    assertThat(finished.status()).isEqualTo(400);
    assertThat(finished.body()).contains("Create your Stripe login before you finish", "your Stripe login (email and password)");

    assertThat(holder.chooseLogin(email, DashboardVisitor.PASSWORD).status()).isEqualTo(302);
    assertThat(passwordHash(account)).isNotNull();
  }

  @Test
  void anEmailSignsInToOneAccountOnly() {
    String email = DashboardVisitor.email("ada");
    DashboardVisitor.standardAccountWithLogin(processor, email, "Ada's Shop");
    String other = DashboardVisitor.standardAccount(http, DashboardVisitor.email("other"), "Other Shop");
    DashboardVisitor holder = new DashboardVisitor(processor);
    holder.startOnboarding(http, other);

    Page taken = holder.chooseLogin("  " + email.toUpperCase() + " ", "another long password");
    assertThat(taken.status()).isEqualTo(400);
    assertThat(taken.body()).contains("This email already signs in to another Stripe account.");
    assertThat(passwordHash(other)).isNull();
  }

  @Test
  void expressOnboardingAsksForNoLogin() {
    String account = DashboardVisitor.expressAccount(http, "US", Map.of("email", DashboardVisitor.email("express")));
    DashboardVisitor holder = new DashboardVisitor(processor);

    assertThat(holder.startOnboarding(http, account)).isEqualTo("/onboarding/business");
    assertThat(holder.get("/onboarding/login").header("Location")).isEqualTo("/onboarding");
    assertThat(holder.get("/onboarding/business").body()).doesNotContain("Create your Stripe login");
    assertThat(passwordHash(account)).isNull();
  }
}

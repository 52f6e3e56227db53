package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Browser;

/**
 * How the platform Dashboard's tests sign in as the platform: the way its users do, through the
 * sign-in form with the platform's login ({@code PlatformLogin}), in Chromium or over plain HTTP.
 */
final class SignedInPlatform {
  private SignedInPlatform() {}

  /** Signs in through the form in {@code browser}; the platform lands on its Home. */
  static Browser signIn(Browser browser, TestProcessor processor, String email, String password) {
    browser.open(processor.url() + "/dashboard/login").type("Email", email).type("Password", password).press("Sign in");
    return browser;
  }

  /** A visitor over plain HTTP, signed in (the form answers 303 to Home). */
  static DashboardVisitor visitor(TestProcessor processor, String email, String password) {
    DashboardVisitor platform = new DashboardVisitor(processor);
    assertThat(platform.signInWith(email, password).status()).isEqualTo(303);
    return platform;
  }
}

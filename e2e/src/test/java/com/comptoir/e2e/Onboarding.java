package com.comptoir.e2e;

import com.comptoir.testing.Browser;

/** Stripe's test-mode answers to hosted onboarding (fact sheet §4.2), typed as a merchant would. */
final class Onboarding {
  private Onboarding() {}

  /** From the first step ("Verify your phone") to the return to the platform. */
  static void complete(Browser browser) {
    verifyPhone(browser);
    createLoginIfAsked(browser);
    finishFromBusiness(browser);
  }

  /** A Standard account's holder chooses the password of their own Stripe Dashboard; the e-mail is prefilled. */
  static void createLoginIfAsked(Browser browser) {
    if (browser.heading().equals("Create your Stripe login")) {
      browser.type("Password", "my dashboard password 1843").press("Continue");
    }
  }

  /** From "Your business" to the return to the platform. */
  static void finishFromBusiness(Browser browser) {
    if (!browser.heading().equals("Your business")) {
      throw new AssertionError("expected the business step, was: " + browser.heading());
    }
    browser.choose("Individual or sole proprietor").select("Industry", "Clothing and accessories")
        .type("Website", "https://accessible.stripe.com").press("Continue");
    browser.type("First name", "Ada").type("Last name", "Lovelace").type("Phone", "0000000000")
        .type("Date of birth: day", "1").type("Date of birth: month", "1").type("Date of birth: year", "1901")
        .type("Home address: street", "address_full_match").type("Home address: city", "San Francisco")
        .type("Home address: state (two letters)", "CA").type("Home address: postal code", "94103")
        .type("Last 4 digits of your Social Security number", "0000").press("Continue");
    browser.type("Account holder name", "Ada Lovelace").type("Routing number", "110000000")
        .type("Account number", "000123456789").press("Continue");
    browser.choose("I agree to the Stripe Connected Account Agreement").press("Agree and submit");
  }

  static void verifyPhone(Browser browser) {
    if (!browser.heading().equals("Verify your phone")) {
      throw new AssertionError("expected hosted onboarding to start, was: " + browser.heading() + " at " + browser.url());
    }
    browser.type("Mobile number", "000 000 0000").type("Verification code", "000000").press("Continue");
  }
}

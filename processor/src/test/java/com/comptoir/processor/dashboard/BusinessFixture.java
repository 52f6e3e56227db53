package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.VerifiedAccount;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Businesses with money for the business Dashboard's tests: connected accounts that can take
 * charges and be paid out, created through the API, and payments made through the API
 * (PaymentIntents confirmed with Stripe's test payment methods), so their money is the ledger's.
 */
final class BusinessFixture {
  private BusinessFixture() {}

  /** An Express account in {@code country} with every detail given, so charges and payouts are enabled. */
  static String expressShop(TestProcessor processor, String country, String name) {
    StripeHttp http = processor.http();
    Map<String, String> form = new HashMap<>(VerifiedAccount.custom(country));
    form.put("type", "express");
    form.put("business_profile[name]", name);
    StripeHttp.Response r = http.post("/v1/accounts", form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String account = r.json().get("id").asText();
    finishOnboarding(processor, account, null);
    return account;
  }

  /**
   * The holder goes through hosted onboarding as far as it still asks (the phone, the Standard
   * holder's login when {@code email} is given, the review): an Express or Standard account's
   * details count as submitted only once its holder has reviewed them.
   */
  static void finishOnboarding(TestProcessor processor, String account, String email) {
    StripeHttp http = processor.http();
    DashboardVisitor holder = new DashboardVisitor(processor);
    String next = holder.startOnboarding(http, account);
    if ("/onboarding/login".equals(next)) {
      Page chosen = holder.chooseLogin(email, DashboardVisitor.PASSWORD);
      assertThat(chosen.status()).as(chosen.body()).isEqualTo(302);
      next = chosen.header("Location");
    }
    assertThat(next).isEqualTo("/onboarding/review");
    Page review = holder.get("/onboarding/review");
    Page done = holder.post("/onboarding/review", List.of(Map.entry("csrf", review.csrf()), Map.entry("tos", "yes")));
    assertThat(done.status()).as(done.body()).isIn(302, 303);
    assertThat(http.get("/v1/accounts/" + account).json().get("charges_enabled").asBoolean()).isTrue();
  }

  /** A Standard account in {@code country}, complete, whose holder signs in with {@code email} and {@link DashboardVisitor#PASSWORD}. */
  static String standardShop(TestProcessor processor, String country, String email, String name) {
    Map<String, String> form = new HashMap<>(VerifiedAccount.completion(country));
    form.put("country", country);
    form.put("email", email);
    form.put("business_profile[name]", name);
    StripeHttp.Response r = processor.http().post("/v1/accounts", form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("type").asText()).isEqualTo("standard");
    String account = r.json().get("id").asText();
    finishOnboarding(processor, account, email);
    return account;
  }

  /** A payment of {@code amount} on {@code account} by {@code paymentMethod} (pm_card_visa, pm_card_createDispute, ...); returns its charge. */
  static JsonNode pay(StripeHttp http, String account, long amount, String currency, String paymentMethod) {
    StripeHttp shop = http.header("Stripe-Account", account);
    StripeHttp.Response r = shop.post("/v1/payment_intents", Map.of("amount", Long.toString(amount), "currency", currency,
        "payment_method", paymentMethod, "confirm", "true", "payment_method_types[0]", "card", "application_fee_amount", "100",
        "receipt_email", "jenny@example.com"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).as(r.body()).isEqualTo("succeeded");
    return shop.get("/v1/charges/" + r.json().get("latest_charge").asText()).json();
  }
}

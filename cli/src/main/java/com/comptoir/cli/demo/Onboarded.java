package com.comptoir.cli.demo;

import com.comptoir.cli.demo.DemoStores.Store;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A merchant's sign-up and onboarding, through the platform's pages and Stripe's hosted ones. The
 * details a platform may send (Stripe lets a platform prefill an account it created) go through the
 * API; the terms of service are accepted by the holder on the hosted pages (Standard, Express), or by
 * the platform on the holder's behalf (Custom, whose platform collects everything itself).
 */
final class Onboarded {
  private Onboarded() {}

  /** The merchant, signed in, and their connected account's id. */
  record Merchant(Person person, String accountId) {}

  static Merchant signUpAndOnboard(URI platform, String processorUrl, StripeHttp stripe, Store store) {
    Person merchant = new Person();
    merchant.get(platform.resolve("/signup")).expect(200);
    Person.Page signedUp = merchant.post(platform.resolve("/signup"), Map.of("email", store.email(), "password",
        DemoStores.MERCHANT_PASSWORD, "store_name", store.name(), "country", store.country()));
    if (signedUp.location() == null || !signedUp.location().endsWith("/onboarding/start")) {
      throw new DemoException("signing up " + store.email() + " did not lead to onboarding: " + signedUp.excerpt());
    }
    // The account the platform created at sign-up, found as the platform's developer would, by its e-mail;
    // prefilled before any account link exists (Stripe refuses it on a Standard account once onboarding has begun).
    String accountId = null;
    for (JsonNode account : stripe.get("/v1/accounts?limit=100", null).path("data")) {
      if (store.email().equals(account.path("email").asText())) {
        accountId = account.path("id").asText();
      }
    }
    if (accountId == null) {
      throw new DemoException("signing up " + store.email() + " made no connected account with that e-mail");
    }
    Map<String, String> details = details(store);
    if (store.type() == com.comptoir.platform.PlatformSettings.AccountType.CUSTOM) {
      details.put("tos_acceptance[date]", Long.toString(java.time.Instant.now().getEpochSecond()));
      details.put("tos_acceptance[ip]", "127.0.0.1");
      stripe.post("/v1/accounts/" + accountId, null, details);
    } else {
      stripe.post("/v1/accounts/" + accountId, null, details);
      URI link = merchant.get(platform.resolve("/onboarding/start")).next();
      if (!link.toString().contains("/" + accountId + "/")) {
        throw new DemoException("the platform sent " + store.email() + " to " + link + ", not to " + accountId + "'s onboarding");
      }
      URI back = hostedOnboarding(merchant, link, processorUrl, store);
      merchant.get(back); // the return page reads the account back, as the merchant's browser would show it
    }
    return new Merchant(merchant, accountId);
  }

  /** Walks Stripe's hosted pages from the link to the redirect back to the platform, which is returned. */
  private static URI hostedOnboarding(Person holder, URI link, String processorUrl, Store store) {
    Person.Page page = holder.follow(link, processorUrl);
    for (int steps = 0; page.location() == null; steps++) {
      if (steps == 10) {
        throw new DemoException("hosted onboarding of " + store.email() + " did not end: " + page.excerpt());
      }
      String path = page.url().getPath();
      Map<String, String> answer = switch (path) {
        case "/onboarding/verify" -> Map.of("phone", "000 000 0000", "code", "000000");
        case "/onboarding/login" -> Map.of("email", store.email(), "password", DemoStores.DASHBOARD_PASSWORD);
        case "/onboarding/review" -> Map.of("tos", "yes");
        default -> throw new DemoException("hosted onboarding of " + store.email() + " asked at " + path + ": " + page.excerpt());
      };
      page = holder.post(page.url(), answer);
      if (page.status() == 200) {
        throw new DemoException("hosted onboarding of " + store.email() + " refused " + path + ": " + page.excerpt());
      }
      URI next = page.next();
      if (!next.toString().startsWith(processorUrl)) {
        return next;
      }
      page = holder.follow(next, processorUrl);
    }
    return page.next();
  }

  /** What Stripe asks of an individual's account, with its test values (fact sheet §4.2), all but the terms. */
  private static Map<String, String> details(Store store) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("business_type", "individual");
    f.put("business_profile[mcc]", "5999");
    f.put("individual[first_name]", store.firstName());
    f.put("individual[last_name]", store.lastName());
    f.put("individual[email]", store.email());
    f.put("individual[phone]", "0000000000");
    f.put("individual[dob][day]", "1");
    f.put("individual[dob][month]", "1");
    f.put("individual[dob][year]", "1901");
    f.put("individual[address][line1]", "address_full_match");
    f.put("individual[address][city]", store.city());
    f.put("individual[address][postal_code]", store.postalCode());
    f.put("external_account[object]", "bank_account");
    f.put("external_account[country]", store.country());
    f.put("external_account[currency]", store.currency().toLowerCase(java.util.Locale.ROOT));
    switch (store.country()) {
      case "US" -> {
        f.put("individual[address][state]", "CA");
        f.put("individual[id_number]", "000000000");
        f.put("external_account[routing_number]", "110000000");
        f.put("external_account[account_number]", "000123456789");
      }
      case "FR" -> f.put("external_account[account_number]", "FR1420041010050500013M02606");
      case "NL" -> f.put("external_account[account_number]", "NL39RABO0300065264");
      default -> throw new IllegalArgumentException("no test values for " + store.country());
    }
    return f;
  }
}

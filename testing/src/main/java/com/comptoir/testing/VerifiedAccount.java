package com.comptoir.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything Stripe asks of an individual's connected account, with the test values it verifies
 * at once ({@code address_full_match}, id number {@code 000000000}, phone {@code 0000000000}, a
 * test bank account), as form fields for {@code POST /v1/accounts}: the fixture of an account that
 * can take charges and be paid out. Callers change a field to see what a wrong value does.
 */
public final class VerifiedAccount {
  private VerifiedAccount() {}

  /** The fields that complete an existing account in {@code country} (US, FR, DE, NL, BE or AT). */
  public static Map<String, String> completion(String country) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("business_type", "individual");
    f.put("business_profile[mcc]", "5734");
    f.put("business_profile[url]", "https://accessible.stripe.com");
    f.put("individual[first_name]", "Ada");
    f.put("individual[last_name]", "Lovelace");
    f.put("individual[email]", "ada@example.com");
    f.put("individual[phone]", "0000000000");
    f.put("individual[dob][day]", "1");
    f.put("individual[dob][month]", "1");
    f.put("individual[dob][year]", "1901");
    f.put("individual[address][line1]", "address_full_match");
    f.put("tos_acceptance[date]", "1700000000");
    f.put("tos_acceptance[ip]", "127.0.0.1");
    f.put("external_account[object]", "bank_account");
    switch (country) {
      case "US" -> {
        f.put("individual[address][city]", "San Francisco");
        f.put("individual[address][state]", "CA");
        f.put("individual[address][postal_code]", "94103");
        f.put("individual[id_number]", "000000000");
        f.put("external_account[country]", "US");
        f.put("external_account[currency]", "usd");
        f.put("external_account[routing_number]", "110000000");
        f.put("external_account[account_number]", "000123456789");
      }
      case "FR" -> europe(f, "FR", "Paris", "75001", "FR1420041010050500013M02606");
      case "DE" -> europe(f, "DE", "Berlin", "10115", "DE89370400440532013000");
      case "NL" -> europe(f, "NL", "Amsterdam", "1012 JS", "NL39RABO0300065264");
      case "BE" -> europe(f, "BE", "Brussels", "1000", "BE62510007547061");
      case "AT" -> europe(f, "AT", "Vienna", "1010", "AT611904300234573201");
      default -> throw new IllegalArgumentException("no test values for " + country);
    }
    return f;
  }

  /**
   * The fields that create a complete Custom account in {@code country}, with card payments,
   * transfers and {@code capabilities} (e.g. {@code sepa_debit_payments}) requested: what a platform
   * collecting the details itself sends, so the capabilities are {@code active} at once.
   */
  public static Map<String, String> custom(String country, String... capabilities) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("type", "custom");
    f.put("country", country);
    f.put("email", "ada@example.com");
    f.put("capabilities[card_payments][requested]", "true");
    f.put("capabilities[transfers][requested]", "true");
    for (String capability : capabilities) {
      f.put("capabilities[" + capability + "][requested]", "true");
    }
    f.putAll(completion(country));
    return f;
  }

  private static void europe(Map<String, String> f, String country, String city, String postalCode, String iban) {
    f.put("individual[address][city]", city);
    f.put("individual[address][postal_code]", postalCode);
    f.put("external_account[country]", country);
    f.put("external_account[currency]", "eur");
    f.put("external_account[account_number]", iban);
  }
}

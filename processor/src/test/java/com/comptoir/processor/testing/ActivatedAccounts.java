package com.comptoir.processor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

/**
 * Custom accounts created through the API with everything onboarding asks for, so that their
 * requested capabilities are {@code active} at once: what a platform collecting the details itself
 * ends with.
 */
public final class ActivatedAccounts {
  private static final Map<String, String> IBAN = Map.of("FR", "FR1420041010050500013M02606", "DE", "DE89370400440532013000",
      "NL", "NL39RABO0300065264", "BE", "BE62510007547061", "AT", "AT611904300234573201");

  private ActivatedAccounts() {}

  /** The form of an activated Custom account in {@code country} (US, FR, DE, NL, BE or AT) requesting {@code capabilities}. */
  public static Map<String, String> form(String country, String... capabilities) {
    Map<String, String> f = new HashMap<>();
    f.put("type", "custom");
    f.put("country", country);
    f.put("email", "ada@example.com");
    f.put("capabilities[card_payments][requested]", "true");
    f.put("capabilities[transfers][requested]", "true");
    for (String capability : capabilities) {
      f.put("capabilities[" + capability + "][requested]", "true");
    }
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
    f.put("external_account[country]", country);
    if ("US".equals(country)) {
      f.put("individual[address][city]", "San Francisco");
      f.put("individual[address][state]", "CA");
      f.put("individual[address][postal_code]", "94103");
      f.put("individual[id_number]", "000000000");
      f.put("external_account[currency]", "usd");
      f.put("external_account[routing_number]", "110000000");
      f.put("external_account[account_number]", "000123456789");
    } else {
      f.put("individual[address][city]", "Paris");
      f.put("individual[address][postal_code]", "75001");
      f.put("external_account[currency]", "eur");
      f.put("external_account[account_number]", IBAN.get(country));
    }
    return f;
  }

  /** Creates it on {@code platform}'s behalf and checks that charges are on. */
  public static String custom(StripeHttp platform, String country, String... capabilities) {
    StripeHttp.Response r = platform.post("/v1/accounts", form(country, capabilities));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("charges_enabled").asBoolean()).as(r.body()).isTrue();
    return r.json().get("id").asText();
  }
}

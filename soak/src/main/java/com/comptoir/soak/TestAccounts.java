package com.comptoir.soak;

import java.util.LinkedHashMap;
import java.util.Map;

/** Stripe's test values that complete a connected account, as a Custom platform sends them. */
final class TestAccounts {
  private TestAccounts() {}

  /** Everything Stripe asks of an individual's US account, with the values test mode verifies (fact sheet §4.2). */
  static Map<String, String> completion(boolean manualPayouts) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("business_type", "individual");
    f.put("business_profile[mcc]", "5691");
    f.put("business_profile[product_description]", "Clothing and accessories");
    f.put("individual[first_name]", "Ada");
    f.put("individual[last_name]", "Lovelace");
    f.put("individual[email]", "ada@example.com");
    f.put("individual[phone]", "0000000000");
    f.put("individual[dob][day]", "1");
    f.put("individual[dob][month]", "1");
    f.put("individual[dob][year]", "1901");
    f.put("individual[address][line1]", "address_full_match");
    f.put("individual[address][city]", "San Francisco");
    f.put("individual[address][state]", "CA");
    f.put("individual[address][postal_code]", "94103");
    f.put("individual[id_number]", "000000000");
    f.put("tos_acceptance[date]", "1700000000");
    f.put("tos_acceptance[ip]", "127.0.0.1");
    f.put("external_account[object]", "bank_account");
    f.put("external_account[country]", "US");
    f.put("external_account[currency]", "usd");
    f.put("external_account[routing_number]", "110000000");
    f.put("external_account[account_number]", "000123456789");
    if (manualPayouts) {
      f.put("settings[payouts][schedule][interval]", "manual");
    }
    return f;
  }
}

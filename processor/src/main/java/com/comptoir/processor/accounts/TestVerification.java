package com.comptoir.processor.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe's test-mode verification outcomes (fact sheet §4.2): no real check happens; magic values
 * decide. Dates of birth 1901-01-01 and 1902-01-01 pass, 1900-01-01 puts the account on a
 * watchlist, any other fails; {@code address_no_match} and {@code address_line1_no_match} fail the
 * address; id number {@code 111111111} and tax ids {@code 111111111} / {@code 111111112} fail.
 */
final class TestVerification {
  private TestVerification() {}

  /**
   * One failed check.
   *
   * @param blocksCharges false for failures that only stop payouts (a business address that did
   *     not fully match)
   */
  record Failure(String requirement, String code, String reason, boolean blocksCharges) {}

  /** What the checks found for one account. */
  record Outcome(List<Failure> failures, boolean listed) {}

  static void checkPerson(String prefix, JsonNode person, String idNumber, List<Failure> out, boolean[] listed) {
    JsonNode dob = person.path("dob");
    if (dob.path("day").isNumber() && dob.path("month").isNumber() && dob.path("year").isNumber()) {
      int day = dob.get("day").asInt();
      int month = dob.get("month").asInt();
      int year = dob.get("year").asInt();
      if (day == 1 && month == 1 && year == 1900) {
        listed[0] = true;
      } else if (!(day == 1 && month == 1 && (year == 1901 || year == 1902))) {
        out.add(new Failure(prefix + ".dob.day", "verification_failed_keyed_identity",
            "The date of birth could not be verified. In test mode use 1901-01-01.", true));
      }
    }
    if ("111111111".equals(idNumber)) {
      out.add(new Failure(prefix + ".id_number", "verification_failed_id_number_match",
          "The identity number does not match the name and date of birth.", true));
    }
    checkAddress(prefix + ".address", person.path("address"), out);
  }

  static void checkCompany(JsonNode company, String taxId, List<Failure> out) {
    if ("111111111".equals(taxId)) {
      out.add(new Failure("company.tax_id", "verification_failed_tax_id_match",
          "The tax ID does not match the company name.", true));
    } else if ("111111112".equals(taxId)) {
      out.add(new Failure("company.tax_id", "verification_failed_tax_id_not_issued",
          "The tax ID has not been issued.", true));
    }
    checkAddress("company.address", company.path("address"), out);
  }

  private static void checkAddress(String prefix, JsonNode address, List<Failure> out) {
    String line1 = address.path("line1").asText("");
    if ("address_no_match".equals(line1)) {
      out.add(new Failure(prefix + ".line1", "verification_failed_address_match",
          "The address could not be verified; payouts stay paused until it is corrected.", false));
    } else if ("address_line1_no_match".equals(line1)) {
      out.add(new Failure(prefix + ".line1", "verification_failed_address_match",
          "The first line of the address could not be verified.", true));
    }
  }

  static List<Failure> none() {
    return new ArrayList<>();
  }
}

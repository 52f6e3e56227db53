package com.comptoir.processor.testmode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe's test-mode verification outcomes (fact sheet §4.2): no real check happens; magic values
 * decide. Dates of birth 1901-01-01 and 1902-01-01 pass, 1900-01-01 puts the account on a
 * watchlist, any other fails; {@code address_no_match} and {@code address_line1_no_match} fail the
 * address; id number {@code 111111111} and tax ids {@code 111111111} / {@code 111111112} fail.
 */
public final class TestVerification {
  /** The phone verification code hosted onboarding accepts in test mode (as Stripe's {@code 000-000}). */
  public static final String PHONE_CODE = "000000";
  /** Dates of birth that pass (as {@code yyyy-mm-dd}); {@link #WATCHLIST_DOB} puts the account on a watchlist; any other fails. */
  public static final List<String> PASSING_DOBS = List.of("1901-01-01", "1902-01-01");
  public static final String WATCHLIST_DOB = "1900-01-01";
  /** The id number (and SSN) that does not match the person. */
  public static final String FAILING_ID_NUMBER = "111111111";
  public static final String TAX_ID_NO_MATCH = "111111111";
  public static final String TAX_ID_NOT_ISSUED = "111111112";
  /** {@code line1} values: the first stops payouts only, the second charges too. */
  public static final String ADDRESS_NO_MATCH = "address_no_match";
  public static final String ADDRESS_LINE1_NO_MATCH = "address_line1_no_match";

  private TestVerification() {}

  /**
   * One failed check.
   *
   * @param blocksCharges false for failures that only stop payouts (a business address that did
   *     not fully match)
   */
  public record Failure(String requirement, String code, String reason, boolean blocksCharges) {}

  /** What the checks found for one account. */
  public record Outcome(List<Failure> failures, boolean listed) {}

  public static void checkPerson(String prefix, JsonNode person, String idNumber, List<Failure> out, boolean[] listed) {
    JsonNode dob = person.path("dob");
    if (dob.path("day").isNumber() && dob.path("month").isNumber() && dob.path("year").isNumber()) {
      String date = String.format("%04d-%02d-%02d", dob.get("year").asInt(), dob.get("month").asInt(), dob.get("day").asInt());
      if (WATCHLIST_DOB.equals(date)) {
        listed[0] = true;
      } else if (!PASSING_DOBS.contains(date)) {
        out.add(new Failure(prefix + ".dob.day", "verification_failed_keyed_identity",
            "The date of birth could not be verified. In test mode use 1901-01-01.", true));
      }
    }
    if (FAILING_ID_NUMBER.equals(idNumber)) {
      out.add(new Failure(prefix + ".id_number", "verification_failed_id_number_match",
          "The identity number does not match the name and date of birth.", true));
    }
    checkAddress(prefix + ".address", person.path("address"), out);
  }

  public static void checkCompany(JsonNode company, String taxId, List<Failure> out) {
    if (TAX_ID_NO_MATCH.equals(taxId)) {
      out.add(new Failure("company.tax_id", "verification_failed_tax_id_match",
          "The tax ID does not match the company name.", true));
    } else if (TAX_ID_NOT_ISSUED.equals(taxId)) {
      out.add(new Failure("company.tax_id", "verification_failed_tax_id_not_issued",
          "The tax ID has not been issued.", true));
    }
    checkAddress("company.address", company.path("address"), out);
  }

  private static void checkAddress(String prefix, JsonNode address, List<Failure> out) {
    String line1 = address.path("line1").asText("");
    if (ADDRESS_NO_MATCH.equals(line1)) {
      out.add(new Failure(prefix + ".line1", "verification_failed_address_match",
          "The address could not be verified; payouts stay paused until it is corrected.", false));
    } else if (ADDRESS_LINE1_NO_MATCH.equals(line1)) {
      out.add(new Failure(prefix + ".line1", "verification_failed_address_match",
          "The first line of the address could not be verified.", true));
    }
  }

  public static List<Failure> none() {
    return new ArrayList<>();
  }
}

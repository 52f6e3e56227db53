package com.comptoir.processor.accounts;

import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** External bank accounts ({@code ba_}), given inline as {@code external_account[...]}. */
final class BankAccounts {
  private BankAccounts() {}

  static ObjectNode create(String accountId, String accountCountry, Params p, String param) {
    String country = p.string("country").toUpperCase();
    String currency = p.string("currency") != null ? p.string("currency").toLowerCase() : Countries.defaultCurrency(country);
    if (currency == null) {
      throw StripeError.invalidRequest("country_unsupported", param + "[country]", "Bank accounts in " + country + " are not supported.");
    }
    ObjectNode ba = create(accountId, country, currency, p.string("account_number").replace(" ", ""), p.string("routing_number"),
        p.string("account_holder_name"), p.string("account_holder_type"), param + "[account_number]");
    if (p.metadata("metadata") != null) {
      p.metadata("metadata").forEach((k, v) -> ((ObjectNode) ba.get("metadata")).put(k, v));
    }
    return ba;
  }

  /** A bank account from its details, checked as Stripe checks them; {@code param} names the number in errors. */
  static ObjectNode create(String accountId, String country, String currency, String number, String routing, String holderName,
      String holderType, String param) {
    String routingParam = param.replace("account_number", "routing_number");
    if (Countries.IBAN.contains(country)) {
      if (!Iban.isValid(number)) {
        throw StripeError.invalidRequest("account_number_invalid", param,
            "The IBAN you provided (" + mask(number) + ") is invalid.");
      }
    } else if ("US".equals(country)) {
      if (routing == null || !routing.matches("[0-9]{9}")) {
        throw StripeError.invalidRequest("routing_number_invalid", routingParam, "Routing number must have 9 digits.");
      }
      if (!number.matches("[0-9]{4,17}")) {
        throw StripeError.invalidRequest("account_number_invalid", param, "Account number must have 4 to 17 digits.");
      }
    } else if (!number.matches("[0-9A-Z]{4,34}")) {
      throw StripeError.invalidRequest("account_number_invalid", param, "The account number is invalid.");
    }
    ObjectNode ba = Json.object();
    ba.put("id", Ids.next("ba_"));
    ba.put("object", "bank_account");
    ba.put("account", accountId);
    ba.put("account_holder_name", holderName);
    ba.put("account_holder_type", holderType);
    ba.putNull("account_type");
    ba.putArray("available_payout_methods").add("standard");
    ba.put("bank_name", "STRIPE TEST BANK");
    ba.put("country", country);
    ba.put("currency", currency);
    ba.putNull("customer");
    ba.put("default_for_currency", true);
    ba.put("fingerprint", fingerprint(country + ":" + routing + ":" + number));
    ba.set("future_requirements", noRequirements());
    ba.put("last4", number.substring(number.length() - 4));
    ba.putObject("metadata");
    ba.set("requirements", noRequirements());
    ba.put("routing_number", routing);
    ba.put("status", BankAccountStatus.NEW.wire());
    return ba;
  }

  /** A bank account's own requirements (spec {@code external_account_requirements}): none in test mode. */
  private static ObjectNode noRequirements() {
    ObjectNode r = Json.object();
    r.putArray("currently_due");
    r.putArray("errors");
    r.putArray("past_due");
    r.putArray("pending_verification");
    return r;
  }

  private static String mask(String number) {
    return number.length() <= 4 ? number : "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
  }

  private static String fingerprint(String s) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

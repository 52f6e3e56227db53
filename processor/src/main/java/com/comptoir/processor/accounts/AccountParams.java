package com.comptoir.processor.accounts;

import static com.comptoir.processor.api.Shape.array;
import static com.comptoir.processor.api.Shape.bool;
import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Shape;
import com.comptoir.processor.api.Shape.ObjectShape;
import java.util.List;

/** The parameters of {@code /v1/accounts} (spec: {@code PostAccounts}, {@code PostAccountsAccount}). */
final class AccountParams {
  private AccountParams() {}

  static final List<String> CAPABILITIES = List.of(
      "acss_debit_payments", "affirm_payments", "afterpay_clearpay_payments", "au_becs_debit_payments",
      "bacs_debit_payments", "bancontact_payments", "bank_transfer_payments", "blik_payments", "boleto_payments",
      "card_issuing", "card_payments", "cartes_bancaires_payments", "cashapp_payments", "eps_payments", "fpx_payments",
      "giropay_payments", "grabpay_payments", "ideal_payments", "india_international_payments", "jcb_payments",
      "klarna_payments", "konbini_payments", "legacy_payments", "link_payments", "oxxo_payments", "p24_payments",
      "paynow_payments", "promptpay_payments", "sepa_debit_payments", "sofort_payments", "tax_reporting_us_1099_k",
      "tax_reporting_us_1099_misc", "transfers", "treasury", "us_bank_account_ach_payments", "zip_payments");

  static final List<String> BUSINESS_TYPES = List.of("company", "government_entity", "individual", "non_profit");

  static ObjectShape address() {
    return object()
        .field("city", string(100)).field("country", string()).field("line1", string(200))
        .field("line2", string(200)).field("postal_code", string()).field("state", string());
  }

  private static ObjectShape document() {
    return object().field("back", string(500)).field("front", string(500));
  }

  static ObjectShape dob() {
    return object()
        .required("day", integer().min(1).max(31))
        .required("month", integer().min(1).max(12))
        .required("year", integer().min(1900).max(2100));
  }

  static ObjectShape company() {
    return object()
        .field("address", address())
        .field("directors_provided", bool()).field("executives_provided", bool()).field("owners_provided", bool())
        .field("name", string(100)).field("phone", string()).field("registration_number", string())
        .field("structure", oneOf("free_zone_establishment", "free_zone_llc", "government_instrumentality", "governmental_unit",
            "incorporated_non_profit", "incorporated_partnership", "limited_liability_partnership", "llc", "multi_member_llc",
            "private_company", "private_corporation", "private_partnership", "public_company", "public_corporation",
            "public_partnership", "single_member_llc", "sole_establishment", "sole_proprietorship",
            "tax_exempt_government_instrumentality", "unincorporated_association", "unincorporated_non_profit",
            "unincorporated_partnership").emptyable())
        .field("tax_id", string()).field("vat_id", string())
        .field("ownership_declaration", object().field("date", integer()).field("ip", string()).field("user_agent", string()))
        .field("verification", object().field("document", document()));
  }

  static ObjectShape individual() {
    return object()
        .field("address", address())
        .field("dob", dob().emptyable())
        .field("email", string()).field("first_name", string(100)).field("last_name", string(100))
        .field("maiden_name", string()).field("gender", string()).field("id_number", string())
        .field("phone", string()).field("ssn_last_4", string()).field("metadata", metadata())
        .field("political_exposure", oneOf("existing", "none"))
        .field("registered_address", address())
        .field("full_name_aliases", array(string(300)).emptyable())
        .field("verification", object().field("document", document()).field("additional_document", document()));
  }

  /** A person's parameters: an individual's, plus how they relate to the business. */
  static ObjectShape person() {
    return individual()
        .field("nationality", string(2))
        .field("relationship", object()
            .field("director", bool()).field("executive", bool()).field("owner", bool())
            .field("percent_ownership", string().matching("[0-9]{1,3}(\\.[0-9]{1,2})?", "Invalid percent_ownership: %s").emptyable())
            .field("representative", bool()).field("title", string()));
  }

  static ObjectShape businessProfile() {
    return object()
        .field("mcc", string(4)).field("name", string()).field("product_description", string(40000))
        .field("support_address", address()).field("support_email", string()).field("support_phone", string())
        .field("support_url", string().emptyable()).field("url", string())
        .field("monthly_estimated_revenue", object().required("amount", integer().min(0)).required("currency", string()));
  }

  static ObjectShape settings() {
    return object()
        .field("branding", object()
            .field("icon", string().emptyable()).field("logo", string().emptyable())
            .field("primary_color", hexColor()).field("secondary_color", hexColor()))
        .field("card_payments", object()
            .field("decline_on", object().field("avs_failure", bool()).field("cvc_failure", bool()))
            .field("statement_descriptor_prefix", string(10)))
        .field("dashboard", object().field("display_name", string()).field("timezone", string()))
        .field("payments", object().field("statement_descriptor", string(22)))
        .field("payouts", object()
            .field("debit_negative_balances", bool())
            .field("statement_descriptor", string(22))
            .field("schedule", object()
                .field("delay_days", string().matching("minimum|[0-9]{1,3}", "Invalid delay_days: must be 'minimum' or a number of days (was %s)"))
                .field("interval", oneOf("daily", "manual", "monthly", "weekly"))
                .field("monthly_anchor", integer().min(1).max(31))
                .field("weekly_anchor", oneOf("friday", "monday", "saturday", "sunday", "thursday", "tuesday", "wednesday"))));
  }

  private static Shape hexColor() {
    return string().matching("#[0-9a-fA-F]{6}", "Invalid hex color: %s; use a value such as #32325d");
  }

  static ObjectShape tosAcceptance() {
    return object().field("date", integer().min(0)).field("ip", string()).field("service_agreement", oneOf("full", "recipient"))
        .field("user_agent", string());
  }

  static ObjectShape capabilities() {
    ObjectShape shape = object();
    for (String name : CAPABILITIES) {
      shape.field(name, object().field("requested", bool()));
    }
    return shape;
  }

  /** A bank account given inline: {@code external_account[object]=bank_account&...}. */
  static ObjectShape bankAccount() {
    return object()
        .required("object", oneOf("bank_account"))
        .required("country", string())
        .field("currency", string())
        .required("account_number", string())
        .field("routing_number", string())
        .field("account_holder_name", string())
        .field("account_holder_type", oneOf("company", "individual"))
        .field("default_for_currency", bool())
        .field("metadata", metadata());
  }

  /** Shared by create and update. */
  private static ObjectShape common() {
    return object()
        .field("business_profile", businessProfile())
        .field("business_type", oneOf(BUSINESS_TYPES.toArray(String[]::new)).emptyable())
        .field("capabilities", capabilities())
        .field("company", company())
        .field("individual", individual())
        .field("default_currency", string())
        .field("email", string())
        .field("external_account", new ExternalAccountShape())
        .field("metadata", metadata())
        .field("settings", settings())
        .field("tos_acceptance", tosAcceptance())
        .field("account_token", string())
        .field("documents", object());
  }

  static final ObjectShape CREATE = common()
      .field("type", oneOf("custom", "express", "standard"))
      .field("country", string().matching("[A-Za-z]{2}", "Invalid country: %s; use a two-letter ISO code such as US"))
      // Newer API versions describe accounts by controller properties instead of type (fact sheet §3.3).
      .field("controller", object()
          .field("fees", object().field("payer", oneOf("account", "application", "application_custom", "application_express")))
          .field("losses", object().field("payments", oneOf("application", "stripe")))
          .field("requirement_collection", oneOf("application", "stripe"))
          .field("stripe_dashboard", object().field("type", oneOf("express", "full", "none"))));

  static final ObjectShape UPDATE = common();

  static final ObjectShape RETRIEVE = object();

  static final ObjectShape LIST = Lists.params();
}

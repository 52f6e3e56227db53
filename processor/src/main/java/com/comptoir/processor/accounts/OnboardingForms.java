package com.comptoir.processor.accounts;

import com.comptoir.processor.accounts.OnboardingView.Field;
import com.comptoir.processor.accounts.OnboardingView.Option;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.testmode.TestVerification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The fields of each onboarding step: what is asked (country by country), what is prefilled from
 * the account, how answers are checked, and where they are written.
 */
final class OnboardingForms {
  private OnboardingForms() {}

  static final List<Option> INDUSTRIES = List.of(
      new Option("5691", "Clothing and accessories"), new Option("5734", "Software"), new Option("5812", "Restaurants and food"),
      new Option("5942", "Books"), new Option("5945", "Toys and games"), new Option("5977", "Cosmetics and beauty"),
      new Option("5992", "Florists"), new Option("5999", "Other retail"), new Option("7299", "Services"),
      new Option("8299", "Education and courses"));

  private static Field text(String name, String label, String autocomplete) {
    return new Field(name, label, "text", autocomplete, null, true, List.of());
  }

  private static Field optional(String name, String label, String autocomplete) {
    return new Field(name, label, "text", autocomplete, null, false, List.of());
  }

  private static Field hinted(String name, String label, String type, String hint) {
    return new Field(name, label, type, null, hint, true, List.of());
  }

  static List<Field> fields(OnboardingStep step, ObjectNode account) {
    String country = account.path("country").asText();
    boolean us = "US".equals(country);
    boolean company = "company".equals(account.path("business_type").asText());
    List<Field> fields = new ArrayList<>();
    switch (step) {
      case VERIFY -> {
        fields.add(new Field("phone", "Mobile number", "tel", "tel", "We send a code to this number. In test mode use 000 000 0000.", true, List.of()));
        fields.add(hinted("code", "Verification code", "text", "In test mode, enter 000000."));
      }
      case LOGIN -> {
        fields.add(new Field("email", "Email", "email", "username", "You sign in to your Stripe Dashboard with it.", true, List.of()));
        fields.add(new Field("password", "Password", "password", "new-password",
            "At least " + Passwords.MIN_LENGTH + " characters.", true, List.of()));
      }
      case BUSINESS -> {
        fields.add(new Field("business_type", "Type of business", "radio", null, null, true,
            List.of(new Option("individual", "Individual or sole proprietor"), new Option("company", "Company"))));
        fields.add(text("business_name", "Business name (shown to customers)", "organization"));
        fields.add(new Field("mcc", "Industry", "select", null, null, true, INDUSTRIES));
        fields.add(new Field("url", "Website", "url", "url", "Your store's address, or leave empty and describe what you sell.", false, List.of()));
        fields.add(optional("product_description", "What do you sell?", null));
      }
      case PERSON -> {
        fields.add(text("first_name", "First name", "given-name"));
        fields.add(text("last_name", "Last name", "family-name"));
        if (company) {
          fields.add(text("title", "Your job title", "organization-title"));
        }
        fields.add(new Field("email", "Email", "email", "email", null, true, List.of()));
        fields.add(new Field("phone", "Phone", "tel", "tel", null, true, List.of()));
        fields.add(new Field("dob_day", "Date of birth: day", "number", "bday-day", "In test mode 1901-01-01 passes verification.", true, List.of()));
        fields.add(new Field("dob_month", "Date of birth: month", "number", "bday-month", null, true, List.of()));
        fields.add(new Field("dob_year", "Date of birth: year", "number", "bday-year", null, true, List.of()));
        addAddress(fields, "", us, "Home address");
        if (us) {
          fields.add(hinted("ssn_last_4", "Last 4 digits of your Social Security number", "text", "In test mode use 0000."));
        }
      }
      case COMPANY -> {
        fields.add(text("company_name", "Legal business name", "organization"));
        fields.add(hinted("tax_id", us ? "Employer Identification Number (EIN)" : "Company registration number", "text",
            "In test mode 000000000 passes verification."));
        fields.add(new Field("company_phone", "Business phone", "tel", "tel", null, true, List.of()));
        addAddress(fields, "company_", us, "Business address");
      }
      case BANK -> {
        fields.add(text("account_holder_name", "Account holder name", "name"));
        if (Countries.IBAN.contains(country)) {
          fields.add(hinted("iban", "IBAN", "text", "In test mode use " + testIban(country) + "."));
        } else if ("GB".equals(country)) {
          fields.add(hinted("routing_number", "Sort code", "text", "In test mode use 108800."));
          fields.add(hinted("account_number", "Account number", "text", "In test mode use 00012345."));
        } else {
          fields.add(hinted("routing_number", "Routing number", "text", "In test mode use 110000000."));
          fields.add(hinted("account_number", "Account number", "text", "In test mode use 000123456789."));
        }
      }
      case REVIEW -> fields.add(new Field("tos", "I agree to the Stripe Connected Account Agreement", "checkbox", null, null, true, List.of()));
    }
    return fields;
  }

  static String testIban(String country) {
    return switch (country) {
      case "FR" -> "FR1420041010050500013M02606";
      case "NL" -> "NL39RABO0300065264";
      case "BE" -> "BE62510007547061";
      case "AT" -> "AT611904300234573201";
      case "PL" -> "PL61109010140000071219812874";
      case "IE" -> "IE29AIBK93115212345678";
      case "ES" -> "ES0700120345030000067890";
      default -> "DE89370400440532013000";
    };
  }

  private static void addAddress(List<Field> fields, String prefix, boolean us, String what) {
    fields.add(text(prefix + "line1", what + ": street", "address-line1"));
    fields.add(optional(prefix + "line2", what + ": apartment, suite (optional)", "address-line2"));
    fields.add(text(prefix + "city", what + ": city", "address-level2"));
    if (us) {
      fields.add(text(prefix + "state", what + ": state (two letters)", "address-level1"));
    }
    fields.add(text(prefix + "postal_code", what + ": postal code", "postal-code"));
  }

  /** What the account already holds, so a prefilled step only asks the holder to confirm it. */
  static Map<String, String> prefill(OnboardingStep step, AccountState state) {
    ObjectNode a = state.account;
    Map<String, String> v = new LinkedHashMap<>();
    switch (step) {
      case LOGIN -> put(v, "email", a.path("email"));
      case BUSINESS -> {
        put(v, "business_type", a.path("business_type"));
        put(v, "business_name", a.path("business_profile").path("name"));
        put(v, "mcc", a.path("business_profile").path("mcc"));
        put(v, "url", a.path("business_profile").path("url"));
        put(v, "product_description", a.path("business_profile").path("product_description"));
      }
      case PERSON -> {
        JsonNode p = person(state);
        for (String f : List.of("first_name", "last_name", "email", "phone")) {
          put(v, f, p.path(f));
        }
        if (!v.containsKey("email")) {
          put(v, "email", a.path("email"));
        }
        put(v, "title", p.path("relationship").path("title"));
        put(v, "dob_day", p.path("dob").path("day"));
        put(v, "dob_month", p.path("dob").path("month"));
        put(v, "dob_year", p.path("dob").path("year"));
        for (String f : List.of("line1", "line2", "city", "state", "postal_code")) {
          put(v, f, p.path("address").path(f));
        }
      }
      case COMPANY -> {
        put(v, "company_name", a.path("company").path("name"));
        if (!v.containsKey("company_name")) {
          put(v, "company_name", a.path("business_profile").path("name"));
        }
        put(v, "company_phone", a.path("company").path("phone"));
        for (String f : List.of("line1", "line2", "city", "state", "postal_code")) {
          put(v, "company_" + f, a.path("company").path("address").path(f));
        }
      }
      default -> { }
    }
    return v;
  }

  private static void put(Map<String, String> values, String name, JsonNode node) {
    if (!node.isMissingNode() && !node.isNull() && !node.asText().isBlank()) {
      values.put(name, node.asText());
    }
  }

  /** The person this step is about: the individual, or the company's representative (maybe not created yet). */
  static JsonNode person(AccountState state) {
    if ("company".equals(state.account.path("business_type").asText())) {
      return state.persons.stream().filter(p -> p.path("relationship").path("representative").asBoolean(false))
          .findFirst().map(p -> (JsonNode) p).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }
    return state.account.path("individual");
  }

  /** Checks what was typed; returns field → message for everything wrong. */
  /** @param nowMillis the processor clock: "old enough" is judged on its date, not the machine's */
  static Map<String, String> check(OnboardingStep step, ObjectNode account, Map<String, String> in, long nowMillis) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (Field f : fields(step, account)) {
      String value = in.getOrDefault(f.name(), "").strip();
      if (f.required() && value.isEmpty()) {
        errors.put(f.name(), f.isCheckbox() ? "Please accept the agreement to continue." : "Enter " + lower(f.label()) + ".");
      }
    }
    String country = account.path("country").asText();
    switch (step) {
      case VERIFY -> {
        if (!in.getOrDefault("phone", "").isBlank() && !in.get("phone").replaceAll("[\\s().-]", "").matches("\\+?[0-9]{6,15}")) {
          errors.put("phone", "Enter a phone number, such as 000 000 0000.");
        }
        if (!in.getOrDefault("code", "").isBlank() && !in.get("code").replaceAll("[\\s-]", "").equals(TestVerification.PHONE_CODE)) {
          errors.put("code", "That code is not right. In test mode, the code is " + TestVerification.PHONE_CODE + ".");
        }
      }
      case LOGIN -> {
        if (!in.getOrDefault("email", "").isBlank() && !isEmail(in.get("email"))) {
          errors.put("email", "Enter an email address, such as name@example.com.");
        }
        if (!errors.containsKey("password")) {
          String problem = Passwords.problemWith(in.get("password"), in.get("email"));
          if (problem != null) {
            errors.put("password", problem);
          }
        }
      }
      case BUSINESS -> {
        if (!errors.containsKey("business_type") && !List.of("individual", "company").contains(in.get("business_type"))) {
          errors.put("business_type", "Choose the type of business.");
        }
        if (!in.getOrDefault("mcc", "").isEmpty() && INDUSTRIES.stream().noneMatch(o -> o.value().equals(in.get("mcc")))) {
          errors.put("mcc", "Choose an industry from the list.");
        }
        String url = in.getOrDefault("url", "").strip();
        // a web address: a dotted host, or any host with its scheme (the API takes http://localhost:8080/s/shop too)
        if (!url.isEmpty() && !url.matches("(?i)(https?://)?[a-z0-9.-]+\\.[a-z]{2,}(:[0-9]{1,5})?(/\\S*)?")
            && !url.matches("(?i)https?://[a-z0-9.-]+(:[0-9]{1,5})?(/\\S*)?")) {
          errors.put("url", "Enter a web address, such as https://example.com.");
        }
        if (url.isEmpty() && in.getOrDefault("product_description", "").isBlank()) {
          errors.put("url", "Enter your website, or describe what you sell.");
        }
      }
      case PERSON -> {
        if (!in.getOrDefault("email", "").isBlank() && !isEmail(in.get("email"))) {
          errors.put("email", "Enter an email address, such as name@example.com.");
        }
        if (!errors.containsKey("dob_day") && !errors.containsKey("dob_month") && !errors.containsKey("dob_year")) {
          try {
            LocalDate dob = LocalDate.of(Integer.parseInt(in.get("dob_year").strip()), Integer.parseInt(in.get("dob_month").strip()),
                Integer.parseInt(in.get("dob_day").strip()));
            if (dob.getYear() < 1900 || dob.isAfter(LocalDate.ofInstant(java.time.Instant.ofEpochMilli(nowMillis), java.time.ZoneOffset.UTC).minusYears(13))) {
              errors.put("dob_year", "Enter a real date of birth.");
            }
          } catch (NumberFormatException | DateTimeException e) {
            errors.put("dob_day", "Enter a real date: day, month and year as numbers.");
          }
        }
        checkAddress("", in, country, errors);
        if (in.containsKey("ssn_last_4") && !in.get("ssn_last_4").isBlank() && !in.get("ssn_last_4").strip().matches("[0-9]{4}")) {
          errors.put("ssn_last_4", "Enter the last 4 digits, such as 0000.");
        }
      }
      case COMPANY -> {
        checkAddress("company_", in, country, errors);
        if (!in.getOrDefault("tax_id", "").isBlank() && !in.get("tax_id").replaceAll("[\\s-]", "").matches("[0-9A-Za-z]{5,20}")) {
          errors.put("tax_id", "Enter the number as it is written on your registration, such as 000000000.");
        }
      }
      case BANK -> {
        if (Countries.IBAN.contains(country)) {
          String iban = in.getOrDefault("iban", "").replace(" ", "");
          if (!iban.isEmpty() && !Iban.isValid(iban)) {
            errors.put("iban", "That IBAN is not valid: check it for a typo.");
          } else if (!iban.isEmpty() && !iban.toUpperCase().startsWith(country)) {
            errors.put("iban", "Use a bank account in " + country + ".");
          }
        } else {
          String routing = in.getOrDefault("routing_number", "").replaceAll("[\\s-]", "");
          String number = in.getOrDefault("account_number", "").replaceAll("[\\s-]", "");
          boolean gb = "GB".equals(country);
          if (!routing.isEmpty() && !routing.matches(gb ? "[0-9]{6}" : "[0-9]{9}")) {
            errors.put("routing_number", gb ? "A sort code has 6 digits." : "A routing number has 9 digits.");
          }
          if (!number.isEmpty() && !number.matches(gb ? "[0-9]{8}" : "[0-9]{4,17}")) {
            errors.put("account_number", gb ? "A UK account number has 8 digits." : "An account number has 4 to 17 digits.");
          }
        }
      }
      case REVIEW -> { }
    }
    return errors;
  }

  private static boolean isEmail(String value) {
    return value.strip().length() <= 254 && value.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  }

  private static void checkAddress(String prefix, Map<String, String> in, String country, Map<String, String> errors) {
    if ("US".equals(country) && !in.getOrDefault(prefix + "state", "").isBlank()
        && !in.get(prefix + "state").strip().matches("[A-Za-z]{2}")) {
      errors.put(prefix + "state", "Enter the two-letter state code, such as CA.");
    }
  }

  private static String lower(String label) {
    return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
  }

  /** Writes a checked step into the account (and its representative), ready for {@link AccountState#save}. */
  static void apply(Handle h, OnboardingStep step, AccountState state, Map<String, String> in, long now) {
    ObjectNode a = state.account;
    switch (step) {
      case BUSINESS -> {
        a.put("business_type", in.get("business_type"));
        ObjectNode profile = (ObjectNode) a.get("business_profile");
        profile.put("name", in.get("business_name").strip());
        profile.put("mcc", in.get("mcc"));
        String url = in.getOrDefault("url", "").strip();
        profile.put("url", url.isEmpty() ? null : url.matches("(?i)https?://.*") ? url : "https://" + url);
        String description = in.getOrDefault("product_description", "").strip();
        profile.put("product_description", description.isEmpty() ? null : description);
      }
      case PERSON -> applyPerson(h, state, in, now);
      case COMPANY -> {
        ObjectNode company = a.get("company") instanceof ObjectNode c ? c : a.putObject("company");
        company.put("name", in.get("company_name").strip());
        company.put("phone", in.get("company_phone").strip());
        writeAddress(company, "company_", in);
        state.sensitive.put("company.tax_id", in.get("tax_id").replaceAll("[\\s-]", ""));
        company.put("tax_id_provided", true);
      }
      case BANK -> {
        String country = a.path("country").asText();
        boolean iban = Countries.IBAN.contains(country);
        String number = iban ? in.get("iban").replace(" ", "").toUpperCase() : in.get("account_number").replaceAll("[\\s-]", "");
        ObjectNode bank = BankAccounts.create(state.id(), country, Countries.defaultCurrency(country), number,
            iban ? null : in.get("routing_number").replaceAll("[\\s-]", ""), in.get("account_holder_name").strip(),
            "company".equals(a.path("business_type").asText()) ? "company" : "individual", "account_number");
        ArrayNode data = (ArrayNode) a.get("external_accounts").get("data");
        data.removeAll();
        data.add(bank);
      }
      case REVIEW, VERIFY, LOGIN -> { } // the login is not part of the account document: HostedOnboarding keeps it
    }
  }

  private static void applyPerson(Handle h, AccountState state, Map<String, String> in, long now) {
    boolean company = "company".equals(state.account.path("business_type").asText());
    ObjectNode person;
    String prefix;
    if (company) {
      JsonNode existing = person(state);
      if (existing instanceof ObjectNode p) {
        person = p;
      } else {
        person = PersonDocument.blank(Ids.next("person_"), state.id(), now);
        ResourceStore.insert(h, state.id(), person);
        state.persons.add(person);
      }
      ObjectNode relationship = (ObjectNode) person.get("relationship");
      relationship.put("representative", true);
      relationship.put("executive", true);
      relationship.put("title", in.getOrDefault("title", "").strip());
      prefix = person.get("id").asText();
    } else {
      person = PersonDocument.ensurePerson(state.account, Ids.next("person_"));
      prefix = "individual";
    }
    for (String f : List.of("first_name", "last_name", "email", "phone")) {
      person.put(f, in.get(f).strip());
    }
    ObjectNode dob = person.putObject("dob");
    dob.put("day", Integer.parseInt(in.get("dob_day").strip()));
    dob.put("month", Integer.parseInt(in.get("dob_month").strip()));
    dob.put("year", Integer.parseInt(in.get("dob_year").strip()));
    writeAddress(person, "", in);
    if (in.containsKey("ssn_last_4") && !in.get("ssn_last_4").isBlank()) {
      state.sensitive.put(prefix + ".ssn_last_4", in.get("ssn_last_4").strip());
      person.put("ssn_last_4_provided", true);
    }
    if (company) {
      ResourceStore.update(h, person);
    }
  }

  private static void writeAddress(ObjectNode owner, String prefix, Map<String, String> in) {
    ObjectNode address = owner.putObject("address");
    for (String f : List.of("city", "country", "line1", "line2", "postal_code", "state")) {
      String value = in.getOrDefault(prefix + f, "").strip();
      address.put(f, value.isEmpty() ? null : "state".equals(f) ? value.toUpperCase() : value);
    }
  }
}

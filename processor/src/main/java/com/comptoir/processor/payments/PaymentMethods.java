package com.comptoir.processor.payments;

import static com.comptoir.processor.api.Shape.integer;
import static com.comptoir.processor.api.Shape.metadata;
import static com.comptoir.processor.api.Shape.object;
import static com.comptoir.processor.api.Shape.oneOf;
import static com.comptoir.processor.api.Shape.string;

import com.comptoir.processor.api.Lists;
import com.comptoir.processor.api.Params;
import com.comptoir.processor.api.Shape.ObjectShape;
import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.comptoir.processor.store.ResourceStore;
import com.comptoir.processor.testmode.TestCards;
import com.comptoir.processor.testmode.TestIbans;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * PaymentMethods ({@code pm_}): a card, a SEPA debit mandate's bank account, or a bank redirect
 * method. Made from {@code payment_method_data}, from a {@code pm_card_*} / {@code tok_*} test
 * shortcut, or by {@code POST /v1/payment_methods}. The full card number is never stored.
 */
public final class PaymentMethods {
  static final List<String> REDIRECT_TYPES = List.of("ideal", "bancontact", "eps", "p24", "sofort");
  static final List<String> TYPES = List.of("card", "sepa_debit", "ideal", "bancontact", "eps", "p24", "sofort");

  static ObjectShape dataShape() {
    return object()
        .required("type", oneOf(TYPES.toArray(String[]::new)))
        .field("card", object().required("number", string(19)).field("exp_month", integer().min(1).max(12))
            .field("exp_year", integer().min(2000).max(2100)).field("cvc", string(4)))
        .field("sepa_debit", object().required("iban", string(34)))
        .field("ideal", object().field("bank", string()))
        .field("bancontact", object())
        .field("eps", object().field("bank", string()))
        .field("p24", object().field("bank", string()))
        .field("sofort", object().field("country", string(2)))
        .field("billing_details", object().field("name", string()).field("email", string()).field("phone", string())
            .field("address", object().field("city", string()).field("country", string()).field("line1", string())
                .field("line2", string()).field("postal_code", string()).field("state", string())))
        .field("metadata", metadata());
  }

  private PaymentMethods() {}

  public static void register(StripeApi api) {
    api.post("/v1/payment_methods", dataShape(), (r, h) -> save(h, r.caller().accountId(), fromData(r.params(), r.now(), "")));
    api.get("/v1/payment_methods/{id}", object(), (r, h) -> ResourceStore.findJson(h, r.caller().accountId(), r.pathParam("id"), "payment_method")
        .map(Json::parseObject).orElseThrow(() -> StripeError.noSuch("payment_method", r.pathParam("id"), "id")));
    api.get("/v1/payment_methods", Lists.params().field("type", oneOf(TYPES.toArray(String[]::new))).field("customer", string()),
        (r, h) -> {
          Lists.Filter filter = r.params().string("type") == null ? Lists.Filter.NONE
              : Lists.Filter.NONE.and("(r.body ->> 'type') = :type", "type", r.params().string("type"));
          return Lists.page(h, r.params(), r.caller().accountId(), "payment_method", "/v1/payment_methods", filter);
        });
  }

  /** A PaymentMethod for {@code id} on this account: a stored one, or a test shortcut made into one. */
  static ObjectNode resolve(Handle h, String owner, String id, long now, String param) {
    PaymentMethodChoice choice = choose(h, owner, id, now, param);
    if (choice.unstored()) {
      choice.store(h);
    }
    return choice.paymentMethod();
  }

  /** {@link #resolve}, leaving a test shortcut's new PaymentMethod for the caller to store. */
  static PaymentMethodChoice choose(Handle h, String owner, String id, long now, String param) {
    String shortcut = id.startsWith("pm_card_") ? id.substring(8) : id.startsWith("tok_") ? id.substring(4) : null;
    if (shortcut != null && TestCards.SHORTCUTS.containsKey(shortcut)) {
      // valid for three more years on the processor clock, however far it has been advanced
      int year = java.time.Instant.ofEpochSecond(now).atZone(java.time.ZoneOffset.UTC).getYear() + 3;
      return PaymentMethodChoice.made(owner, card(TestCards.SHORTCUTS.get(shortcut), 12, year, null, now, param));
    }
    if (id.matches("pm_(success|successDelayed|failed|failedDelayed|disputed)_[a-z]{2}")) {
      String country = id.substring(id.length() - 2).toUpperCase();
      String kind = id.substring(3, id.length() - 3);
      String iban = TestIbans.iban(kind, country);
      if (iban == null) {
        throw StripeError.noSuch("PaymentMethod", "pm_" + kind + "_" + country.toLowerCase(), param);
      }
      return PaymentMethodChoice.made(owner, sepa(iban, null, now));
    }
    return PaymentMethodChoice.stored(owner, ResourceStore.findJson(h, owner, id, "payment_method").map(Json::parseObject)
        .orElseThrow(() -> StripeError.noSuch("PaymentMethod", id, param)));
  }

  /** A PaymentMethod from {@code payment_method_data}; {@code param} prefixes error names. */
  static ObjectNode fromData(Params p, long now, String param) {
    String type = p.string("type");
    ObjectNode pm = switch (type) {
      case "card" -> {
        Params card = p.object("card");
        if (card == null) {
          throw StripeError.missing(param + "card");
        }
        Long month = card.integer("exp_month");
        Long year = card.integer("exp_year");
        if (month == null) {
          throw StripeError.missing(param + "card[exp_month]");
        }
        if (year == null) {
          throw StripeError.missing(param + "card[exp_year]");
        }
        yield card(card.string("number").replace(" ", ""), month.intValue(), year.intValue(), card.string("cvc"), now, param + "card[number]");
      }
      case "sepa_debit" -> {
        Params sepa = p.object("sepa_debit");
        if (sepa == null) {
          throw StripeError.missing(param + "sepa_debit[iban]");
        }
        yield sepa(sepa.string("iban").replace(" ", "").toUpperCase(), param + "sepa_debit[iban]", now);
      }
      default -> redirect(type, p.object(type), now);
    };
    Params billing = p.object("billing_details");
    if (billing != null) {
      ObjectNode details = (ObjectNode) pm.get("billing_details");
      for (String f : List.of("name", "email", "phone")) {
        if (billing.string(f) != null) {
          details.put(f, billing.string(f));
        }
      }
      Params address = billing.object("address");
      if (address != null) {
        for (String f : List.of("city", "country", "line1", "line2", "postal_code", "state")) {
          if (address.string(f) != null) {
            ((ObjectNode) details.get("address")).put(f, address.string(f));
          }
        }
      }
    }
    if (p.metadata("metadata") != null) {
      p.metadata("metadata").forEach((k, v) -> ((ObjectNode) pm.get("metadata")).put(k, v));
    }
    return pm;
  }

  static ObjectNode card(String number, int expMonth, int expYear, String cvc, long now, String param) {
    if (!number.matches("[0-9]{12,19}") || !TestCards.luhn(number)) {
      throw new StripeError(402, "card_error", "incorrect_number", param, "Your card number is incorrect.");
    }
    if (cvc != null && !cvc.matches("[0-9]{3,4}")) {
      throw new StripeError(402, "card_error", "invalid_cvc", param.replace("[number]", "[cvc]"), "Your card's security code is invalid.");
    }
    java.time.YearMonth expiry = java.time.YearMonth.of(expYear, expMonth);
    java.time.YearMonth today = java.time.YearMonth.from(java.time.Instant.ofEpochSecond(now).atZone(java.time.ZoneOffset.UTC)); // processor clock
    if (expiry.isBefore(today)) {
      throw new StripeError(402, "card_error", "invalid_expiry_year", param.replace("[number]", "[exp_year]"), "Your card's expiration year is in the past.");
    }
    ObjectNode pm = base("card", now);
    ObjectNode card = pm.putObject("card");
    card.put("brand", TestCards.brand(number));
    ObjectNode checks = card.putObject("checks");
    checks.putNull("address_line1_check");
    checks.putNull("address_postal_code_check");
    checks.put("cvc_check", cvc == null ? null : "unchecked");
    card.put("country", TestCards.behavior(number).country());
    card.put("display_brand", TestCards.brand(number));
    card.put("exp_month", expMonth);
    card.put("exp_year", expYear);
    card.put("fingerprint", fingerprint(number));
    card.put("funding", TestCards.funding(number));
    card.putNull("generated_from");
    card.put("last4", number.substring(number.length() - 4));
    ObjectNode networks = card.putObject("networks");
    networks.putArray("available").add(TestCards.brand(number));
    networks.putNull("preferred");
    ObjectNode secure = card.putObject("three_d_secure_usage");
    secure.put("supported", true);
    card.putNull("wallet");
    // Only Stripe's published test numbers are kept (they decide the outcome); any other number is not.
    pm.put(INSTRUMENT, TestCards.isTestNumber(number) ? number : "country:" + TestCards.behavior(number).country());
    return pm;
  }

  static ObjectNode sepa(String iban, String param, long now) {
    if (!com.comptoir.processor.accounts.Iban.isValid(iban)) {
      throw StripeError.invalidRequest("invalid_bank_account_iban", param, "The IBAN you provided is invalid.");
    }
    ObjectNode pm = base("sepa_debit", now);
    ObjectNode sepa = pm.putObject("sepa_debit");
    sepa.put("bank_code", iban.substring(4, Math.min(12, iban.length())));
    sepa.putNull("branch_code");
    sepa.put("country", iban.substring(0, 2));
    sepa.put("fingerprint", fingerprint(iban));
    ObjectNode generated = sepa.putObject("generated_from");
    generated.putNull("charge");
    generated.putNull("setup_attempt");
    sepa.put("last4", iban.substring(iban.length() - 4));
    pm.put(INSTRUMENT, iban);
    return pm;
  }

  static ObjectNode redirect(String type, Params details, long now) {
    ObjectNode pm = base(type, now);
    ObjectNode node = pm.putObject(type);
    switch (type) {
      case "ideal" -> {
        node.put("bank", details == null || details.string("bank") == null ? "ing" : details.string("bank"));
        node.putNull("bic");
      }
      case "eps", "p24" -> node.put("bank", details == null ? null : details.string("bank"));
      case "sofort" -> node.put("country", details == null || details.string("country") == null ? "DE" : details.string("country"));
      default -> { }
    }
    return pm;
  }

  private static ObjectNode base(String type, long now) {
    ObjectNode pm = Json.object();
    pm.put("id", Ids.next("pm_"));
    pm.put("object", "payment_method");
    ObjectNode billing = pm.putObject("billing_details");
    billing.set("address", nullAddress());
    billing.putNull("email");
    billing.putNull("name");
    billing.putNull("phone");
    pm.put("created", now);
    pm.putNull("customer");
    pm.put("livemode", false);
    pm.putObject("metadata");
    pm.put("type", type);
    return pm;
  }

  static ObjectNode nullAddress() {
    ObjectNode address = Json.object();
    for (String f : List.of("city", "country", "line1", "line2", "postal_code", "state")) {
      address.putNull(f);
    }
    return address;
  }

  /** Stores a new PaymentMethod, keeping what it does when charged apart from what it shows. */
  static ObjectNode save(Handle h, String owner, ObjectNode pm) {
    String instrument = takeInstrument(pm);
    // The object as ResourceStore stores it and its instrument in one statement (they were two
    // round trips on every card payment that brings its own card).
    h.createUpdate("WITH stored AS (" + ResourceStore.INSERT + ") INSERT INTO payment_method_instruments (id, instrument) VALUES (:id, :i)")
        .bind("id", pm.get("id").asText()).bind("owner", owner).bind("object", pm.get("object").asText())
        .bind("created", pm.path("created").asLong()).bind("body", Json.write(pm)).bind("i", instrument).execute();
    remember(pm.get("id").asText(), instrument);
    return pm;
  }

  /** Takes the instrument out of a PaymentMethod being made: it is stored apart and never shown. */
  static String takeInstrument(ObjectNode pm) {
    var kept = pm.remove(INSTRUMENT);
    return kept == null ? pm.get("type").asText() : kept.asText(); // a bank redirect has no number
  }

  /** A PaymentMethod was stored with {@code instrument}: remembered for its confirmation. */
  static void remember(String pmId, String instrument) {
    INSTRUMENTS.put(pmId, instrument);
  }

  /**
   * Instruments by PaymentMethod id, remembered as they are saved: a PaymentMethod is usually
   * confirmed right after it is made, and its instrument never changes. Ids are random, so an
   * entry from a rolled-back save is never asked for; a miss reads the table.
   */
  private static final Cache<String, String> INSTRUMENTS = Caffeine.newBuilder().maximumSize(10_000).build();

  /** The test card number or IBAN behind a PaymentMethod (see {@link TestCards#behavior}). */
  static String instrument(Handle h, String pmId) {
    String known = INSTRUMENTS.getIfPresent(pmId);
    if (known != null) {
      return known;
    }
    return h.createQuery("SELECT instrument FROM payment_method_instruments WHERE id = :id").bind("id", pmId)
        .mapTo(String.class).findOne().orElse("4242424242424242");
  }

  /** Set while a PaymentMethod is being made; moved to its own table by {@link #save}. */
  private static final String INSTRUMENT = "_instrument";

  private static String fingerprint(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

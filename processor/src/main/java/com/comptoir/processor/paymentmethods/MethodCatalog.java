package com.comptoir.processor.paymentmethods;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The payment methods this processor takes, as data (fact sheet §6.5): each method's capability,
 * the currencies it can charge, which countries' accounts can have it, and how relevant it is to a
 * customer. Everything that decides which methods an account may offer reads this one table.
 */
public final class MethodCatalog {
  /** One payment method type and what it needs. An empty {@code currencies} means every currency. */
  public record Method(String type, String label, String capability, List<String> currencies, boolean delayed) {
    public boolean fits(String currency) {
      return currencies.isEmpty() || currencies.contains(currency);
    }
  }

  /** In Stripe's order (its Dashboard and {@code payment_method_configuration} list them so). */
  public static final List<Method> METHODS = List.of(
      new Method("card", "Card", "card_payments", List.of(), false),
      new Method("bancontact", "Bancontact", "bancontact_payments", List.of("eur"), false),
      new Method("eps", "EPS", "eps_payments", List.of("eur"), false),
      new Method("ideal", "iDEAL", "ideal_payments", List.of("eur"), false),
      new Method("p24", "Przelewy24", "p24_payments", List.of("eur", "pln"), false),
      new Method("sepa_debit", "SEPA Direct Debit", "sepa_debit_payments", List.of("eur"), true),
      new Method("sofort", "Sofort", "sofort_payments", List.of("eur"), true));

  public static final List<String> TYPES = METHODS.stream().map(Method::type).toList();

  /** The European methods, which businesses in the EEA and the United Kingdom can all accept. */
  private static final Set<String> EUROPEAN = Set.of(
      "bancontact_payments", "eps_payments", "ideal_payments", "p24_payments", "sepa_debit_payments", "sofort_payments");

  /**
   * The payment-method capabilities an account in each supported country can have, beside
   * {@code card_payments} and {@code transfers} (Stripe's "business locations" per method): every
   * European method in the EEA and GB; in the US all but Sofort, which Stripe never opened there.
   */
  private static final Map<String, Set<String>> BY_COUNTRY = Map.of(
      "US", Set.of("bancontact_payments", "eps_payments", "ideal_payments", "p24_payments", "sepa_debit_payments"),
      "FR", EUROPEAN, "DE", EUROPEAN, "NL", EUROPEAN, "BE", EUROPEAN, "AT", EUROPEAN, "PL", EUROPEAN,
      "GB", EUROPEAN, "IE", EUROPEAN, "ES", EUROPEAN);

  /** The method its customers expect first, by customer country (Stripe's local-method ranking). */
  private static final Map<String, String> LOCAL = Map.of("NL", "ideal", "BE", "bancontact", "AT", "eps", "PL", "p24", "DE", "sofort");

  private MethodCatalog() {}

  public static Optional<Method> method(String type) {
    return METHODS.stream().filter(m -> m.type().equals(type)).findFirst();
  }

  /** The method whose capability is {@code capability}, if it is one of ours. */
  public static Optional<Method> byCapability(String capability) {
    return METHODS.stream().filter(m -> m.capability().equals(capability)).findFirst();
  }

  /** Every capability an account in {@code country} can hold: cards and transfers, then its payment methods. */
  public static Set<String> capabilitiesIn(String country) {
    Set<String> all = new LinkedHashSet<>(List.of("card_payments", "transfers"));
    METHODS.stream().map(Method::capability).filter(BY_COUNTRY.getOrDefault(country, Set.of())::contains).forEach(all::add);
    return all;
  }

  /**
   * What Stripe gives a Standard account when it is created: cards and transfers, as its fixture
   * account in the US has (fact sheet §3.2); in Europe also the European methods, which Stripe
   * turns on by default for businesses there.
   */
  public static Set<String> standardCapabilitiesIn(String country) {
    return "US".equals(country) ? new LinkedHashSet<>(List.of("card_payments", "transfers")) : capabilitiesIn(country);
  }

  /** Whether {@code capability} is one Stripe restricts by country and {@code country} is not among them. */
  public static boolean unavailableIn(String capability, String country) {
    return byCapability(capability).isPresent() && !capabilitiesIn(country).contains(capability);
  }

  public static boolean fits(String type, String currency) {
    return method(type).map(m -> m.fits(currency)).orElse(false);
  }

  /**
   * {@code types} most relevant first for a customer in {@code country} paying in {@code currency}:
   * the customer's local method; then Przelewy24 for złoty; then cards; then SEPA Direct Debit, which
   * every euro-area customer can use; then the rest in Stripe's order.
   */
  public static List<String> byRelevance(List<String> types, String currency, String country) {
    String local = LOCAL.get(country == null ? "" : country.toUpperCase());
    List<String> ordered = new ArrayList<>(types);
    ordered.sort(Comparator.comparingInt((String t) -> t.equals(local) ? 0
        : "pln".equals(currency) && "p24".equals(t) ? 1
        : "card".equals(t) ? 2 : "sepa_debit".equals(t) ? 3 : 4 + TYPES.indexOf(t)));
    return ordered;
  }
}

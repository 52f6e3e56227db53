package com.comptoir.platform.paymentmethods;

import java.util.List;
import java.util.Set;

/**
 * The payment methods Stripe's guide assumes a store builder turns on, with what each needs: its
 * Connect capability, the currencies it charges, and the countries whose businesses can have it
 * (Stripe's "business locations" per method). The platform keeps its own copy: it knows Stripe only
 * through the API.
 */
public final class GuideMethods {
  /** One method; an empty {@code currencies} takes every currency. */
  public record Method(String type, String label, String capability, List<String> currencies) {
    public boolean charges(String currency) {
      return currencies.isEmpty() || currencies.contains(currency);
    }

    /** The currencies in words, for a merchant whose prices are in another one. */
    public String currenciesInWords() {
      return currencies.equals(List.of("eur")) ? "euros" : "euros and złoty";
    }
  }

  public static final List<Method> ALL = List.of(
      new Method("card", "Cards", "card_payments", List.of()),
      new Method("bancontact", "Bancontact", "bancontact_payments", List.of("eur")),
      new Method("eps", "EPS", "eps_payments", List.of("eur")),
      new Method("ideal", "iDEAL", "ideal_payments", List.of("eur")),
      new Method("p24", "Przelewy24", "p24_payments", List.of("eur", "pln")),
      new Method("sepa_debit", "SEPA Direct Debit", "sepa_debit_payments", List.of("eur")),
      new Method("sofort", "Sofort", "sofort_payments", List.of("eur")));

  /** Stripe never opened Sofort to businesses in the United States; the rest are open to every country a store can be in. */
  private static final Set<String> NOT_IN_US = Set.of("sofort_payments");

  private GuideMethods() {}

  /** Whether a business in {@code country} can have {@code method} at all. */
  public static boolean offeredIn(Method method, String country) {
    return !("US".equals(country) && NOT_IN_US.contains(method.capability()));
  }

  /** The payment-method capabilities (besides cards) to request for an Express or Custom account in {@code country}. */
  public static List<String> capabilitiesToRequest(String country) {
    return ALL.stream().filter(m -> !"card".equals(m.type()) && offeredIn(m, country)).map(Method::capability).toList();
  }
}

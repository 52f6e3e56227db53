package com.comptoir.platform.stores;

import java.util.List;
import java.util.Optional;

/**
 * Where a store's business can be: the country of its connected account, chosen at sign-up and
 * fixed after, since Stripe never changes an account's country (fact sheet §3.2).
 */
public final class Countries {
  private Countries() {}

  /** @param defaultCurrency what a new store in this country sells in until the merchant changes it */
  public record Country(String code, String name, String defaultCurrency) {}

  private static final List<Country> ALL = List.of(
      new Country("AT", "Austria", "eur"),
      new Country("BE", "Belgium", "eur"),
      new Country("FR", "France", "eur"),
      new Country("DE", "Germany", "eur"),
      new Country("IE", "Ireland", "eur"),
      new Country("NL", "Netherlands", "eur"),
      new Country("PL", "Poland", "pln"),
      new Country("ES", "Spain", "eur"),
      new Country("GB", "United Kingdom", "gbp"),
      new Country("US", "United States", "usd"));

  public static List<Country> all() {
    return ALL;
  }

  public static Optional<Country> find(String code) {
    return ALL.stream().filter(c -> c.code().equalsIgnoreCase(code == null ? "" : code)).findFirst();
  }

  public static String name(String code) {
    return find(code).map(Country::name).orElse(code);
  }
}

package com.comptoir.cli.demo;

import com.comptoir.platform.PlatformSettings.AccountType;
import java.awt.Color;
import java.util.List;

/**
 * The demo's businesses: one per account type the guide names, in three countries. Their people
 * and places are invented; their bank details and identity values are Stripe's test values (fact
 * sheet §4.2, §6.4), which verify at once.
 */
final class DemoStores {
  static final String MERCHANT_PASSWORD = "demo merchant password";
  static final String DASHBOARD_PASSWORD = "demo dashboard password";

  record Product(String name, String description, String price, Color color) {}

  record Store(String name, String slug, String country, AccountType type, String email, String firstName, String lastName,
      String city, String postalCode, String color, List<Product> products) {
    String currency() {
      return "US".equals(country) ? "USD" : "EUR";
    }
  }

  static final Store FRANCE = new Store("Maison Lumière", "maison-lumiere", "FR", AccountType.STANDARD,
      "camille@maison-lumiere.example", "Camille", "Durand", "Paris", "75011", "#8c2f39", List.of(
          new Product("Beeswax candle", "Hand-poured in Lyon, burns for 40 hours.", "24.00", new Color(0xe0, 0xa1, 0x3a)),
          new Product("Linen tea towel", "Stonewashed French linen, 50 by 70 cm.", "16.50", new Color(0x5b, 0x7d, 0x8c)),
          new Product("Stoneware mug", "Glazed by hand in Burgundy.", "19.00", new Color(0x6d, 0x8b, 0x5e))));
  static final Store NETHERLANDS = new Store("Tulpen en Co", "tulpen-en-co", "NL", AccountType.EXPRESS,
      "sanne@tulpen.example", "Sanne", "de Vries", "Amsterdam", "1012 JS", "#d9480f", List.of(
          new Product("Tulip bulbs", "Twenty bulbs of Queen of Night, for autumn planting.", "12.00", new Color(0x86, 0x2e, 0x9c)),
          new Product("Wooden clogs", "Poplar, carved in Zaandam.", "45.00", new Color(0xf0, 0xc4, 0x19))));
  static final Store UNITED_STATES = new Store("Mission Roasters", "mission-roasters", "US", AccountType.CUSTOM,
      "jordan@mission-roasters.example", "Jordan", "Lee", "San Francisco", "94103", "#3b2f2f", List.of(
          new Product("Single-origin beans", "Ethiopia Yirgacheffe, 12 oz, roasted this week.", "18.00", new Color(0x7b, 0x4a, 0x2a)),
          new Product("Pour-over kit", "Dripper, filters and a gooseneck kettle.", "42.00", new Color(0x2f, 0x4f, 0x6f))));

  static final List<Store> ALL = List.of(FRANCE, NETHERLANDS, UNITED_STATES);

  private DemoStores() {}
}

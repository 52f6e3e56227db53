package com.comptoir.platform.paymentmethods;

import com.stripe.model.PaymentMethodConfiguration;

/** A method's {@code display_preference} in a configuration read through stripe-java, whose classes differ per method. */
record DisplayPreferences(String preference, String value) {
  private static final DisplayPreferences MISSING = new DisplayPreferences("none", "off");

  static DisplayPreferences of(PaymentMethodConfiguration c, String type) {
    return switch (type) {
      case "card" -> c.getCard() == null ? MISSING
          : new DisplayPreferences(c.getCard().getDisplayPreference().getPreference(), c.getCard().getDisplayPreference().getValue());
      case "bancontact" -> c.getBancontact() == null ? MISSING
          : new DisplayPreferences(c.getBancontact().getDisplayPreference().getPreference(), c.getBancontact().getDisplayPreference().getValue());
      case "eps" -> c.getEps() == null ? MISSING
          : new DisplayPreferences(c.getEps().getDisplayPreference().getPreference(), c.getEps().getDisplayPreference().getValue());
      case "ideal" -> c.getIdeal() == null ? MISSING
          : new DisplayPreferences(c.getIdeal().getDisplayPreference().getPreference(), c.getIdeal().getDisplayPreference().getValue());
      case "p24" -> c.getP24() == null ? MISSING
          : new DisplayPreferences(c.getP24().getDisplayPreference().getPreference(), c.getP24().getDisplayPreference().getValue());
      case "sepa_debit" -> c.getSepaDebit() == null ? MISSING
          : new DisplayPreferences(c.getSepaDebit().getDisplayPreference().getPreference(), c.getSepaDebit().getDisplayPreference().getValue());
      case "sofort" -> c.getSofort() == null ? MISSING
          : new DisplayPreferences(c.getSofort().getDisplayPreference().getPreference(), c.getSofort().getDisplayPreference().getValue());
      default -> throw new IllegalArgumentException("not one of the guide's methods: " + type);
    };
  }
}

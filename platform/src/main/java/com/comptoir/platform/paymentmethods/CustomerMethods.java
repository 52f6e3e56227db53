package com.comptoir.platform.paymentmethods;

import com.comptoir.platform.onboarding.RequirementLabels;
import com.comptoir.platform.stores.Countries;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.Capability;
import com.stripe.model.PaymentMethodConfiguration;
import com.stripe.param.PaymentMethodConfigurationListParams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment methods a store's customers see at checkout, read from Stripe at each visit: the
 * account's payment method configuration (what is turned on, after the platform's and the holder's
 * choices) and its capabilities (what Stripe lets it take). For a method that is not shown, what is
 * still needed, in the merchant's words.
 */
public final class CustomerMethods {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerMethods.class);

  /** One method: shown at checkout, or why not. */
  public record Row(String label, boolean shown, String note) {}

  /** @param problem set when Stripe could not be asked; then {@code rows} is empty */
  public record View(List<Row> rows, String problem) {}

  private CustomerMethods() {}

  public static View read(StripeApi stripe, Store store, String accountId, String accountType) {
    try {
      PaymentMethodConfiguration configuration = stripe.client().v1().paymentMethodConfigurations()
          .list(PaymentMethodConfigurationListParams.builder().build(), stripe.onAccount(accountId)).getData().stream()
          .filter(c -> Boolean.TRUE.equals(c.getIsDefault())).findFirst().orElseGet(PaymentMethodConfiguration::new);
      Map<String, Capability> capabilities = new HashMap<>();
      for (Capability c : stripe.client().v1().accounts().capabilities().list(accountId).getData()) {
        capabilities.put(c.getId(), c);
      }
      List<Row> rows = new ArrayList<>();
      for (GuideMethods.Method m : GuideMethods.ALL) {
        String note = whyNot(m, store, configuration, capabilities.get(m.capability()), "standard".equals(accountType));
        rows.add(new Row(m.label(), note == null, note == null ? "Shown at checkout" : note));
      }
      return new View(rows, null);
    } catch (StripeException e) {
      LOG.warn("could not read the payment methods of {}: {}", accountId, e.getMessage());
      return new View(List.of(), "Stripe could not be asked which payment methods your customers see. Try again in a moment.");
    }
  }

  /** Null when the method is shown; otherwise what stands in the way, the most lasting reason first. */
  private static String whyNot(GuideMethods.Method m, Store store, PaymentMethodConfiguration configuration, Capability capability, boolean standard) {
    if (!GuideMethods.offeredIn(m, store.country())) {
      return "Stripe does not offer it to businesses in " + Countries.name(store.country());
    }
    if (!m.charges(store.currency())) {
      return "Only for prices in " + m.currenciesInWords() + "; your prices are in " + store.currency().toUpperCase();
    }
    DisplayPreferences display = DisplayPreferences.of(configuration, m.type());
    if (!"on".equals(display.value())) {
      // The account's own "off" is the holder's choice; otherwise it follows the platform's, which has it off.
      if ("off".equals(display.preference())) {
        return standard ? "Turned off in your Stripe Dashboard" : "Turned off for your store";
      }
      return "Not turned on by Comptoir for its stores yet";
    }
    String status = capability == null ? "unrequested" : capability.getStatus();
    return switch (status) {
      case "active" -> null;
      case "pending" -> "Stripe is checking your details";
      case "disabled" -> "Stripe has turned it off for your account";
      case "inactive" -> {
        List<String> due = capability.getRequirements() == null || capability.getRequirements().getCurrentlyDue() == null
            ? List.of() : RequirementLabels.labels(capability.getRequirements().getCurrentlyDue());
        yield due.isEmpty() ? "Stripe needs more information: finish setting up payments"
            : "Stripe still needs: " + String.join(", ", due);
      }
      default -> "Not requested for your account";
    };
  }
}

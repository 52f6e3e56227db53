package com.comptoir.platform.paymentmethods;

import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentMethodConfiguration;
import com.stripe.param.PaymentMethodConfigurationListParams;
import com.stripe.param.PaymentMethodConfigurationUpdateParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, makes sure the payment method configuration Stripe applies to the platform's connected
 * accounts has the guide's methods on, so a new store's customers see them without the merchant
 * doing anything. Connected accounts inherit it; a Standard account's holder may still turn a method
 * off for their own store in their Stripe Dashboard.
 *
 * <p>The embedded processor shows that configuration to the platform through the API, named
 * {@value #NAME}. Stripe's own API does not hand it to the platform: there, the operator turns the
 * methods on once in the Dashboard (Settings, Connect, Payment methods; see the README), and this
 * logs what to do instead.
 */
public final class PlatformManagedMethods {
  static final String NAME = "Connected accounts";
  private static final Logger LOG = LoggerFactory.getLogger(PlatformManagedMethods.class);

  private PlatformManagedMethods() {}

  /** The methods it turned on (empty when all were on already, or when Stripe's API does not offer the configuration). */
  public static List<String> ensure(StripeApi stripe) throws StripeException {
    Optional<PaymentMethodConfiguration> managed = stripe.client().v1().paymentMethodConfigurations()
        .list(PaymentMethodConfigurationListParams.builder().setLimit(100L).build()).getData().stream()
        .filter(c -> NAME.equals(c.getName()) && c.getParent() == null).findFirst();
    if (managed.isEmpty()) {
      LOG.info("Stripe's API does not show the payment methods of connected accounts: turn on {} in the Stripe Dashboard,"
          + " Settings > Connect > Payment methods", GuideMethods.ALL.stream().map(GuideMethods.Method::label).toList());
      return List.of();
    }
    PaymentMethodConfigurationUpdateParams.Builder update = PaymentMethodConfigurationUpdateParams.builder();
    List<String> turnedOn = new ArrayList<>();
    for (GuideMethods.Method m : GuideMethods.ALL) {
      boolean on = "on".equals(DisplayPreferences.of(managed.get(), m.type()).preference());
      if (!on) {
        update.putExtraParam(m.type(), Map.of("display_preference", Map.of("preference", "on")));
        turnedOn.add(m.type());
      }
    }
    if (!turnedOn.isEmpty()) {
      stripe.client().v1().paymentMethodConfigurations().update(managed.get().getId(), update.build());
      LOG.info("turned on {} for connected accounts (payment method configuration {})", turnedOn, managed.get().getId());
    }
    return turnedOn;
  }
}

package com.comptoir.processor.checkout;

import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.paymentmethods.PaymentMethodConfigurations;
import com.comptoir.processor.payments.PaymentIntents;
import com.comptoir.processor.time.Jobs;
import com.comptoir.processor.time.ProcessorClock;
import io.javalin.config.JavalinConfig;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/** Checkout's public face: its API, its test helper, its payment method settings and its hosted page. */
public final class Checkout {
  private Checkout() {}

  public static void register(StripeApi api, Supplier<String> baseUrl, Jobs jobs, PaymentIntents intents) {
    new CheckoutSessions(baseUrl, jobs, intents).register(api);
    CheckoutTestHelpers.register(api, intents);
    PaymentMethodConfigurations.register(api);
  }

  public static void installPages(JavalinConfig config, Jdbi jdbi, ProcessorClock clock, PaymentIntents intents) {
    HostedCheckout.install(config, jdbi, clock, intents);
  }
}

package com.comptoir.platform;

import java.net.URI;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What the platform needs to run: its own database, its port, and how to reach Stripe (the
 * embedded processor by default, real Stripe by configuration alone).
 *
 * @param stripeApiBase where stripe-java sends API calls, such as {@code https://api.stripe.com}
 */
public record PlatformSettings(
    DataSource dataSource, String host, int port, String stripeSecretKey, URI stripeApiBase) {

  public PlatformSettings {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stripeSecretKey, "stripeSecretKey");
    Objects.requireNonNull(stripeApiBase, "stripeApiBase");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
  }
}

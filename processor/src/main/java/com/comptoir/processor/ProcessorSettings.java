package com.comptoir.processor;

import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the processor needs to run: its own database, the port it listens on, and optionally the
 * platform account's secret key (when absent one is generated on first start and kept).
 *
 * @param publicUrl the base URL that hosted pages (onboarding, checkout) are linked from; when
 *     empty it is {@code http://localhost:<port>}
 */
public record ProcessorSettings(
    DataSource dataSource, String host, int port, Optional<String> secretKey, Optional<String> publicUrl) {

  public ProcessorSettings {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    secretKey.ifPresent(ApiKeysFormat::requireSecretKey);
  }
}

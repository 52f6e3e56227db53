package com.comptoir.platform.stores;

import java.time.OffsetDateTime;

/**
 * A merchant's store as the platform keeps it.
 *
 * @param accountId the connected account, or null until Stripe has created it
 * @param logoSha256 identifies the current logo (null: none), to tell whether Stripe has it
 * @param brandingError why Stripe last refused the branding, or null
 */
public record Store(
    long id,
    long merchantId,
    String name,
    String slug,
    String country,
    String currency,
    String brandColor,
    String logoSha256,
    String accountId,
    OffsetDateTime brandingPushedAt,
    String brandingError) {

  public boolean hasLogo() {
    return logoSha256 != null;
  }
}

package com.comptoir.platform.stores;

import com.comptoir.platform.stripe.StripeApi;
import com.stripe.exception.StripeException;
import com.stripe.model.File;
import com.stripe.param.AccountUpdateParams;
import com.stripe.param.FileCreateParams;
import com.stripe.param.common.EmptyParam;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Sends a store's look to its connected account, so Stripe's hosted pages wear it: the brand
 * colour and logo as {@code settings.branding} (the logo uploaded as a {@code business_logo} file
 * on the account), the name and store URL as {@code business_profile}. The two are separate
 * updates because Stripe may refuse one and not the other (a Standard account's business profile
 * belongs to its holder once onboarded, fact sheet §3.4). What Stripe refused is kept on the store
 * and shown to the merchant.
 */
public final class Branding {
  private final Jdbi jdbi;
  private final StripeApi stripe;
  private final Supplier<String> publicUrl;

  public Branding(Jdbi jdbi, StripeApi stripe, Supplier<String> publicUrl) {
    this.jdbi = jdbi;
    this.stripe = stripe;
    this.publicUrl = publicUrl;
  }

  /** The address of a store's storefront. */
  public static String storeUrl(String publicUrl, String slug) {
    return publicUrl + "/s/" + slug;
  }

  /** Pushes the store's branding to its account and records the outcome; returns what Stripe refused, or null. */
  public String push(long storeId) {
    Store store = jdbi.withHandle(h -> Stores.byId(h, storeId)).orElseThrow();
    if (store.accountId() == null) {
      return null; // the account, once created, is prefilled with the same branding
    }
    List<String> problems = new ArrayList<>();
    String logoFileId = uploadLogoIfChanged(store, problems);
    try {
      AccountUpdateParams.Settings.Branding.Builder branding = AccountUpdateParams.Settings.Branding.builder()
          .setPrimaryColor(store.brandColor());
      if (store.hasLogo() && logoFileId != null) {
        branding.setLogo(logoFileId);
      } else if (!store.hasLogo()) {
        branding.setLogo(EmptyParam.EMPTY);
      }
      stripe.client().v1().accounts().update(store.accountId(), AccountUpdateParams.builder()
          .setSettings(AccountUpdateParams.Settings.builder().setBranding(branding.build()).build()).build());
    } catch (StripeException e) {
      problems.add("Brand colour and logo: " + StripeApi.describe(e));
    }
    try {
      stripe.client().v1().accounts().update(store.accountId(), AccountUpdateParams.builder()
          .setBusinessProfile(AccountUpdateParams.BusinessProfile.builder()
              .setName(store.name()).setUrl(storeUrl(publicUrl.get(), store.slug())).build())
          .build());
    } catch (StripeException e) {
      problems.add("Store name and address: " + StripeApi.describe(e));
    }
    String error = problems.isEmpty() ? null : String.join(" ", problems);
    jdbi.useHandle(h -> h.createUpdate("""
            UPDATE stores SET branding_error = :error,
                   branding_pushed_at = CASE WHEN :error IS NULL THEN now() ELSE branding_pushed_at END
            WHERE id = :id""")
        .bind("error", error).bind("id", storeId).execute());
    return error;
  }

  /** The id of the account's file for the current logo, uploading it first if Stripe does not have it; null if none. */
  private String uploadLogoIfChanged(Store store, List<String> problems) {
    if (!store.hasLogo()) {
      return null;
    }
    record Uploaded(String fileId, String sha256) {}
    Uploaded known = jdbi.withHandle(h -> h.createQuery("SELECT logo_file_id, logo_file_sha256 FROM stores WHERE id = :id")
        .bind("id", store.id()).map((rs, c) -> new Uploaded(rs.getString(1), rs.getString(2))).one());
    if (known.fileId() != null && store.logoSha256().equals(known.sha256())) {
      return known.fileId();
    }
    Stores.Logo logo = jdbi.withHandle(h -> Stores.logo(h, store.id())).orElseThrow();
    try {
      File file = stripe.client().v1().files().create(
          FileCreateParams.builder()
              .setPurpose(FileCreateParams.Purpose.BUSINESS_LOGO)
              .setFile(new ByteArrayInputStream(logo.bytes()))
              .build(),
          stripe.onAccount(store.accountId(), "store-" + store.id() + "-logo-" + logo.sha256()));
      jdbi.useHandle(h -> h.createUpdate("UPDATE stores SET logo_file_id = :f, logo_file_sha256 = :sha WHERE id = :id")
          .bind("f", file.getId()).bind("sha", logo.sha256()).bind("id", store.id()).execute());
      return file.getId();
    } catch (StripeException e) {
      problems.add("Logo upload: " + StripeApi.describe(e));
      return null;
    }
  }
}

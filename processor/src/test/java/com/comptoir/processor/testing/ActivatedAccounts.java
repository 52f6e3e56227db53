package com.comptoir.processor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.VerifiedAccount;
import java.util.Map;

/**
 * Custom accounts created through the API with everything onboarding asks for, so that their
 * requested capabilities are {@code active} at once: what a platform collecting the details itself
 * ends with.
 */
public final class ActivatedAccounts {
  private ActivatedAccounts() {}

  /** The form of an activated Custom account in {@code country} (US, FR, DE, NL, BE or AT) requesting {@code capabilities}. */
  public static Map<String, String> form(String country, String... capabilities) {
    return VerifiedAccount.custom(country, capabilities);
  }

  /** Creates it on {@code platform}'s behalf and checks that charges are on. */
  public static String custom(StripeHttp platform, String country, String... capabilities) {
    StripeHttp.Response r = platform.post("/v1/accounts", form(country, capabilities));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("charges_enabled").asBoolean()).as(r.body()).isTrue();
    return r.json().get("id").asText();
  }
}

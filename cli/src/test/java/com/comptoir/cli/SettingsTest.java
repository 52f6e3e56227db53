package com.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform's settings: defaults for the embedded processor, and clear refusals naming the setting. */
class SettingsTest {
  private static Settings read(Map<String, String> env) {
    return Settings.fromEnvironment(env, Path.of("/tmp/comptoir-root"));
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void withNothingSetThePlatformUsesTheProcessorAndRegistersItsOwnEndpoints() {
    Settings settings = read(Map.of());
    assertThat(settings.stripeSecretKey()).isEmpty();
    assertThat(settings.webhookSecrets()).isEmpty();
    assertThat(settings.platformPublicUrl()).isEmpty();
    assertThat(settings.accountType()).as("the guide's default: no type sent").isEmpty();
    assertThat(settings.feePercentBasisPoints()).isEqualTo(250);
    assertThat(settings.feeFixedAmounts()).containsEntry("usd", 30L).containsEntry("eur", 25L).containsEntry("gbp", 20L);
    assertThat(settings.smtpUrl()).isEmpty();
    assertThat(settings.reconcileInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.stripeDashboardUrl()).as("derived by the platform from the API base").isEmpty();
    assertThat(settings.rateLimitPerSecond()).as("no rate limit unless asked").isZero();
  }

  @Test
  void theRateLimitIsAWholeNumberOfRequestsASecond() {
    assertThat(read(env("COMPTOIR_RATE_LIMIT", "25")).rateLimitPerSecond()).isEqualTo(25);
    assertThatThrownBy(() -> read(env("COMPTOIR_RATE_LIMIT", "-1"))).hasMessageContaining("COMPTOIR_RATE_LIMIT");
    assertThatThrownBy(() -> read(env("COMPTOIR_RATE_LIMIT", "fast"))).hasMessageContaining("COMPTOIR_RATE_LIMIT");
  }

  @Test
  void realStripeIsConfiguredByKeyWebhookSecretsApiBaseAndPublicUrl() {
    Settings settings = read(env(
        "COMPTOIR_STRIPE_SECRET_KEY", "sk_live_abcdefgh12345678",
        "COMPTOIR_STRIPE_API_BASE", "https://api.stripe.com",
        "COMPTOIR_STRIPE_WEBHOOK_SECRET", "whsec_platform12345",
        "COMPTOIR_STRIPE_CONNECT_WEBHOOK_SECRET", "whsec_connect12345",
        "COMPTOIR_PLATFORM_PUBLIC_URL", "https://shops.example.com/",
        "COMPTOIR_ACCOUNT_TYPE", "Express",
        "COMPTOIR_FEE_PERCENT", "1.75%",
        "COMPTOIR_FEE_FIXED", "usd:25, jpy:30",
        "COMPTOIR_SMTP_URL", "smtps://mailer:s3cret@smtp.example.com:465",
        "COMPTOIR_STRIPE_DASHBOARD_URL", "https://dashboard.stripe.com/"));
    assertThat(settings.stripeDashboardUrl().orElseThrow()).hasToString("https://dashboard.stripe.com/");
    assertThat(settings.stripeSecretKey()).hasValue("sk_live_abcdefgh12345678");
    assertThat(settings.webhookSecrets()).hasValue(new Settings.WebhookSecrets("whsec_platform12345", "whsec_connect12345"));
    assertThat(settings.platformPublicUrl().orElseThrow()).hasToString("https://shops.example.com");
    assertThat(settings.accountType()).hasValue("express");
    assertThat(settings.feePercentBasisPoints()).isEqualTo(175);
    assertThat(settings.feeFixedAmounts()).containsExactly(Map.entry("usd", 25L), Map.entry("jpy", 30L));
  }

  @Test
  void badValuesStopStartUpNamingTheSetting() {
    assertThatThrownBy(() -> read(env("COMPTOIR_STRIPE_SECRET_KEY", "pk_test_123456789"))).hasMessageContaining("COMPTOIR_STRIPE_SECRET_KEY");
    assertThatThrownBy(() -> read(env("COMPTOIR_STRIPE_WEBHOOK_SECRET", "whsec_only12345")))
        .hasMessageContaining("COMPTOIR_STRIPE_CONNECT_WEBHOOK_SECRET");
    assertThatThrownBy(() -> read(env("COMPTOIR_STRIPE_WEBHOOK_SECRET", "nope", "COMPTOIR_STRIPE_CONNECT_WEBHOOK_SECRET", "whsec_x12345678")))
        .hasMessageContaining("COMPTOIR_STRIPE_WEBHOOK_SECRET must be a webhook signing secret");
    assertThatThrownBy(() -> read(env("COMPTOIR_STRIPE_API_BASE", "https://api.stripe.com")))
        .hasMessageContaining("COMPTOIR_STRIPE_WEBHOOK_SECRET and COMPTOIR_STRIPE_CONNECT_WEBHOOK_SECRET must be set");
    assertThatThrownBy(() -> read(env("COMPTOIR_STRIPE_SECRET_KEY", "sk_live_abcdefgh12345678")))
        .hasMessageContaining("COMPTOIR_PLATFORM_PUBLIC_URL must be an https URL");
    assertThatThrownBy(() -> read(env("COMPTOIR_PLATFORM_PUBLIC_URL", "shops.example.com"))).hasMessageContaining("COMPTOIR_PLATFORM_PUBLIC_URL");
    assertThatThrownBy(() -> read(env("COMPTOIR_PLATFORM_PUBLIC_URL", "https://x.example.com/path"))).hasMessageContaining("base URL");
    assertThatThrownBy(() -> read(env("COMPTOIR_STRIPE_DASHBOARD_URL", "dashboard.stripe.com"))).hasMessageContaining("COMPTOIR_STRIPE_DASHBOARD_URL");
    assertThatThrownBy(() -> read(env("COMPTOIR_ACCOUNT_TYPE", "premium"))).hasMessageContaining("COMPTOIR_ACCOUNT_TYPE").hasMessageContaining("premium");
    assertThatThrownBy(() -> read(env("COMPTOIR_FEE_PERCENT", "101"))).hasMessageContaining("COMPTOIR_FEE_PERCENT");
    assertThatThrownBy(() -> read(env("COMPTOIR_FEE_PERCENT", "2.555"))).hasMessageContaining("COMPTOIR_FEE_PERCENT");
    assertThatThrownBy(() -> read(env("COMPTOIR_FEE_FIXED", "usd=30"))).hasMessageContaining("COMPTOIR_FEE_FIXED");
    assertThatThrownBy(() -> read(env("COMPTOIR_SMTP_URL", "http://user:hunter2@mail.example.com")))
        .hasMessageContaining("COMPTOIR_SMTP_URL").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> read(env("COMPTOIR_OPERATOR_PASSWORD", "short"))).hasMessageContaining("COMPTOIR_OPERATOR_PASSWORD");
    assertThatThrownBy(() -> read(env("COMPTOIR_RECONCILE_MINUTES", "0"))).hasMessageContaining("COMPTOIR_RECONCILE_MINUTES");
    assertThatThrownBy(() -> read(env("COMPTOIR_DASHBOARD_PASSWORD", "short"))).hasMessageContaining("COMPTOIR_DASHBOARD_PASSWORD")
        .hasMessageNotContaining("short");
    assertThatThrownBy(() -> read(env("COMPTOIR_DASHBOARD_EMAIL", "platform"))).hasMessageContaining("COMPTOIR_DASHBOARD_EMAIL");
  }
}

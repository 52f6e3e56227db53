package com.comptoir.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class PlatformSettingsTest {
  private static final PlatformSettings.OperatorLogin OPERATOR = new PlatformSettings.OperatorLogin("op@example.com", "a long password");

  private static PlatformSettings withApiBase(String apiBase) {
    return PlatformSettings.embedded(new PGSimpleDataSource(), "127.0.0.1", 0, "sk_test_x", URI.create(apiBase), OPERATOR);
  }

  @Test
  void standardHoldersAreSentToTheDashboardThatGoesWithTheApi() {
    assertThat(withApiBase("https://api.stripe.com").stripeDashboardUrl()).isEqualTo(URI.create("https://dashboard.stripe.com/"));
    // The embedded processor serves its Dashboard sign-in on the origin of its API.
    assertThat(withApiBase("http://localhost:12111").stripeDashboardUrl()).isEqualTo(URI.create("http://localhost:12111/dashboard/login"));
    assertThat(withApiBase("http://127.0.0.1:4000/").stripeDashboardUrl()).isEqualTo(URI.create("http://127.0.0.1:4000/dashboard/login"));
  }

  @Test
  void aConfiguredDashboardIsKeptThroughOtherChangesAndMustBeAWebAddress() {
    PlatformSettings settings = withApiBase("https://api.stripe.com").withStripeDashboardUrl(URI.create("https://dashboard.example.com/"))
        .withAccountType(java.util.Optional.of(PlatformSettings.AccountType.EXPRESS));
    assertThat(settings.stripeDashboardUrl()).isEqualTo(URI.create("https://dashboard.example.com/"));
    assertThatThrownBy(() -> settings.withStripeDashboardUrl(URI.create("javascript:alert(1)")))
        .hasMessageContaining("(COMPTOIR_STRIPE_DASHBOARD_URL) must be an http(s) URL");
    assertThatThrownBy(() -> settings.withStripeDashboardUrl(URI.create("dashboard.stripe.com")))
        .hasMessageContaining("COMPTOIR_STRIPE_DASHBOARD_URL");
  }
}

package com.comptoir.processor.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.LoginLink;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/accounts/{account}/login_links}: Express dashboard sign-in links. */
class LoginLinksApiTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();
  private final StripeClient client = ConnectedAccounts.client(processor);
  private final Jdbi jdbi = Jdbi.create(processor.dataSource());

  private static String path(String account) {
    return "/v1/accounts/" + account + "/login_links";
  }

  private static String tokenOf(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private boolean redeem(String account, String token, long at) {
    return jdbi.inTransaction(h -> LoginLinks.redeem(h, account, token, at));
  }

  @Test
  void anExpressAccountGetsALinkToItsDashboard() throws Exception {
    String account = ConnectedAccounts.create(http, "express");

    LoginLink link = client.accounts().loginLinks().create(account);
    assertThat(link.getObject()).isEqualTo("login_link");
    assertThat(link.getCreated()).isPositive();
    // The processor's public URL, by default http://localhost:<port>, then the dashboard's path.
    assertThat(link.getUrl()).matches(Pattern.quote("http://localhost:" + processor.port() + "/dashboard/" + account + "/login/") + "[A-Za-z0-9]{32}");
    JsonNode raw = http.post(path(account), Map.of()).json();
    assertThat(raw.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("object", "created", "url");
    assertThat(raw.get("url").asText()).isNotEqualTo(link.getUrl()); // every link is new
  }

  @Test
  void aLinkSignsInOnceAndNeverAgain() throws Exception {
    String account = ConnectedAccounts.create(http, "express");
    LoginLink link = client.accounts().loginLinks().create(account);
    String token = tokenOf(link.getUrl());

    assertThat(redeem(ConnectedAccounts.create(http, "express"), token, link.getCreated() + 1)).isFalse(); // another account's
    assertThat(redeem(account, token, link.getCreated() + 1)).isTrue();
    assertThat(redeem(account, token, link.getCreated() + 2)).isFalse();
    assertThat(redeem(account, "x" + token.substring(1), link.getCreated() + 1)).isFalse();
  }

  @Test
  void aLinkExpiresFiveMinutesAfterItWasMade() throws Exception {
    String account = ConnectedAccounts.create(http, "express");
    LoginLink link = client.accounts().loginLinks().create(account);
    String token = tokenOf(link.getUrl());

    assertThat(redeem(account, token, link.getCreated() + LoginLinks.LIFETIME_SECONDS)).isFalse();
    assertThat(redeem(account, token, link.getCreated() + LoginLinks.LIFETIME_SECONDS - 1)).isTrue();
  }

  @Test
  void theTokenIsNotKeptInTheClear() throws Exception {
    String account = ConnectedAccounts.create(http, "express");
    String token = tokenOf(client.accounts().loginLinks().create(account).getUrl());

    List<String> stored = jdbi.withHandle(h -> h.createQuery("SELECT token_sha256 FROM login_links WHERE account_id = :a")
        .bind("a", account).mapTo(String.class).list());
    assertThat(stored).hasSize(1).noneMatch(s -> s.contains(token));
  }

  @Test
  void customAndStandardAccountsHaveNoExpressDashboard() {
    for (String type : List.of("custom", "standard")) {
      String account = ConnectedAccounts.create(http, type);
      StripeHttp.Response r = http.post(path(account), Map.of());
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
      assertThat(r.json().at("/error/message").asText()).contains("only be created for Express accounts", "is a " + type + " account");
    }
    assertThatThrownBy(() -> client.accounts().loginLinks().create(ConnectedAccounts.create(http, "custom")))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void onlyTheAccountsOwnPlatformCanMakeALink() {
    String account = ConnectedAccounts.create(http, "express");
    String other = ConnectedAccounts.create(http, "express");

    StripeHttp.Response otherPlatform = ConnectedAccounts.otherPlatform(processor).post(path(account), Map.of());
    assertThat(otherPlatform.status()).isEqualTo(403);
    assertThat(otherPlatform.json().at("/error/code").asText()).isEqualTo("account_invalid");
    StripeHttp.Response otherAccount = http.header("Stripe-Account", other).post(path(account), Map.of());
    assertThat(otherAccount.status()).isEqualTo(400);
    StripeHttp.Response itself = http.header("Stripe-Account", account).post(path(account), Map.of());
    assertThat(itself.status()).isEqualTo(400);
    assertThat(itself.json().at("/error/message").asText()).contains("without the Stripe-Account header");
    int links = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM login_links WHERE account_id = :a")
        .bind("a", account).mapTo(Integer.class).one());
    assertThat(links).isZero();
  }

  @Test
  void unknownParametersAreRefused() {
    String account = ConnectedAccounts.create(http, "express");

    StripeHttp.Response r = http.post(path(account), Map.of("redirect_url", "https://example.com"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("parameter_unknown");
    assertThat(r.json().at("/error/param").asText()).isEqualTo("redirect_url");
  }
}

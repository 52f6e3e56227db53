package com.comptoir.processor.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Account links as Stripe's guide uses them: single use, five minutes, refresh_url for the rest. */
@InOwnSandbox
class AccountLinksTest {
  /** The public documentation key that Stripe's guide is written with. */
  private static final String GUIDE_KEY = "sk_test_BQokikJOvBiI2HlWgH4olfQ2";
  private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private static TestProcessor processor;
  private static StripeHttp http;

  @BeforeAll
  static void start() {
    processor = TestProcessor.withSecretKey(GUIDE_KEY);
    http = processor.http();
  }

  @AfterAll
  static void stop() {
    processor.close();
  }

  private static String curl(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void theGuidesFirstTwoRequestsRunAsWritten() throws Exception {
    String base = processor.url();
    // 1. curl -X POST $BASE/v1/accounts -u "$KEY:"
    JsonNode account = new ObjectMapper().readTree(curl("-X", "POST", base + "/v1/accounts", "-u", GUIDE_KEY + ":"));
    String accountId = account.get("id").asText();
    assertThat(accountId).matches("acct_[A-Za-z0-9]{16}");
    assertThat(account.get("type").asText()).isEqualTo("standard");
    assertThat(account.get("details_submitted").asBoolean()).isFalse();
    // 2. the account link, URL values with --data-urlencode
    JsonNode link = new ObjectMapper().readTree(curl(base + "/v1/account_links", "-u", GUIDE_KEY + ":",
        "-d", "account=" + accountId,
        "--data-urlencode", "refresh_url=https://example.com/reauth",
        "--data-urlencode", "return_url=https://example.com/return",
        "-d", "type=account_onboarding"));
    assertThat(link.get("object").asText()).isEqualTo("account_link");
    assertThat(link.get("expires_at").asLong() - link.get("created").asLong()).isEqualTo(300);
    assertThat(URI.create(link.get("url").asText()).getPath()).startsWith("/setup/s/" + accountId + "/");
  }

  private static String newAccount(Map<String, String> form) {
    StripeHttp.Response r = http.post("/v1/accounts", form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("id").asText();
  }

  private static String link(String account) {
    StripeHttp.Response r = http.post("/v1/account_links", Map.of("account", account, "type", "account_onboarding",
        "refresh_url", "https://example.com/reauth", "return_url", "https://example.com/return"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("url").asText();
  }

  private static HttpResponse<String> open(String url) throws Exception {
    return NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aLinkWorksOnceAndThenSendsTheUserToRefreshUrl() throws Exception {
    String url = link(newAccount(Map.of()));
    HttpResponse<String> first = open(url);
    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(first.headers().firstValue("Location")).hasValue("/onboarding");
    assertThat(first.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly").contains("SameSite=Lax");
    HttpResponse<String> second = open(url);
    assertThat(second.statusCode()).isEqualTo(302);
    assertThat(second.headers().firstValue("Location")).hasValue("https://example.com/reauth");
  }

  @Test
  void aLinkOpenedAfterItsFiveMinutesSendsTheUserToRefreshUrl() throws Exception {
    try (TestProcessor timed = TestProcessor.sandbox()) {
      StripeHttp h = timed.http();
      String account = h.post("/v1/accounts", Map.of()).json().get("id").asText();
      String url = h.post("/v1/account_links", Map.of("account", account, "type", "account_onboarding",
          "refresh_url", "https://example.com/reauth", "return_url", "https://example.com/return")).json().get("url").asText();
      h.post("/v1/test_helpers/clock/advance", Map.of("seconds", "301"));
      assertThat(open(url).headers().firstValue("Location")).hasValue("https://example.com/reauth");
    }
  }

  @Test
  void anUnknownLinkIsAPlainErrorPage() throws Exception {
    HttpResponse<String> r = open(processor.url() + "/setup/s/acct_0000000000000000/nope");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("This link is not valid");
  }

  @Test
  void aRejectedAccountsLinkSendsTheUserToRefreshUrl() throws Exception {
    String account = newAccount(Map.of("type", "custom", "country", "US", "capabilities[card_payments][requested]", "true",
        "capabilities[transfers][requested]", "true"));
    String url = link(account);
    assertThat(http.post("/v1/accounts/" + account + "/reject", Map.of("reason", "fraud")).status()).isEqualTo(200);
    assertThat(open(url).headers().firstValue("Location")).hasValue("https://example.com/reauth");
  }

  @Test
  void accountUpdateLinksAreForExpressAndCustomAccountsOnly() {
    String standard = newAccount(Map.of());
    StripeHttp.Response r = http.post("/v1/account_links", Map.of("account", standard, "type", "account_update",
        "refresh_url", "https://example.com/reauth", "return_url", "https://example.com/return"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/param").asText()).isEqualTo("type");
    String express = newAccount(Map.of("type", "express"));
    assertThat(http.post("/v1/account_links", Map.of("account", express, "type", "account_update",
        "refresh_url", "https://example.com/reauth", "return_url", "https://example.com/return")).status()).isEqualTo(200);
  }

  @Test
  void aLinkForAnAccountOfAnotherPlatformIsRefused() {
    try (TestProcessor other = TestProcessor.sandbox()) {
      String foreign = other.http().post("/v1/accounts", Map.of()).json().get("id").asText();
      StripeHttp.Response r = http.post("/v1/account_links", Map.of("account", foreign, "type", "account_onboarding",
          "refresh_url", "https://example.com/reauth", "return_url", "https://example.com/return"));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().at("/error/code").asText()).isEqualTo("account_invalid");
    }
  }

  @Test
  void badUrlsAndMissingParametersAreRefusedNamingThem() {
    String account = newAccount(Map.of());
    StripeHttp.Response bad = http.post("/v1/account_links", Map.of("account", account, "type", "account_onboarding",
        "refresh_url", "not a url", "return_url", "https://example.com/return"));
    assertThat(bad.json().at("/error/code").asText()).isEqualTo("url_invalid");
    assertThat(bad.json().at("/error/param").asText()).isEqualTo("refresh_url");
    StripeHttp.Response missing = http.post("/v1/account_links", Map.of("account", account, "refresh_url", "https://example.com/r",
        "return_url", "https://example.com/return"));
    assertThat(missing.json().at("/error/code").asText()).isEqualTo("parameter_missing");
    assertThat(missing.json().at("/error/param").asText()).isEqualTo("type");
  }

  @Test
  void prefillingEndsOnceALinkHasBeenCreated() {
    String account = newAccount(Map.of("email", "owner@example.com", "business_type", "individual"));
    assertThat(http.post("/v1/accounts/" + account, Map.of("business_type", "company")).status()).isEqualTo(200);
    link(account);
    StripeHttp.Response refused = http.post("/v1/accounts/" + account, Map.of("business_type", "individual"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/code").asText()).isEqualTo("not_allowed_on_standard_account");
    assertThat(refused.json().at("/error/param").asText()).isEqualTo("business_type");
    assertThat(http.post("/v1/accounts/" + account, Map.of("metadata[plan]", "pro")).status()).isEqualTo(200);
  }

  @Test
  void linksAreRefusedUntilThePlatformHasItsBranding() {
    try (TestProcessor unbranded = TestProcessor.sandbox()) {
      StripeHttp h = unbranded.http();
      assertThat(h.post("/v1/accounts/" + unbranded.platformAccountId(), Map.of("settings[branding][icon]", "")).status()).isEqualTo(200);
      String account = h.post("/v1/accounts", Map.of()).json().get("id").asText();
      StripeHttp.Response r = h.post("/v1/account_links", Map.of("account", account, "type", "account_onboarding",
          "refresh_url", "https://example.com/reauth", "return_url", "https://example.com/return"));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().at("/error/message").asText()).contains("branding").contains("icon");
    }
  }
}

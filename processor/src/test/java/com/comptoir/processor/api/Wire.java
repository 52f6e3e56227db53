package com.comptoir.processor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** Shared steps and checks of the wire-protocol tests. */
final class Wire {
  /** A Java class, package or stack frame showing through a response body. */
  static final Pattern LEAK = Pattern.compile(
      "\\b(java|javax|jakarta|kotlin|sun|org\\.(eclipse|postgresql|jdbi|flywaydb|slf4j)|io\\.javalin|com\\.(comptoir|fasterxml|zaxxer))\\.[A-Za-z]"
          + "|[A-Za-z]+(Exception|Error)\\b(?<!StripeError)|\\tat |URLDecoder|NullPointer|PSQL|Jdbi|Javalin|Jetty");

  private Wire() {}

  static TestProcessor processor() {
    return TestProcessor.get();
  }

  static StripeHttp http() {
    return TestProcessor.get().http();
  }

  /** A new connected account of the test platform, from form parameters in Stripe encoding. */
  static JsonNode createAccount(String form) {
    StripeHttp.Response r = http().postRaw("/v1/accounts", form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static String newAccountId() {
    return createAccount("").get("id").asText();
  }

  /** A Custom account: one whose settings, payouts included, the platform may write (fact sheet §3.4). */
  static String newCustomAccountId() {
    return createAccount("type=custom").get("id").asText();
  }

  static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }

  /** A Stripe error object with this status, type, code (null: none) and param (null: none). */
  static JsonNode assertError(StripeHttp.Response r, int status, String type, String code, String param) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("Request-Id")).matches("req_[A-Za-z0-9]{14}");
    JsonNode error = r.json().get("error");
    assertThat(error).as(r.body()).isNotNull();
    assertThat(error.path("type").asText()).as(r.body()).isEqualTo(type);
    assertThat(error.path("message").asText()).as(r.body()).isNotBlank();
    if (code == null) {
      assertThat(error.has("code")).as(r.body()).isFalse();
    } else {
      assertThat(error.path("code").asText()).as(r.body()).isEqualTo(code);
      assertThat(error.path("doc_url").asText()).isEqualTo("https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
    }
    if (param == null) {
      assertThat(error.has("param")).as(r.body()).isFalse();
    } else {
      assertThat(error.path("param").asText()).as(r.body()).isEqualTo(param);
    }
    assertThat(LEAK.matcher(r.body()).find()).as("no Java internals in %s", r.body()).isFalse();
    return error;
  }

  static JsonNode assertInvalid(StripeHttp.Response r, String code, String param) {
    return assertError(r, 400, "invalid_request_error", code, param);
  }
}

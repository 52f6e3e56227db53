package com.comptoir.processor.api;

import static com.comptoir.processor.api.Wire.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests that are odd at the HTTP level: refused by the HTTP server before the API sees them, or
 * reaching parts of the pipeline that the form and header properties keep away from.
 */
class HttpEdgeCasesTest {
  private final RawHttp raw = new RawHttp(Wire.processor().port());
  private final String auth = "Bearer " + Wire.processor().secretKey();

  /** Requests that Jetty's parser refuses before any handler runs. */
  private List<String[]> refusedByTheHttpParser() {
    return List.of(
        new String[] {"GET", "/v1/accounts/%00", "Authorization", auth},
        new String[] {"GET", "/v1/accounts/%C3%28", "Authorization", auth},
        new String[] {"GET", "/v1/accounts/\u00e9", "Authorization", auth},
        new String[] {"GET", "/v1/acc%ounts", "Authorization", auth},
        new String[] {"GET", "/v1/../..", "Authorization", auth},
        new String[] {"POST", "/v1/%2e%2e/%2e%2e/accounts", "Authorization", auth},
        new String[] {"GET", "/v1/accounts", "Authorization", "Bearer \u0001"},
        new String[] {"GET", "/v1/accounts", "Stripe-Account", "acct_\u007f"},
        new String[] {"GET", "/v1/accounts", "Idempotency-Key", "a\u0000b"},
        new String[] {"GET", "/v1/accounts?limit=" + "1".repeat(9000), "Authorization", auth},
        new String[] {"GET", "/v1/accounts", "Stripe-Account", "a".repeat(9000)});
  }

  @Test
  void whatTheHttpParserRefusesIsA4xxNeverA5xx() {
    for (String[] r : refusedByTheHttpParser()) {
      RawHttp.Response response = raw.send(r[0], r[1], RawHttp.headers(r[2], r[3]), (byte[]) null);
      assertThat(response.status()).as(r[1] + " " + r[2] + ": " + r[3]).isBetween(400, 499);
    }
  }

  @Test
  void whatTheHttpParserRefusesIsStillAStripeError() {
    for (String[] r : refusedByTheHttpParser()) {
      RawHttp.Response response = raw.send(r[0], r[1], RawHttp.headers(r[2], r[3]), (byte[]) null);
      assertThat(response.header("Content-Type")).as(r[1]).startsWith("application/json");
      assertThat(response.header("Request-Id")).as(r[1]).matches("req_[A-Za-z0-9]{14}");
      assertThat(response.json().at("/error/type").asText()).as(r[1]).isEqualTo("invalid_request_error");
    }
  }

  @Test
  void malformedPercentEscapesInTheQueryAreAStripeErrorWithoutJavaNames() {
    for (String query : List.of("limit=%", "limit=%zz", "%=1", "expand[%G0]=a", "limit=%u0031")) {
      RawHttp.Response r = raw.send("GET", "/v1/accounts?" + query, RawHttp.headers("Authorization", auth), (byte[]) null);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.json().at("/error/message").asText()).as(query).startsWith("Invalid URL encoding").doesNotContain("URLDecoder");
    }
  }

  @Test
  void nulInAParameterIsRefusedNotA500() {
    StripeHttp http = Wire.http();
    String id = Wire.newAccountId();
    assertError(http.postRaw("/v1/accounts", "metadata[k]=a%00b"), 400, "invalid_request_error", null, "metadata[k]");
    assertError(http.postRaw("/v1/accounts/" + id, "email=a%00b"), 400, "invalid_request_error", null, "email");
    assertError(http.get("/v1/accounts?starting_after=acct_%00"), 400, "invalid_request_error", null, "starting_after");
    RawHttp.Response rawNul = raw.send("POST", "/v1/accounts", RawHttp.headers("Authorization", auth), "business_profile[name]=a\u0000b");
    assertThat(rawNul.status()).isEqualTo(400);
  }

  @Test
  void invalidUtf8InTheBodyIsReadWithReplacementCharacters() {
    RawHttp.Response r = raw.send("POST", "/v1/accounts", RawHttp.headers("Authorization", auth),
        new byte[] {'m', 'e', 't', 'a', 'd', 'a', 't', 'a', '[', 'k', ']', '=', (byte) 0xC3, (byte) 0x28});
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().at("/metadata/k").asText()).isEqualTo("\uFFFD(");
  }

  @Test
  void aBogusCharsetIsNotA500() {
    for (String type : List.of("text/plain; charset=bogus", "application/x-www-form-urlencoded; charset=", "a/b; charset=\"x\u00ff\"")) {
      RawHttp.Response r = raw.send("POST", "/v1/accounts", RawHttp.headers("Authorization", auth, "Content-Type", type), "email=a%40b.c");
      assertThat(r.status()).as(type + " -> " + r.body()).isBetween(200, 499);
    }
  }

  @Test
  void headIsAnsweredLikeAnyOtherRequest() {
    RawHttp.Response r = raw.send("HEAD", "/v1/accounts", RawHttp.headers(), (byte[]) null);
    assertThat(r.header("Request-Id")).matches("req_[A-Za-z0-9]{14}");
    assertThat(r.status()).isIn(401, 404);
  }

  @Test
  void unusualMethodsAreAnUnrecognizedUrl() {
    for (String method : List.of("PUT", "PATCH", "OPTIONS", "TRACE", "FOO", "get")) {
      RawHttp.Response r = raw.send(method, "/v1/accounts", RawHttp.headers("Authorization", auth), (byte[]) null);
      assertThat(r.status()).as(method).isEqualTo(404);
      assertThat(r.json().at("/error/message").asText()).startsWith("Unrecognized request URL (" + method + ": /v1/accounts)");
      assertThat(r.header("Request-Id")).matches("req_[A-Za-z0-9]{14}");
    }
  }
}

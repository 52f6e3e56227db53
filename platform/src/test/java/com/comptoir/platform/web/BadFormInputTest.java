package com.comptoir.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.testing.RunningPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What no keyboard sends (a NUL character in a field, a multipart body cut short) is answered
 * with 400 and a readable page, the form shown again with what was typed; never a 500, and
 * nothing saved.
 */
class BadFormInputTest {
  private static final String NUL_MESSAGE = "This field had a NUL character, which cannot be saved";
  private static RunningPlatform platform;

  @BeforeAll
  static void start() {
    platform = new RunningPlatform();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static int count(String sql) {
    return platform.jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  private static void assertNoInternals(HttpResponse<String> page) {
    assertThat(page.body()).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("Something went wrong");
  }

  @Test
  void aNulInTheLogInFormIsRefusedWithTheFormAndWhatWasTyped() throws Exception {
    HttpClient browser = RunningPlatform.client();
    String csrf = RunningPlatform.csrf(platform.get(browser, "/login").body());
    HttpResponse<String> page = platform.post(browser, "/login", Map.of("csrf", csrf, "email", "ada\0@example.com", "password", "hunter\0two"));
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains(NUL_MESSAGE).contains("value=\"ada@example.com\"").contains("name=\"password\"")
        .doesNotContain("huntertwo");
    assertNoInternals(page);
    assertThat(count("SELECT count(*) FROM login_attempts")).as("not even counted as an attempt").isZero();

    String operatorCsrf = RunningPlatform.csrf(platform.get(browser, "/operator/login").body());
    HttpResponse<String> operator = platform.post(browser, "/operator/login",
        Map.of("csrf", operatorCsrf, "email", "operator@example.com\0", "password", "x"));
    assertThat(operator.statusCode()).isEqualTo(400);
    assertThat(operator.body()).contains(NUL_MESSAGE).contains("value=\"operator@example.com\"");
  }

  @Test
  void aNulInTheSignUpFormSavesNothingAndKeepsTheOtherFields() throws Exception {
    HttpClient browser = RunningPlatform.client();
    String csrf = RunningPlatform.csrf(platform.get(browser, "/signup").body());
    HttpResponse<String> page = platform.post(browser, "/signup", Map.of("csrf", csrf, "email", "nul@example.com",
        "password", "a good long password", "store_name", "Nul\0 shop", "country", "FR"));
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains(NUL_MESSAGE).contains("value=\"nul@example.com\"").contains("value=\"Nul shop\"");
    assertNoInternals(page);
    assertThat(count("SELECT count(*) FROM merchants WHERE email = 'nul@example.com'")).isZero();
  }

  @Test
  void aNulInTheResetRequestOrAProductIsRefusedToo() throws Exception {
    HttpClient browser = RunningPlatform.client();
    String csrf = RunningPlatform.csrf(platform.get(browser, "/password/forgot").body());
    HttpResponse<String> forgot = platform.post(browser, "/password/forgot", Map.of("csrf", csrf, "email", "a\0@example.com"));
    assertThat(forgot.statusCode()).isEqualTo(400);
    assertThat(forgot.body()).contains(NUL_MESSAGE).contains("value=\"a@example.com\"");

    // A merchant (signed up while Stripe is unreachable, which the platform allows) adds a product.
    String signupCsrf = RunningPlatform.csrf(platform.get(browser, "/signup").body());
    platform.post(browser, "/signup", Map.of("csrf", signupCsrf, "email", "products@example.com",
        "password", "a good long password", "store_name", "Products", "country", "FR"));
    String productCsrf = RunningPlatform.csrf(platform.get(browser, "/products/new").body());
    HttpResponse<String> product = platform.post(browser, "/products", Map.of("csrf", productCsrf, "name", "Hat",
        "description", "Warm\0 and red", "price", "12.00"));
    assertThat(product.statusCode()).isEqualTo(400);
    assertThat(product.body()).contains(NUL_MESSAGE).contains("value=\"Hat\"").contains("Warm and red");
    assertNoInternals(product);
    assertThat(count("SELECT count(*) FROM products")).isZero();
  }

  @Test
  void aMalformedMultipartBodyIsA400PageNotAStackTrace() throws Exception {
    HttpClient browser = RunningPlatform.client();
    platform.get(browser, "/login");
    for (String path : new String[] {"/login", "/signup", "/store", "/products"}) {
      HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(platform.url(path)))
          .header("Content-Type", "multipart/form-data; boundary=comptoir")
          .POST(HttpRequest.BodyPublishers.ofString("--comptoir\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nunfinished"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).as(path).isEqualTo(400);
      assertThat(page.body()).as(path).contains("The form could not be read");
      assertNoInternals(page);
    }
  }
}

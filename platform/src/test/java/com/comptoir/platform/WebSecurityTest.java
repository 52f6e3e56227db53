package com.comptoir.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.testing.RunningPlatform;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every page carries, and what every form needs, checked over real HTTP. */
class WebSecurityTest {
  private static RunningPlatform platform;

  @BeforeAll
  static void start() {
    platform = new RunningPlatform();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void pagesForbidFramingSniffingAndOutsideScriptsAndAreNotCached() throws Exception {
    HttpResponse<String> page = platform.get(RunningPlatform.client(), "/login");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'").contains("style-src 'self'").contains("frame-ancestors 'none'").doesNotContain("script-src");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.body()).doesNotContain("<script").contains("<label for=\"email\">");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
    HttpResponse<String> page = platform.get(RunningPlatform.client(), "/signup");
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("comptoir_session=").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
  }

  @Test
  void aFormPostedWithoutItsCsrfTokenIsRefusedEvenWithASession() throws Exception {
    HttpClient browser = RunningPlatform.client();
    String csrf = RunningPlatform.csrf(platform.get(browser, "/login").body());
    Map<String, String> login = Map.of("email", "nobody@example.com", "password", "whatever password");
    assertThat(platform.post(browser, "/login", login).statusCode()).isEqualTo(403);
    assertThat(platform.post(browser, "/login", Map.of("email", "x@example.com", "password", "y", "csrf", "forged")).statusCode())
        .isEqualTo(403);
    assertThat(platform.post(RunningPlatform.client(), "/login", Map.of("email", "x@example.com", "password", "y", "csrf", csrf))
        .statusCode()).as("another browser's token").isEqualTo(403);
    HttpResponse<String> refused = platform.post(browser, "/signup",
        Map.of("email", "new@example.com", "password", "long enough password", "store_name", "New", "country", "US"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("This form has expired or did not come from this site");
    int merchants = platform.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM merchants").mapTo(Integer.class).one());
    assertThat(merchants).isZero();
    assertThat(platform.post(browser, "/login", Map.of("email", "x@example.com", "password", "wrong password", "csrf", csrf))
        .statusCode()).as("with its token the form is heard").isEqualTo(401);
  }

  @Test
  void merchantPagesSendTheVisitorToLogInAndBack() throws Exception {
    HttpResponse<String> page = platform.get(RunningPlatform.client(), "/products/new");
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Fproducts%2Fnew");
    assertThat(platform.get(RunningPlatform.client(), "/operator").headers().firstValue("Location"))
        .hasValue("/operator/login?next=%2Foperator");
  }

  @Test
  void anOversizedPostIsA413Page() throws Exception {
    HttpClient browser = RunningPlatform.client();
    String csrf = RunningPlatform.csrf(platform.get(browser, "/login").body());
    HttpResponse<String> page = platform.post(browser, "/login", Map.of("csrf", csrf, "email", "x".repeat(4 * 1024 * 1024)));
    assertThat(page.statusCode()).isEqualTo(413);
    assertThat(page.body()).contains("too large");
  }

  @Test
  void anUnknownPageIsAReadable404() throws Exception {
    HttpResponse<String> page = platform.get(RunningPlatform.client(), "/no/such/page");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("Page not found");
  }
}

package com.comptoir.platform.merchants;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.platform.testing.RunningPlatform;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over real HTTP, from several client addresses (any 127.x.y.z reaches the platform): strangers
 * guessing a merchant's password from many addresses slow down browsers that never logged in as
 * that merchant, but not the merchant's own browser, which the device cookie of its last log-in
 * vouches for.
 */
class LoginLockoutTest {
  private static RunningPlatform platform;

  @BeforeAll
  static void start() {
    platform = new RunningPlatform();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static HttpClient browserAt(String address) throws Exception {
    return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .localAddress(InetAddress.getByName(address)).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static HttpResponse<String> logIn(HttpClient browser, String email, String password) throws Exception {
    String csrf = RunningPlatform.csrf(platform.get(browser, "/login").body());
    return platform.post(browser, "/login", Map.of("csrf", csrf, "email", email, "password", password));
  }

  @Test
  void strangersGuessingFromManyAddressesDoNotLockTheMerchantOutOfTheirOwnBrowser() throws Exception {
    String email = "owner@example.com";
    HttpClient owner = browserAt("127.0.0.1");
    String csrf = RunningPlatform.csrf(platform.get(owner, "/signup").body());
    assertThat(platform.post(owner, "/signup", Map.of("csrf", csrf, "email", email, "password", "a good long password",
        "store_name", "Owned", "country", "FR")).statusCode()).isEqualTo(303);
    platform.post(owner, "/logout", Map.of("csrf", RunningPlatform.csrf(platform.get(owner, "/dashboard").body())));
    assertThat(logIn(owner, email, "a good long password").headers().firstValue("Location")).hasValue("/dashboard");
    platform.post(owner, "/logout", Map.of("csrf", RunningPlatform.csrf(platform.get(owner, "/dashboard").body())));

    // Two guesses from each of many addresses: no address is throttled, the e-mail is.
    for (int i = 0; i < LoginThrottle.ACCOUNT_FREE / 2; i++) {
      HttpClient stranger = browserAt("127.0.5." + (i + 1));
      for (int guess = 0; guess < 2; guess++) {
        assertThat(logIn(stranger, email, "guess " + i + "." + guess).statusCode()).isEqualTo(401);
      }
    }
    HttpResponse<String> newBrowser = logIn(browserAt("127.0.6.1"), email, "a good long password");
    assertThat(newBrowser.statusCode()).as("a browser that never logged in as this merchant").isEqualTo(429);
    assertThat(newBrowser.body()).contains("Too many failed attempts");

    HttpResponse<String> own = logIn(owner, email, "a good long password");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(303);
    assertThat(own.headers().firstValue("Location")).hasValue("/dashboard");
  }
}

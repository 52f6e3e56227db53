package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A hosted page's form with a NUL character, or a multipart body cut short: a 400 page that says what to do, never a 500. */
class HostedFormsTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  @Test
  void aNulInAnOnboardingFieldIsRefusedWithAReadablePage() {
    String account = DashboardVisitor.standardAccount(http, DashboardVisitor.email("nul"), "Nul's Shop");
    StripeHttp.Response link = http.post("/v1/account_links", Map.of("account", account, "type", "account_onboarding",
        "refresh_url", "https://example.com/reauth", "return_url", "https://example.com/return"));
    DashboardVisitor holder = new DashboardVisitor(processor);
    holder.get(URI.create(link.json().get("url").asText()).getPath());
    String csrf = holder.get("/onboarding/verify").csrf();

    Page refused = holder.post("/onboarding/verify", List.of(Map.entry("csrf", csrf), Map.entry("phone", "000 000\0 0000"),
        Map.entry("code", "000000")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("text/html");
    assertThat(refused.body()).contains("NUL character").doesNotContain("Exception").doesNotContain("api_error");

    // the form still works with what a person types
    Page verified = holder.post("/onboarding/verify", List.of(Map.entry("csrf", csrf), Map.entry("phone", "000 000 0000"),
        Map.entry("code", "000000")));
    assertThat(verified.status()).as(verified.body()).isEqualTo(302);
  }

  @Test
  void aMultipartBodyCutShortOnAHostedPageIsA400Page() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(processor.url() + "/onboarding/verify"))
        .header("Content-Type", "multipart/form-data; boundary=comptoir")
        .POST(HttpRequest.BodyPublishers.ofString("--comptoir\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nunfinished"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("The form could not be read");
  }
}

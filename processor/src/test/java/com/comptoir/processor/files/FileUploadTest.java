package com.comptoir.processor.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.store.Ids;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Account;
import com.stripe.model.File;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountUpdateParams;
import com.stripe.param.FileCreateParams;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** A platform uploads a shop's logo with stripe-java and puts it on the connected account's branding. */
class FileUploadTest {
  /** A 1×1 PNG. */
  private static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  private final TestProcessor processor = TestProcessor.get();
  private final StripeClient stripe = StripeClient.builder().setApiKey(processor.secretKey())
      .setApiBase(processor.url()).setFilesBase(processor.url()).build();
  private final String account = processor.http().post("/v1/accounts", Map.of("type", "express")).json().get("id").asText();
  private final RequestOptions onShop = RequestOptions.builder().setStripeAccount(account).build();

  @Test
  void aLogoUploadedOnTheConnectedAccountBecomesItsBrandingAndIsServed() throws Exception {
    File file = stripe.v1().files().create(FileCreateParams.builder().setPurpose(FileCreateParams.Purpose.BUSINESS_LOGO)
        .setFile(new ByteArrayInputStream(PNG)).build(), onShop);
    assertThat(file.getId()).startsWith("file_");
    assertThat(file.getPurpose()).isEqualTo("business_logo");
    assertThat(file.getType()).isEqualTo("png");
    assertThat(file.getSize()).isEqualTo(PNG.length);

    Account updated = stripe.v1().accounts().update(account, AccountUpdateParams.builder()
        .setSettings(AccountUpdateParams.Settings.builder().setBranding(AccountUpdateParams.Settings.Branding.builder()
            .setLogo(file.getId()).build()).build()).build());
    assertThat(updated.getSettings().getBranding().getLogo()).isEqualTo(file.getId());

    HttpResponse<byte[]> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(processor.url() + file.getUrl())).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(served.body()).isEqualTo(PNG);
    // branding is shown on hosted pages to anyone, so anyone (and any cache) may fetch it
    assertThat(served.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).startsWith("public"));
    // the file is the connected account's: the platform's own account does not have it
    assertThat(processor.http().get("/v1/files/" + file.getId()).status()).isEqualTo(404);
    assertThat(processor.http().header("Stripe-Account", account).get("/v1/files/" + file.getId()).status()).isEqualTo(200);
  }

  @Test
  void aLogoThatIsNotAnImageIsRefused() {
    assertThatThrownBy(() -> stripe.v1().files().create(FileCreateParams.builder().setPurpose(FileCreateParams.Purpose.BUSINESS_LOGO)
        .setFile(new ByteArrayInputStream("<svg/>".getBytes())).build(), onShop))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam()).isEqualTo("file"));
  }

  @Test
  void anUploadWithoutAFileNamesTheMissingParameter() {
    StripeHttp.Response r = processor.http().post("/v1/files", Map.of("purpose", "business_logo"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("parameter_missing");
    assertThat(r.json().at("/error/param").asText()).isEqualTo("file");
  }

  @Test
  void anIdentityDocumentIsServedOnlyToItsOwnersKey() throws Exception {
    File file = stripe.v1().files().create(FileCreateParams.builder().setPurpose(FileCreateParams.Purpose.IDENTITY_DOCUMENT)
        .setFile(new ByteArrayInputStream(PNG)).build(), onShop);

    // with nothing but the id: refused as the API refuses a request without a key, and not kept by any cache
    StripeHttp.Response anonymous = processor.http().withoutKey().get(file.getUrl());
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(anonymous.header("Cache-Control")).doesNotContain("public").contains("no-store");
    // a missing id answers the same, so the route does not tell which ids exist
    assertThat(processor.http().withoutKey().get("/files/file_doesnotexist").status()).isEqualTo(401);

    // a sibling connected account of the same platform, and another platform: not found, as on Stripe
    String sibling = processor.http().post("/v1/accounts", Map.of("type", "express")).json().get("id").asText();
    StripeHttp.Response asSibling = processor.http().header("Stripe-Account", sibling).get(file.getUrl());
    assertThat(asSibling.status()).isEqualTo(404);
    assertThat(asSibling.json().at("/error/code").asText()).isEqualTo("resource_missing");
    StripeHttp.Response asOtherPlatform = otherPlatform().header("Stripe-Account", null).get(file.getUrl());
    assertThat(asOtherPlatform.status()).isEqualTo(404);
    assertThat(asOtherPlatform.body()).doesNotContain("PNG");

    // the owner (the platform's key acting as the shop) gets the bytes, privately
    StripeHttp.Response owner = processor.http().header("Stripe-Account", account).get(file.getUrl());
    assertThat(owner.status()).isEqualTo(200);
    assertThat(owner.header("Content-Type")).isEqualTo("image/png");
    assertThat(owner.header("Cache-Control")).doesNotContain("public");
  }

  @Test
  void aFileNameWithANulIsRefusedWithAStripeErrorNotA500() throws Exception {
    String boundary = "comptoirboundary";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbusiness_logo\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo\0.png\"\r\nContent-Type: image/png\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write(head);
    body.write(PNG);
    body.write(tail);
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(processor.url() + "/v1/files"))
        .header("Authorization", "Bearer " + processor.secretKey()).header("Stripe-Account", account)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    com.fasterxml.jackson.databind.JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("error");
    // refused as the multipart body it is (a NUL has no place in a part's header), as a Stripe error, not a 500
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
  }

  /** A second platform on the same processor, with its own secret key. */
  private StripeHttp otherPlatform() {
    String id = Ids.account();
    String key = "sk_test_" + Ids.random(24);
    Jdbi.create(processor.dataSource()).useTransaction(h -> {
      h.createUpdate("INSERT INTO accounts (id, platform_id, created) VALUES (:id, NULL, :created)")
          .bind("id", id).bind("created", System.currentTimeMillis() / 1000).execute();
      h.createUpdate("INSERT INTO api_keys (secret, account_id, kind, created) VALUES (:key, :id, 'secret', 0)")
          .bind("key", key).bind("id", id).execute();
    });
    return processor.http().withKey(key);
  }
}

package com.comptoir.processor.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}

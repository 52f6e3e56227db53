package com.comptoir.processor.api;

import static com.comptoir.processor.api.Wire.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Metadata limits (fact sheet §1.11): 50 keys, keys of 40 characters, values of 500. */
class MetadataLimitsTest {
  private final StripeHttp http = Wire.http();

  private static String keys(int count, String prefix) {
    return IntStream.range(0, count).mapToObj(i -> "metadata[" + prefix + i + "]=v").collect(Collectors.joining("&"));
  }

  @Test
  void fiftyKeysAreAcceptedAndFiftyOneAreRefused() {
    StripeHttp.Response ok = http.postRaw("/v1/accounts", keys(50, "k"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("metadata").size()).isEqualTo(50);
    assertThat(assertInvalid(http.postRaw("/v1/accounts", keys(51, "k")), null, "metadata").get("message").asText())
        .contains("50");
  }

  @Test
  void aFortyCharacterKeyIsAcceptedAndFortyOneIsRefused() {
    String forty = "k".repeat(40);
    StripeHttp.Response ok = http.postRaw("/v1/accounts", "metadata[" + forty + "]=v");
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("metadata").has(forty)).isTrue();
    String fortyOne = "k".repeat(41);
    assertInvalid(http.postRaw("/v1/accounts", "metadata[" + fortyOne + "]=v"), null, "metadata[" + fortyOne + "]");
  }

  @Test
  void aFiveHundredCharacterValueIsAcceptedAndFiveHundredOneIsRefused() {
    StripeHttp.Response ok = http.postRaw("/v1/accounts", "metadata[k]=" + "v".repeat(500));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().at("/metadata/k").asText()).hasSize(500);
    assertInvalid(http.postRaw("/v1/accounts", "metadata[k]=" + "v".repeat(501)), null, "metadata[k]");
  }

  @Test
  void limitsCountCharactersNotBytes() {
    StripeHttp.Response ok = http.postRaw("/v1/accounts", "metadata[" + "%C3%A9".repeat(40) + "]=" + "%C3%A9".repeat(500));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
  }

  @Test
  void aValueThatIsAHashIsRefused() {
    assertInvalid(http.postRaw("/v1/accounts", "metadata[k][nested]=v"), null, "metadata[k]");
  }

  @Test
  void theKeyLimitAppliesToTheObjectAfterAnUpdateMerges() {
    String id = http.postRaw("/v1/accounts", keys(30, "a")).json().get("id").asText();
    assertInvalid(http.postRaw("/v1/accounts/" + id, keys(30, "b")), null, "metadata");
  }
}

package com.comptoir.processor.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A delivery signed by the processor verifies with stripe-node's {@code webhooks.constructEvent}; a tampered one does not. */
class NodeWebhookVerificationTest {

  @Test
  void theOfficialNodeSdkVerifiesADeliveryAndRejectsATamperedOne() throws Exception {
    StripeHttp http = TestProcessor.get().http();
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String secret = http.post("/v1/webhook_endpoints", Map.of("url", receiver.url(), "connect", "true",
          "enabled_events[0]", "account.updated")).json().get("secret").asText();
      receiver.secret(secret);
      String account = http.post("/v1/accounts", Map.of()).json().get("id").asText();
      http.post("/v1/accounts/" + account, Map.of("metadata[node]", "yes"));
      var event = receiver.await(e -> account.equals(e.getAccount()), Duration.ofSeconds(15));
      int i = receiver.events().indexOf(event);
      String payload = receiver.payloads().get(i);
      String signature = receiver.signatures().get(i);

      Result ok = verify(payload, signature, secret);
      assertThat(ok.exit()).as(ok.output()).isZero();
      assertThat(ok.output()).contains("verified " + event.getId() + " account.updated " + account);

      Result tampered = verify(payload.replace("\"yes\"", "\"no\""), signature, secret);
      assertThat(tampered.exit()).isEqualTo(1);
      assertThat(tampered.output()).contains("rejected StripeSignatureVerificationError");

      Result wrongSecret = verify(payload, signature, "whsec_someoneElse");
      assertThat(wrongSecret.exit()).isEqualTo(1);
    }
  }

  private record Result(int exit, String output) {}

  private static Result verify(String payload, String signature, String secret) throws Exception {
    Path dir = nodeDir();
    Process node = new ProcessBuilder("node", "verify-webhook.mjs").directory(dir.toFile()).redirectErrorStream(true).start();
    node.getOutputStream().write(new ObjectMapper().writeValueAsBytes(Map.of("payload", payload, "signature", signature, "secret", secret)));
    node.getOutputStream().close();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(node.exitValue(), output);
  }

  private static Path nodeDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("e2e/node");
      if (Files.isDirectory(candidate.resolve("node_modules/stripe"))) {
        return candidate;
      }
    }
    throw new AssertionError("e2e/node/node_modules/stripe is not installed; run ./comptoir test, which installs it");
  }
}

package com.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.database.PostgresCluster;
import com.comptoir.processor.Processor;
import com.comptoir.processor.ProcessorSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code comptoir sandbox create|list|delete} against a running processor, as a script would use it. */
class SandboxCommandTest {
  private static PostgresCluster postgres;
  private static Processor processor;
  private static SandboxCommand command;

  @BeforeAll
  static void start() throws Exception {
    postgres = PostgresCluster.temporary(PostgresCluster.Durability.FAST);
    processor = Processor.start(new ProcessorSettings(postgres.pool("processor", 8), "127.0.0.1", 0, Optional.empty()));
    command = new SandboxCommand(URI.create("http://127.0.0.1:" + processor.port()), processor.secretKey());
  }

  @AfterAll
  static void stop() throws java.io.IOException {
    processor.close();
    postgres.close();
  }

  private record Ran(int status, String out, String err) {}

  private static Ran run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static int get(String path, String key) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.port() + path))
        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void createPrintsShellLinesWhoseKeyWorksAndDeleteStopsIt() throws Exception {
    Ran created = run("create", "--name", "ci run", "--country", "FR");
    assertThat(created.status()).as(created.err()).isZero();
    Map<String, String> vars = new HashMap<>();
    for (String line : created.out().split("\n")) {
      vars.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
    }
    assertThat(vars.get("COMPTOIR_SANDBOX_ID")).startsWith("sbx_");
    assertThat(vars.get("STRIPE_SECRET_KEY")).startsWith("sk_test_").isNotEqualTo(processor.secretKey());
    assertThat(vars.get("STRIPE_PUBLISHABLE_KEY")).startsWith("pk_test_");
    assertThat(get("/v1/account", vars.get("STRIPE_SECRET_KEY"))).isEqualTo(200);

    Ran listed = run("list");
    assertThat(listed.out()).contains(vars.get("COMPTOIR_SANDBOX_ID") + "\t" + vars.get("STRIPE_ACCOUNT_ID")).contains("ci run")
        .contains("\tdefault\t");

    Ran deleted = run("delete", vars.get("COMPTOIR_SANDBOX_ID"));
    assertThat(deleted.status()).as(deleted.err()).isZero();
    assertThat(get("/v1/account", vars.get("STRIPE_SECRET_KEY"))).isEqualTo(401);
    assertThat(run("list").out()).doesNotContain(vars.get("COMPTOIR_SANDBOX_ID"));
  }

  @Test
  void jsonIsTheApisObjectAndErrorsAreReadable() throws Exception {
    Ran json = run("create", "--json");
    assertThat(json.status()).isZero();
    assertThat(json.out()).contains("\"object\" : \"test_helpers.sandbox\"");
    Ran bad = run("create", "--color", "blue");
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.err()).startsWith("comptoir: 400 ").contains("hex color");
    Ran missing = run("delete", "sbx_doesNotExist");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("404").contains("No such sandbox");
    assertThat(run("frobnicate").status()).isEqualTo(2);
    assertThat(new SandboxCommand(URI.create("http://127.0.0.1:1"), "sk_test_x").run(List.of("list"), System.out,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(1);
  }
}

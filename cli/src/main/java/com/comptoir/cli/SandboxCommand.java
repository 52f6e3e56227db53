package com.comptoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code comptoir sandbox create|list|delete}: the running processor's sandboxes API
 * ({@code /v1/test_helpers/sandboxes}) for scripts, with the default sandbox's secret key from the
 * data folder or {@code COMPTOIR_SECRET_KEY}. {@code create} prints shell-style lines
 * ({@code eval "$(./comptoir sandbox create)"}), or the API's JSON with {@code --json}.
 */
final class SandboxCommand {
  static final String USAGE = """
      usage: comptoir sandbox create [--name NAME] [--country CC] [--color #RRGGBB] [--json]
             comptoir sandbox list [--json]
             comptoir sandbox delete sbx_...""";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI api;
  private final String secretKey;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  SandboxCommand(URI api, String secretKey) {
    this.api = api;
    this.secretKey = secretKey;
  }

  /** The processor this launcher's settings point at, with the key the launcher kept. */
  static SandboxCommand of(Settings settings) throws IOException {
    String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1" : settings.host();
    return new SandboxCommand(URI.create("http://" + host + ":" + settings.processorPort()), Launch.keptSecretKey(settings));
  }

  /** Runs {@code args} (after "sandbox"); returns the exit status. */
  int run(List<String> args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
    if (args.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positional = new java.util.ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--json")) {
        options.put("json", "true");
      } else if (a.startsWith("--") && i + 1 < args.size()) {
        options.put(a.substring(2), args.get(++i));
      } else if (a.startsWith("--")) {
        err.println("comptoir: " + a + " needs a value\n" + USAGE);
        return 2;
      } else {
        positional.add(a);
      }
    }
    boolean json = options.remove("json") != null;
    return switch (args.get(0)) {
      case "create" -> create(options, json, out, err);
      case "list" -> list(json, out, err);
      case "delete" -> positional.size() == 1 ? delete(positional.get(0), out, err) : usage(err);
      default -> usage(err);
    };
  }

  private static int usage(PrintStream err) {
    err.println(USAGE);
    return 2;
  }

  private int create(Map<String, String> options, boolean json, PrintStream out, PrintStream err) throws IOException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    for (Map.Entry<String, String> o : options.entrySet()) {
      switch (o.getKey()) {
        case "name" -> form.put("name", o.getValue());
        case "country" -> form.put("country", o.getValue());
        case "color" -> form.put("branding[primary_color]", o.getValue());
        default -> {
          err.println("comptoir: unknown option --" + o.getKey() + "\n" + USAGE);
          return 2;
        }
      }
    }
    JsonNode sandbox = send("POST", "/v1/test_helpers/sandboxes", form, err);
    if (sandbox == null) {
      return 1;
    }
    if (json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sandbox));
    } else {
      out.println("COMPTOIR_SANDBOX_ID=" + sandbox.path("id").asText());
      out.println("STRIPE_SECRET_KEY=" + sandbox.path("secret_key").asText());
      out.println("STRIPE_PUBLISHABLE_KEY=" + sandbox.path("publishable_key").asText());
      out.println("STRIPE_ACCOUNT_ID=" + sandbox.path("account").asText());
      out.println("STRIPE_API_BASE=" + api);
      out.println("COMPTOIR_SANDBOX_DASHBOARD=" + sandbox.at("/dashboard/url").asText());
      out.println("COMPTOIR_SANDBOX_DASHBOARD_EMAIL=" + sandbox.at("/dashboard/email").asText());
      out.println("COMPTOIR_SANDBOX_DASHBOARD_PASSWORD=" + sandbox.at("/dashboard/password").asText());
    }
    return 0;
  }

  private int list(boolean json, PrintStream out, PrintStream err) throws IOException, InterruptedException {
    List<JsonNode> all = new java.util.ArrayList<>();
    String after = null;
    for (int page = 0; page < 1_000; page++) { // bounded: 100,000 sandboxes is past any limit
      JsonNode list = send("GET", "/v1/test_helpers/sandboxes?limit=100" + (after == null ? "" : "&starting_after=" + after), Map.of(), err);
      if (list == null) {
        return 1;
      }
      list.path("data").forEach(all::add);
      if (!list.path("has_more").asBoolean() || all.isEmpty()) {
        break;
      }
      after = all.get(all.size() - 1).path("id").asText();
    }
    if (json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
      return 0;
    }
    for (JsonNode s : all) {
      out.println(String.join("\t", s.path("id").asText(), s.path("account").asText(), s.path("secret_key").asText(),
          s.path("default").asBoolean() ? "default" : "-", s.path("name").asText()));
    }
    return 0;
  }

  private int delete(String id, PrintStream out, PrintStream err) throws IOException, InterruptedException {
    if (!id.matches("sbx_[A-Za-z0-9]+")) {
      err.println("comptoir: a sandbox id looks like sbx_...");
      return 2;
    }
    JsonNode deleted = send("DELETE", "/v1/test_helpers/sandboxes/" + id, Map.of(), err);
    if (deleted == null) {
      return 1;
    }
    out.println("deleted " + deleted.path("id").asText() + "; its keys no longer work and its data is being removed");
    return 0;
  }

  /** The API's answer, or null after printing its error (or why the processor could not be reached). */
  private JsonNode send(String method, String path, Map<String, String> form, PrintStream err) throws IOException, InterruptedException {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + secretKey)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      err.println("comptoir: no processor answers at " + api + "; start it with ./comptoir start (or ./comptoir processor)");
      return null;
    }
    JsonNode answer = JSON.readTree(response.body());
    if (response.statusCode() != 200) {
      err.println("comptoir: " + response.statusCode() + " " + answer.at("/error/message").asText(response.body()));
      return null;
    }
    return answer;
  }
}

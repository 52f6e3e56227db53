package com.comptoir.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Stripe's OpenAPI document as read from {@code ../shared/stripe-openapi/} beside the project
 * (never copied into it), with {@code nullable} rewritten into JSON Schema, and its operations
 * indexed by method and path template.
 */
final class StripeSpec {
  static final String SHARED_DIR = "shared/stripe-openapi";
  static final String SPEC_FILE = "spec3-2023-09-12.yaml";
  /** The spec is about 4 MB; SnakeYAML refuses documents over 3 MB unless told otherwise. */
  private static final int MAX_YAML_CODE_POINTS = 64 * 1024 * 1024;
  /** How far above the working directory (the module, or the project root) to look. */
  private static final int MAX_ANCESTORS = 4;

  private final JsonNode document;
  private final List<Operation> operations;

  /** One spec operation: its method, its path template split into segments, and its node. */
  record Operation(String method, String path, List<String> segments, JsonNode node) {}

  private StripeSpec(JsonNode document) {
    this.document = document;
    this.operations = index(document.path("paths"));
  }

  /**
   * Where a file of Stripe's OpenAPI folder is: {@code <project>/../shared/stripe-openapi/}. Tests
   * run in the module directory, an IDE may run them in the project root, so the ancestors of the
   * working directory are searched.
   */
  static Optional<Path> locate(String fileName) {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (int i = 0; i <= MAX_ANCESTORS && dir != null; i++, dir = dir.getParent()) {
      Path candidate = dir.resolve(SHARED_DIR).resolve(fileName);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static StripeSpec read(Path file) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_YAML_CODE_POINTS);
    ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
    try {
      JsonNode document = yaml.readTree(file.toFile());
      OpenApiNullable.rewrite(document);
      return new StripeSpec(document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Stripe OpenAPI spec " + file, e);
    }
  }

  /** The whole document, with {@code nullable} already rewritten. */
  JsonNode document() {
    return document;
  }

  /**
   * The operation for {@code method} on a route template such as {@code /v1/accounts/{id}}.
   * Parameter names differ between our routes and the spec, so templates match by position: a
   * parameter segment matches a parameter segment, a literal only the same literal.
   */
  Optional<Operation> operation(String method, String routeTemplate) {
    List<String> segments = segments(routeTemplate);
    String m = method.toLowerCase(Locale.ROOT);
    for (Operation op : operations) {
      if (op.method().equals(m) && sameShape(op.segments(), segments)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /**
   * The JSON pointer of the response schema for {@code status}: the exact code's, else the
   * operation's {@code default} (Stripe's errors). Empty when the operation declares neither.
   */
  static Optional<String> responseSchemaPointer(Operation op, int status) {
    JsonNode responses = op.node().path("responses");
    String code = responses.has(String.valueOf(status)) ? String.valueOf(status) : "default";
    if (responses.path(code).path("content").path("application/json").path("schema").isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of("/paths/" + escape(op.path()) + "/" + op.method() + "/responses/" + code
        + "/content/application~1json/schema");
  }

  private static List<Operation> index(JsonNode paths) {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (op.getValue().has("responses")) {
          operations.add(new Operation(op.getKey(), path.getKey(), segments(path.getKey()), op.getValue()));
        }
      }
    }
    return List.copyOf(operations);
  }

  private static List<String> segments(String template) {
    return List.of(template.replaceAll("/+$", "").split("/", -1));
  }

  private static boolean sameShape(List<String> spec, List<String> route) {
    if (spec.size() != route.size()) {
      return false;
    }
    for (int i = 0; i < spec.size(); i++) {
      boolean specParam = isParameter(spec.get(i));
      boolean routeParam = isParameter(route.get(i));
      if (specParam != routeParam || (!specParam && !spec.get(i).equals(route.get(i)))) {
        return false;
      }
    }
    return true;
  }

  /** {@code {name}} in OpenAPI and Javalin; {@code <name>} is Javalin's slash-accepting form. */
  private static boolean isParameter(String segment) {
    return (segment.startsWith("{") && segment.endsWith("}")) || (segment.startsWith("<") && segment.endsWith(">"));
  }

  /** RFC 6901: a path template is one reference token. */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}

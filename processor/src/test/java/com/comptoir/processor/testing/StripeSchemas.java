package com.comptoir.processor.testing;

import com.comptoir.processor.api.ApiExchange;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Draft4;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.keyword.UnknownKeywordFactory;
import com.networknt.schema.path.PathType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates response bodies against Stripe's OpenAPI spec: finds the operation by method and route
 * template, takes the response schema for the status (the exact code, else {@code default}), and
 * validates with networknt's JSON Schema validator (draft 4, the base of OpenAPI 3.0 schemas).
 *
 * <p>Stripe's response objects are open, so fields the 2023 spec lacks (newer SDKs read them) pass;
 * missing required fields, wrong types, nulls where not nullable and unknown enum values fail. An
 * operation the spec lacks fails too, unless it is one of Stripe's undocumented ones (held to the
 * schema Stripe answers with) or our own (health, test helpers), whose errors must still be
 * Stripe errors.
 */
public final class StripeSchemas {
  /** Only a name: the document is handed to the validator, never fetched. */
  private static final String SPEC_URI = "https://stripe-openapi.invalid/spec3.json";
  private static final String ERROR_SCHEMA = "/components/schemas/error";
  /**
   * Stripe endpoints that the public spec leaves out, by method and route shape, with the schema
   * their success body has.
   */
  private static final Map<String, String> UNDOCUMENTED = Map.of(
      // What the Stripe CLI's "stripe events resend" posts; Stripe answers the event.
      "POST /v1/events/{}/retry", "/components/schemas/event");
  /**
   * Stripe endpoints newer than this spec (2023-08-16): no schema to check their success bodies
   * against here, so their own tests check them against stripe-java's model; errors are checked.
   */
  private static final Set<String> NEWER_THAN_SPEC = Set.of(
      "GET /v1/payment_method_configurations", "GET /v1/payment_method_configurations/{}",
      "POST /v1/payment_method_configurations", "POST /v1/payment_method_configurations/{}");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The fields of an OpenAPI document around its schemas, which the validator sees as keywords. */
  private static final Set<String> OPENAPI_FIELDS =
      Set.of("openapi", "info", "servers", "paths", "components", "security", "tags", "externalDocs");
  /**
   * Draft 4 (OpenAPI 3.0 schemas are its subset), told that OpenAPI's fields and {@code x-}
   * extensions carry no validation, so that only a keyword nobody expected is warned about.
   */
  private static final Dialect OPENAPI_DRAFT_4 = Dialect.builder(SPEC_URI + "#dialect", Draft4.getInstance())
      .unknownKeywordFactory((keyword, context) -> keyword.startsWith("x-") || OPENAPI_FIELDS.contains(keyword)
          ? new NonValidationKeyword(keyword)
          : UnknownKeywordFactory.getInstance().getKeyword(keyword, context))
      .build();

  private final StripeSpec spec;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final Duration loadTime;

  private StripeSchemas(StripeSpec spec, long startNanos) {
    this.spec = spec;
    String document;
    try {
      document = JSON.writeValueAsString(spec.document());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build();
    this.registry = SchemaRegistry.withDefaultDialect(OPENAPI_DRAFT_4,
        builder -> builder.schemaRegistryConfig(config).schemas(Map.of(SPEC_URI, document)));
    this.loadTime = Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Loaded once per JVM: the spec is large. */
  private static final class Shared {
    static final Optional<StripeSchemas> INSTANCE = StripeSpec.locate(StripeSpec.SPEC_FILE).map(StripeSchemas::load);
  }

  /** The spec's schemas, or empty when {@code ../shared/stripe-openapi/} is not beside the project. */
  public static Optional<StripeSchemas> shared() {
    return Shared.INSTANCE;
  }

  /** Why {@link #shared()} is empty, for a test's skip message. */
  public static String absenceReason() {
    return "Stripe's OpenAPI spec was not found: expected ../" + StripeSpec.SHARED_DIR + "/" + StripeSpec.SPEC_FILE
        + " beside the project (looked upwards from " + System.getProperty("user.dir") + ")";
  }

  static StripeSchemas load(Path file) {
    long start = System.nanoTime();
    return new StripeSchemas(StripeSpec.read(file), start);
  }

  /** How long reading and preparing the spec took (each schema is compiled later, on first use). */
  public Duration loadTime() {
    return loadTime;
  }

  /** Every way this answered request disagrees with the spec; empty when it conforms. */
  public List<SchemaViolation> check(ApiExchange exchange) {
    Target target = target(exchange);
    return switch (target) {
      case Target.Exempt exempt -> List.of();
      case Target.Unmatched unmatched -> List.of(violation(exchange, "$", unmatched.problem()));
      case Target.SchemaAt at -> validate(exchange, at.pointer());
    };
  }

  /**
   * Problems of {@code json} against the spec's component schema {@code name} (such as
   * {@code account}), each as {@code "$.where: what"}.
   */
  public List<String> checkComponent(String name, String json) {
    return errors("/components/schemas/" + name, json).stream()
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
        .toList();
  }

  private sealed interface Target {
    /** Our own endpoint that Stripe does not have: nothing to compare a success with. */
    record Exempt() implements Target {}

    record Unmatched(String problem) implements Target {}

    record SchemaAt(String pointer) implements Target {}
  }

  private Target target(ApiExchange e) {
    if (e.routePath() == null) {
      // Refusals before or outside any route (authentication, unknown URLs) are Stripe errors.
      return e.status() >= 400 ? new Target.SchemaAt(ERROR_SCHEMA)
          : new Target.Unmatched("answered " + e.status() + " without a route");
    }
    Optional<StripeSpec.Operation> op = spec.operation(e.method(), e.routePath());
    if (op.isEmpty()) {
      String undocumented = UNDOCUMENTED.get(e.method() + " " + e.routePath().replaceAll("\\{[^/]*}|<[^/]*>", "{}"));
      if (undocumented != null) {
        return new Target.SchemaAt(e.status() >= 400 ? ERROR_SCHEMA : undocumented);
      }
      if (isOurOwn(e.routePath()) || NEWER_THAN_SPEC.contains(e.method() + " " + e.routePath().replaceAll("\\{[^/]*}|<[^/]*>", "{}"))) {
        return e.status() >= 400 ? new Target.SchemaAt(ERROR_SCHEMA) : new Target.Exempt();
      }
      return new Target.Unmatched("the spec has no operation " + e.method() + " " + e.routePath());
    }
    return StripeSpec.responseSchemaPointer(op.get(), e.status())
        .<Target>map(Target.SchemaAt::new)
        .orElseGet(() -> new Target.Unmatched("the spec declares no JSON response " + e.status()
            + " for " + e.method() + " " + op.get().path()));
  }

  /** Endpoints that are ours, not Stripe's: health, and test helpers the spec does not list. */
  private static boolean isOurOwn(String route) {
    return !route.startsWith("/v1/") || route.startsWith("/v1/test_helpers/");
  }

  private List<SchemaViolation> validate(ApiExchange exchange, String pointer) {
    JsonNode body;
    try {
      body = JSON.readTree(exchange.responseBody());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return List.of(violation(exchange, "$", "the body is not JSON: " + abbreviate(exchange.responseBody())));
    }
    return problems(schema(pointer).validate(body)).stream()
        .map(e -> violation(exchange, e.getInstanceLocation().toString(), e.getMessage()))
        .toList();
  }

  private List<Error> errors(String pointer, String json) {
    try {
      return problems(schema(pointer).validate(JSON.readTree(json)));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + abbreviate(json), e);
    }
  }

  /**
   * The validator's errors less those of the {@code {type: "null"}} branches that
   * {@link OpenApiNullable} added: when such an anyOf fails, its real branches say why, and
   * "object found, null expected" beside them only confuses.
   */
  private static List<Error> problems(List<Error> errors) {
    return errors.stream()
        .filter(e -> !("type".equals(e.getKeyword()) && e.getSchemaNode() != null && "null".equals(e.getSchemaNode().asText())))
        .toList();
  }

  private Schema schema(String pointer) {
    return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(SPEC_URI + "#" + p)));
  }

  private static SchemaViolation violation(ApiExchange e, String where, String problem) {
    return new SchemaViolation(e.method(), e.routePath(), e.path(), e.status(), where, problem);
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "(no body)";
    }
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}

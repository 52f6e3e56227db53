package com.comptoir.processor.api;

import com.comptoir.processor.store.Ids;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stripe wire protocol around every endpoint: {@code Request-Id}, authentication and
 * {@code Stripe-Account}, form decoding and parameter checks, {@code Idempotency-Key},
 * {@code expand[]}, and errors as Stripe error objects — never a stack trace.
 */
public final class StripeApi {
  private static final Logger LOG = LoggerFactory.getLogger(StripeApi.class);
  /** The version responses are rendered in when the request names none: the spec's. */
  public static final String DEFAULT_VERSION = "2023-08-16";
  /** Stripe's form bodies are small; this bounds what one request can make us read. */
  public static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final Pattern VERSION = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}(\\.[a-z_]{1,40})?");

  private final Jdbi jdbi;
  /**
   * The processor clock of a sandbox (named by its platform account id) in unix milliseconds, read
   * once per request, for the caller's sandbox, into {@link ApiRequest#nowMillis}.
   */
  private final ToLongFunction<String> clockMillis;
  private final Expander expander;
  private final ApiExchange.Listener listener;
  private volatile RequestRecorder recorder = RequestRecorder.NONE;
  private final List<Route> routes = new ArrayList<>();
  private volatile RateLimiter rateLimiter = RateLimiter.OFF;

  private record Route(String method, String path, Shape.ObjectShape shape, Endpoint endpoint) {}

  public StripeApi(Jdbi jdbi, ToLongFunction<String> clockMillis, Expander expander, ApiExchange.Listener listener) {
    this.jdbi = jdbi;
    this.clockMillis = clockMillis;
    this.expander = expander;
    this.listener = listener;
  }
  /** Where every request made with a valid key is recorded (the Dashboard's Logs), off the request's path. */
  public void recordRequests(RequestRecorder newRecorder) {
    this.recorder = newRecorder;
  }


  /** Limits each key's requests a second from now on (off until called). */
  public void limitRate(RateLimiter limiter) {
    this.rateLimiter = java.util.Objects.requireNonNull(limiter, "limiter");
  }

  public Expander expander() {
    return expander;
  }

  public void get(String path, Shape.ObjectShape shape, Endpoint endpoint) {
    routes.add(new Route("GET", path, withExpand(shape), endpoint));
  }

  public void post(String path, Shape.ObjectShape shape, Endpoint endpoint) {
    routes.add(new Route("POST", path, withExpand(shape), endpoint));
  }

  public void delete(String path, Shape.ObjectShape shape, Endpoint endpoint) {
    routes.add(new Route("DELETE", path, withExpand(shape), endpoint));
  }

  private static Shape.ObjectShape withExpand(Shape.ObjectShape shape) {
    return shape.field("expand", Shape.array(Shape.string()));
  }

  /** Registers the routes and the error rendering on a Javalin being configured. */
  public void install(JavalinConfig config) {
    config.http.maxRequestSize = MAX_BODY_BYTES;
    config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
    // Stripe's routes are GET, POST and DELETE; anything else is an unrecognized request URL.
    config.routes.head("/v1/*", ctx -> respondError(ctx, unrecognized(ctx), newRequestId()));
    for (Route route : routes) {
      switch (route.method()) {
        case "GET" -> config.routes.get(route.path(), ctx -> serve(ctx, route));
        case "POST" -> config.routes.post(route.path(), ctx -> serve(ctx, route));
        case "DELETE" -> config.routes.delete(route.path(), ctx -> serve(ctx, route));
        default -> throw new IllegalStateException(route.method());
      }
    }
    config.routes.error(404, ctx -> {
      // Javalin runs this for every 404; a route's own answer (resource_missing) stays as it is.
      if (ctx.resultInputStream() == null && (ctx.path().startsWith("/v1/") || ctx.path().equals("/v1"))) {
        answerUnrecognized(ctx);
      }
    });
    config.routes.error(405, ctx -> {
      if (ctx.resultInputStream() == null) {
        answerUnrecognized(ctx);
      }
    });
    config.routes.exception(HttpResponseException.class, (e, ctx) -> {
      if (e.getStatus() == 404 || e.getStatus() == 405) {
        answerUnrecognized(ctx);
        return;
      }
      respondError(ctx, e.getStatus() == 413 ? tooLarge()
          : new StripeError(400, "invalid_request_error", null, null, "The request could not be read."), newRequestId());
    });
    config.routes.exception(Exception.class, (e, ctx) -> {
      String requestId = newRequestId();
      LOG.error("request {} {} {} failed", requestId, ctx.method(), ctx.path(), e);
      respondError(ctx, internal(), requestId);
    });
  }

  /**
   * A URL the API does not have. It is recorded for the Logs like any request made with a valid
   * key, since a mistyped path is among the first things a developer looks for there.
   */
  private void answerUnrecognized(Context ctx) {
    String requestId = newRequestId();
    long startedMs = System.currentTimeMillis();
    String body = respondError(ctx, unrecognized(ctx), requestId);
    Caller who;
    try {
      who = jdbi.withHandle(h -> Authenticator.authenticate(h, ctx.header("Authorization"), ctx.header("Stripe-Account")));
    } catch (StripeError noValidKey) {
      return; // not a caller of ours: nothing to record
    }
    recorder.record(new RequestRecorder.RecordedRequest(who.platformId(), who.accountId(), requestId, ctx.method().name(),
        ctx.path(), ctx.statusCode(), ctx.header("Stripe-Account"), ctx.header("Idempotency-Key"), startedMs, 0,
        ctx.queryString(), body));
  }

  private static StripeError unrecognized(Context ctx) {
    return new StripeError(404, "invalid_request_error", null, null,
        "Unrecognized request URL (" + ctx.method() + ": " + ctx.path() + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.");
  }

  private static StripeError tooLarge() {
    return new StripeError(413, "invalid_request_error", null, null,
        "The request body is too large: at most " + MAX_BODY_BYTES + " bytes are accepted.");
  }

  private static StripeError internal() {
    return new StripeError(500, "api_error", null, null, "An unknown error occurred while processing your request. Please try again.");
  }

  private void serve(Context ctx, Route route) {
    String requestId = newRequestId();
    ctx.header("Request-Id", requestId);
    long startedNanos = System.nanoTime();
    long startedMs = System.currentTimeMillis();
    Caller[] caller = new Caller[1]; // set once the key is known: only such requests are recorded
    String[] form = {null};
    String[] answer = {null};
    try {
      String version = ctx.header("Stripe-Version");
      if (version != null && !VERSION.matcher(version).matches()) {
        throw StripeError.invalid(null, "Invalid Stripe API version: " + version);
      }
      ctx.header("Stripe-Version", version == null ? DEFAULT_VERSION : version);
      // Stripe's bodies are UTF-8 whatever the Content-Type claims; a bogus charset is no reason to fail.
      boolean multipart = ctx.isMultipartFormData();
      Map<String, ApiRequest.Upload> uploads = new java.util.LinkedHashMap<>();
      String rawForm;
      if ("GET".equals(route.method()) || "DELETE".equals(route.method())) {
        rawForm = ctx.queryString();
      } else if (multipart) {
        rawForm = readMultipart(ctx, uploads);
      } else {
        // Stripe's bodies are UTF-8 whatever the Content-Type claims; a bogus charset is no reason to fail.
        rawForm = new String(ctx.bodyAsBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      form[0] = rawForm;
      String idempotencyKey = "POST".equals(route.method()) ? ctx.header("Idempotency-Key") : null;
      if (idempotencyKey != null) {
        Idempotency.checkKey(idempotencyKey);
        ctx.header("Idempotency-Key", idempotencyKey);
      }
      Outcome outcome = "GET".equals(route.method())
          ? jdbi.withHandle(h -> execute(h, ctx, route, rawForm, requestId, null, uploads, caller))
          : jdbi.inTransaction(h -> execute(h, ctx, route, rawForm, requestId, idempotencyKey, uploads, caller));
      if (outcome.replayed()) {
        ctx.header("Idempotent-Replayed", "true");
      }
      if (outcome.status() >= 400) {
        ctx.header("Stripe-Should-Retry", "false");
      }
      ctx.status(outcome.status()).contentType("application/json").result(outcome.body());
      answer[0] = outcome.body();
      listener.answered(new ApiExchange(ctx.method().name(), route.path(), ctx.path(), outcome.status(), outcome.body()));
    } catch (StripeError e) {
      answer[0] = respondError(ctx, e, requestId);
    } catch (HttpResponseException e) {
      answer[0] = respondError(ctx, e.getStatus() == 413 ? tooLarge() : new StripeError(400, "invalid_request_error", null, null,
          "The request could not be read."), requestId);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof StripeError se) {
        answer[0] = respondError(ctx, se, requestId);
      } else {
        LOG.error("request {} {} {} failed", requestId, ctx.method(), ctx.path(), e);
        answer[0] = respondError(ctx, internal(), requestId);
      }
    } finally {
      if (caller[0] != null) {
        Caller who = caller[0];
        recorder.record(new RequestRecorder.RecordedRequest(who.platformId(), who.accountId(), requestId, ctx.method().name(),
            ctx.path(), ctx.statusCode(), ctx.header("Stripe-Account"), ctx.header("Idempotency-Key"), startedMs,
            (int) java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), form[0],
            answer[0] == null ? "" : answer[0]));
      }
    }
  }

  private record Outcome(int status, String body, boolean replayed) {}

  /** File uploads: the text parts are parameters like any form's, the file parts are kept aside. */
  private static String readMultipart(Context ctx, Map<String, ApiRequest.Upload> uploads) {
    try {
      StringBuilder form = new StringBuilder();
      ctx.formParamMap().forEach((k, values) -> values.forEach(v -> form.append(form.isEmpty() ? "" : "&")
          .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
          .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8))));
      for (var entry : ctx.uploadedFileMap().entrySet()) {
        var file = entry.getValue().get(0);
        uploads.put(entry.getKey(), new ApiRequest.Upload(file.filename(), file.contentType(), file.contentAndClose(in -> {
          try {
            return in.readAllBytes();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        })));
      }
      return form.toString();
    } catch (StripeError e) {
      throw e;
    } catch (Exception e) { // Javalin (Kotlin) can throw the servlet's checked exceptions undeclared
      // A malformed multipart body (bad boundary, truncated part) is the client's, not a crash.
      throw StripeError.invalid(null, "The multipart/form-data body could not be read: check its boundary and parts.");
    }
  }

  private Outcome execute(Handle h, Context ctx, Route route, String rawForm, String requestId, String idempotencyKey,
      Map<String, ApiRequest.Upload> uploads, Caller[] known) {
    // Stripe's order: who is asking, then what they ask. Nothing is written before both pass,
    // and a refusal here is not kept for the idempotency key, so it can be retried.
    Caller caller = Authenticator.authenticate(h, ctx.header("Authorization"), ctx.header("Stripe-Account"));
    known[0] = caller;
    rateLimiter.acquire(caller.apiKey());
    Map<String, Object> raw = FormDecoder.decode(rawForm);
    Params params = route.shape().checkRequest(raw);
    Expander.checkPaths(params.strings("expand"));
    String version = ctx.header("Stripe-Version");
    ApiRequest request = new ApiRequest(requestId, route.method(), ctx.path(), caller, params, ctx.pathParamMap(), idempotencyKey,
        clockMillis.applyAsLong(caller.platformId()), version == null ? DEFAULT_VERSION : version, uploads);
    String scope = Idempotency.scope(caller);
    String hash = idempotencyKey == null ? null : Idempotency.hash(route.method(), ctx.path(), raw);
    if (idempotencyKey != null) {
      Optional<Idempotency.Stored> stored = Idempotency.begin(h, scope, idempotencyKey, hash, request.now());
      if (stored.isPresent()) {
        return new Outcome(stored.get().status(), stored.get().body(), true);
      }
    }
    Outcome outcome;
    try {
      outcome = render(h, request, route.endpoint().handle(request, h));
    } catch (StripeError e) {
      if (idempotencyKey == null || e.status() >= 500) {
        throw e;
      }
      // Execution had begun: Stripe keeps this answer for the key too. The request's writes are
      // rolled back with the exception, so the error is stored by a transaction of its own.
      // (jdbi.open: a handle of its own; nested jdbi calls on this thread would reuse the request's.)
      String body = Json.write(e.toJson(null));
      try (Handle other = jdbi.open()) {
        other.createUpdate("""
                INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created)
                VALUES (:s, :k, :hash, :status, :body, :created) ON CONFLICT DO NOTHING""")
            .bind("s", scope).bind("k", idempotencyKey).bind("hash", hash)
            .bind("status", e.status()).bind("body", body).bind("created", request.now())
            .execute();
      }
      throw e;
    }
    if (idempotencyKey != null) {
      Idempotency.finish(h, scope, idempotencyKey, hash, outcome.status(), outcome.body(), request.now());
    }
    return outcome;
  }

  private Outcome render(Handle h, ApiRequest request, Object result) {
    List<String> expand = request.expand();
    return switch (result) {
      case ObjectNode body -> new Outcome(200, Json.write(expanded(h, request, body, expand)), false);
      case ApiResponse r when r.rawJson() != null && expand.isEmpty() -> new Outcome(r.status(), r.rawJson(), false);
      case ApiResponse r when r.rawJson() != null -> new Outcome(r.status(), Json.write(expanded(h, request, Json.parseObject(r.rawJson()), expand)), false);
      case ApiResponse r -> new Outcome(r.status(), Json.write(expanded(h, request, r.body(), expand)), false);
      default -> throw new IllegalStateException("endpoint returned " + result);
    };
  }

  private ObjectNode expanded(Handle h, ApiRequest request, ObjectNode body, List<String> expand) {
    if (!expand.isEmpty()) {
      expander.expand(h, request.caller(), body, expand);
    }
    return body;
  }

  /** Answers with {@code e} as Stripe does; returns the body sent. */
  private String respondError(Context ctx, StripeError e, String requestId) {
    ctx.header("Request-Id", requestId);
    if (e.status() == 409 || e.status() == 429) {
      ctx.header("Stripe-Should-Retry", "true");
    } else if (e.status() < 500) {
      ctx.header("Stripe-Should-Retry", "false");
    }
    String body = Json.write(e.toJson(null));
    ctx.status(e.status()).contentType("application/json").result(body);
    listener.answered(new ApiExchange(ctx.method().name(), null, ctx.path(), e.status(), body));
    return body;
  }

  static String newRequestId() {
    return "req_" + Ids.random(14);
  }
}

package com.comptoir.processor.api;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Stripe error object on its way to the client: HTTP status, {@code type}, {@code code},
 * {@code param} in bracket form and a readable message (fact sheet §2). Thrown anywhere in a
 * request; the API layer renders it as {@code {"error": {...}}}.
 */
public final class StripeError extends RuntimeException {
  private final int status;
  private final String type;
  private final String code;
  private final String param;
  private final Map<String, Object> extra = new LinkedHashMap<>();

  public StripeError(int status, String type, String code, String param, String message) {
    super(message, null, false, false); // control flow, not a crash: no stack trace
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  public static StripeError invalidRequest(String code, String param, String message) {
    return new StripeError(400, "invalid_request_error", code, param, message);
  }

  public static StripeError missing(String param) {
    return invalidRequest("parameter_missing", param, "Missing required param: " + param + ".");
  }

  public static StripeError unknown(List<String> params) {
    String message =
        params.size() == 1
            ? "Received unknown parameter: " + params.get(0)
            : "Received unknown parameters: " + String.join(", ", params);
    return invalidRequest("parameter_unknown", params.get(0), message);
  }

  public static StripeError invalidInteger(String param, String value) {
    return invalidRequest("parameter_invalid_integer", param, "Invalid integer: " + value);
  }

  public static StripeError invalidEmpty(String param) {
    return invalidRequest(
        "parameter_invalid_empty",
        param,
        "You passed an empty string for '" + param + "'. We assume empty values are an attempt to unset a parameter; however '"
            + param + "' cannot be unset. You should remove '" + param + "' from your request or supply a non-empty value.");
  }

  public static StripeError invalid(String param, String message) {
    return invalidRequest(null, param, message);
  }

  /** 404 for an object the caller's account does not have; Stripe does not say whether it exists elsewhere. */
  public static StripeError noSuch(String objectName, String id, String param) {
    return new StripeError(404, "invalid_request_error", "resource_missing", param, "No such " + objectName + ": '" + id + "'");
  }

  public StripeError with(String field, Object value) {
    extra.put(field, value);
    return this;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String code() {
    return code;
  }

  public String param() {
    return param;
  }

  /** The error object as Stripe renders it. */
  public ObjectNode toJson(String requestLogUrl) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    if (code != null) {
      error.put("code", code);
      error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
    }
    extra.forEach((k, v) -> error.set(k, Json.MAPPER.valueToTree(v)));
    error.put("message", getMessage());
    if (param != null) {
      error.put("param", param);
    }
    if (requestLogUrl != null) {
      error.put("request_log_url", requestLogUrl);
    }
    error.put("type", type);
    return root;
  }
}

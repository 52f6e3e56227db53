package com.comptoir.processor.api;

import java.util.List;
import java.util.Map;

/**
 * One authenticated, checked API request as an endpoint sees it.
 *
 * @param nowMillis the processor clock when the request started, in unix milliseconds
 * @param stripeVersion the {@code Stripe-Version} the request named, or the default
 * @param uploads the file parts of a multipart request, by field name (empty otherwise)
 */
public record ApiRequest(
    String requestId,
    String method,
    String path,
    Caller caller,
    Params params,
    Map<String, String> pathParams,
    String idempotencyKey,
    long nowMillis,
    String stripeVersion,
    Map<String, Upload> uploads) {

  /** A file part of a multipart request ({@code POST /v1/files}). */
  public record Upload(String filename, String contentType, byte[] content) {}

  /** The processor clock when the request started, in unix seconds. */
  public long now() {
    return Math.floorDiv(nowMillis, 1000);
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  public List<String> expand() {
    return params.strings("expand");
  }
}

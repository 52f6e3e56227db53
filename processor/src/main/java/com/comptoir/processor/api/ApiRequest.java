package com.comptoir.processor.api;

import java.util.List;
import java.util.Map;

/**
 * One authenticated, checked API request as an endpoint sees it.
 *
 * @param now the processor clock's unix seconds when the request started
 */
public record ApiRequest(
    String requestId,
    String method,
    String path,
    Caller caller,
    Params params,
    Map<String, String> pathParams,
    String idempotencyKey,
    long now) {

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  public List<String> expand() {
    return params.strings("expand");
  }
}

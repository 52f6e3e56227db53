package com.comptoir.processor.api;

/**
 * One answered API request, as seen by an {@link Listener}: the route template that served it
 * (such as {@code /v1/accounts/{account}}), or null when no route matched.
 */
public record ApiExchange(String method, String routePath, String path, int status, String responseBody) {

  /**
   * Told of every answered API request, after the response is decided, on the request's thread.
   * For observation (access logs, metrics, conformance checks); it cannot change the response.
   */
  @FunctionalInterface
  public interface Listener {
    void answered(ApiExchange exchange);

    Listener NONE = exchange -> {};
  }
}
